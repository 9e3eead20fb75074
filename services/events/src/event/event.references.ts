import { badInput, domainError, GraphUnavailableError, PublicationStatus } from '@mitgen/subgraph-kit';
import type { EventsContext } from '../context';
import type { LookupRequest, LookupResult } from '../graph/reference-lookup';

/** Error code when the graph cannot be asked; nothing is written then. */
export const REFERENCES_UNAVAILABLE = 'REFERENCES_UNAVAILABLE';

/** A partner named somewhere in an event, with the input field that names it. */
export interface NamedPartner {
  id: string;
  field: string;
}

/** What a create or update names of other services' records — only what it adds (what is stored was checked when it was added). */
export interface EventReferences {
  partners?: readonly NamedPartner[];
  topicSlugs?: readonly string[];
  regionCode?: string | null;
  documentationResourceIds?: readonly string[];
}

/**
 * Checks through the graph, in one batched lookup, that every partner, topic, region and resource
 * an event names exists (as `createResource` does for its provider): BAD_USER_INPUT naming the field
 * otherwise, before anything is written. Returns the current slug of each topic (old slugs of
 * renamed topics map to the current one).
 */
export async function checkEventReferences(ctx: EventsContext, refs: EventReferences): Promise<{ topicSlugs: Map<string, string> }> {
  const request: LookupRequest = {
    partners: [...new Set((refs.partners ?? []).map((p) => p.id))],
    topics: refs.topicSlugs ?? [],
    regions: refs.regionCode ? [refs.regionCode] : [],
    resources: refs.documentationResourceIds ?? [],
  };
  if (!Object.values(request).some((list) => list.length > 0)) return { topicSlugs: new Map() };
  let found: LookupResult;
  try {
    found = await ctx.services.lookup.lookUp(request);
  } catch (e) {
    if (!(e instanceof GraphUnavailableError)) throw e;
    ctx.log.warn({ err: e.message }, '[events] reference lookup through the graph failed');
    throw domainError(REFERENCES_UNAVAILABLE, 'Partners, topics, regions and resources cannot be checked right now (the graph is not reachable); nothing was saved, try again later');
  }
  for (const p of refs.partners ?? []) {
    const partner = found.partners.get(p.id);
    if (!partner) throw badInput(`${p.field}: there is no partner with id ${p.id} (or it is not public)`, p.field);
    if (partner.status === PublicationStatus.ARCHIVED) throw badInput(`${p.field}: ${partner.name} is archived and cannot be named in an event any more`, p.field);
  }
  const unknownTopics = (refs.topicSlugs ?? []).filter((s) => !found.topics.get(s));
  if (unknownTopics.length) throw badInput(`topicSlugs: unknown topic ${unknownTopics.join(', ')} (see the topics query)`, 'topicSlugs');
  if (refs.regionCode && !found.regions.get(refs.regionCode)) throw badInput(`regionCode: unknown region ${refs.regionCode} (see the regions query)`, 'regionCode');
  const unknownResources = (refs.documentationResourceIds ?? []).filter((id) => !found.resources.get(id));
  if (unknownResources.length) {
    throw badInput(`documentationResourceIds: there is no published resource with id ${unknownResources.join(', ')}`, 'documentationResourceIds');
  }
  return { topicSlugs: new Map([...found.topics].flatMap(([asked, topic]) => (topic ? [[asked, topic.slug] as const] : []))) };
}

/** Partners a programme names (presenting partner of an item, a speaker's organisation), with their fields. */
export function programmePartners(items: ReadonlyArray<{ partnerId?: string | null; speakers?: ReadonlyArray<{ partnerId?: string | null }> | null }>): NamedPartner[] {
  return items.flatMap((item, i) => [
    ...(item.partnerId ? [{ id: item.partnerId, field: `programme.${i}.partnerId` }] : []),
    ...(item.speakers ?? []).flatMap((s, j) => (s.partnerId ? [{ id: s.partnerId, field: `programme.${i}.speakers.${j}.partnerId` }] : [])),
  ]);
}
