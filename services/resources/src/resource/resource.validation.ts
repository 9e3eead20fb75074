import { badInput, domainError, PublicationStatus, type SubgraphContext } from '@mitgen/subgraph-kit';
import { GraphUnavailableError } from '@mitgen/subgraph-kit';
import type { LookupRequest, LookupResult } from '../graph/reference-lookup';
import type { ResourcesDeps } from '../prepare';

/** References of a create or update, as far as they are set or changed. */
export interface ReferencesToCheck {
  provider?: {
    id: string;
    /** False for an editor's own organisation: its id comes from the signed principal, so only the name is looked up. */
    mustExist: boolean;
  };
  topicSlugs?: readonly string[];
  regionCodes?: readonly string[];
  contactIds?: readonly string[];
}

/** What the graph said, ready to store. */
export interface CheckedReferences {
  /** Current slugs, in the order given, without duplicates. */
  topicSlugs?: string[];
  provider?: { name: string; status: PublicationStatus | null } | null;
  /** True when provider and contacts were both checked (then the stale report may trust the copies). */
  complete: boolean;
}

/** Error code when the graph cannot be asked; nothing is written then. */
export const REFERENCES_UNAVAILABLE = 'REFERENCES_UNAVAILABLE';

/**
 * Checks provider, topics, regions and contact persons through the graph (the partners service owns
 * them) in one lookup: anything unknown is BAD_USER_INPUT naming the field, before anything is written.
 */
export async function checkReferences(ctx: SubgraphContext<ResourcesDeps>, refs: ReferencesToCheck): Promise<CheckedReferences> {
  const request: LookupRequest = {
    partners: refs.provider ? [refs.provider.id] : [],
    topics: refs.topicSlugs ?? [],
    regions: refs.regionCodes ?? [],
    contacts: refs.contactIds ?? [],
  };
  // An empty list given (e.g. to clear the topics) is a valid answer that needs no lookup.
  const noTopics = refs.topicSlugs ? [] : undefined;
  const asked = Object.values(request).some((list) => list.length > 0);
  if (!asked) return { complete: false, topicSlugs: noTopics };
  const needed = refs.provider?.mustExist || Object.entries(request).some(([k, list]) => k !== 'partners' && list.length > 0);

  let found: LookupResult;
  try {
    found = await ctx.services.lookup.lookUp(request);
  } catch (e) {
    if (!(e instanceof GraphUnavailableError)) throw e;
    ctx.log.warn({ err: e.message }, '[resources] reference lookup through the graph failed');
    // An editor's own organisation needs no check: store it, and the refresh fills in the name later.
    if (!needed) return { provider: null, topicSlugs: noTopics, complete: false };
    throw domainError(REFERENCES_UNAVAILABLE, 'Provider, topics, regions and contacts cannot be checked right now (the graph is not reachable); nothing was saved, try again later');
  }

  let provider: CheckedReferences['provider'];
  if (refs.provider) {
    const partner = found.partners.get(refs.provider.id) ?? null;
    if (!partner && refs.provider.mustExist) throw badInput('providerId: there is no partner with this id (or it is not visible to the resource pool)', 'providerId');
    if (partner?.status === PublicationStatus.ARCHIVED && refs.provider.mustExist) {
      throw badInput('providerId: this partner is archived; resources need an active provider', 'providerId');
    }
    provider = partner ? { name: partner.name, status: partner.status } : null;
  }
  const unknownTopics = (refs.topicSlugs ?? []).filter((s) => !found.topics.get(s));
  if (unknownTopics.length) throw badInput(`topicSlugs: unknown topic ${unknownTopics.join(', ')} (see the topics query)`, 'topicSlugs');
  const unknownRegions = (refs.regionCodes ?? []).filter((c) => !found.regions.get(c));
  if (unknownRegions.length) throw badInput(`regionCodes: unknown region ${unknownRegions.join(', ')} (see the regions query)`, 'regionCodes');
  const unknownContacts = (refs.contactIds ?? []).filter((id) => !found.contacts.get(id));
  if (unknownContacts.length) throw badInput(`contactIds: unknown contact person ${unknownContacts.join(', ')}`, 'contactIds');

  return {
    provider,
    topicSlugs: refs.topicSlugs ? [...new Set(refs.topicSlugs.map((s) => found.topics.get(s)!.slug))] : undefined,
    complete: !!refs.provider && provider !== null,
  };
}
