import { GRAPH_LOOKUP_CHUNK, lookUpThroughGraph, type GraphLookupField, type GraphLookupItem, type PublicationStatus } from '@mitgen/subgraph-kit';
import type { GraphClient } from './graph.client';

/** What the graph says about a partner this service references. */
export interface PartnerInfo {
  id: string;
  name: string;
  status: PublicationStatus;
}

/** The references to look up; any list may be empty. */
export interface LookupRequest {
  partners?: readonly string[];
  topics?: readonly string[];
  regions?: readonly string[];
  contacts?: readonly string[];
}

/** Answers per asked key; null / false where the graph knows none (or does not show it to this service). */
export interface LookupResult {
  partners: Map<string, PartnerInfo | null>;
  /** Current slug per asked slug (old slugs of renamed or merged topics map to the current one). */
  topics: Map<string, string | null>;
  regions: Map<string, boolean>;
  contacts: Map<string, boolean>;
}

/**
 * How the resources service learns about data the partners service owns. Resolvers reach it as
 * `ctx.services.lookup`; tests inject their own. Throws `GraphUnavailableError` when it cannot answer.
 */
export interface ReferenceLookup {
  lookUp(request: LookupRequest): Promise<LookupResult>;
}

type Kind = 'partners' | 'topics' | 'regions';

const FIELDS: Record<Kind, GraphLookupField> = {
  partners: { type: 'ID!', field: (v) => `partner(id: $${v}) { id name status }` },
  topics: { type: 'String!', field: (v) => `topic(slug: $${v}) { slug }` },
  regions: { type: 'String!', field: (v) => `region(code: $${v}) { code }` },
};

/**
 * The lookup through the gateway: `partner(id)`, `topic(slug)` and `region(code)` of the partners
 * service as aliased root fields (the kit's lookUpThroughGraph), and contact persons through this
 * service's own `contactPersonLookup(ids)`, whose `ContactPerson` references the gateway resolves at
 * the partners service (a gone contact comes back as null). Contacts go in their own request, so
 * that a graph without `ContactPerson.name` fails only the contact check.
 */
export function graphReferenceLookup(graph: GraphClient): ReferenceLookup {
  return {
    async lookUp(request) {
      const result: LookupResult = { partners: new Map(), topics: new Map(), regions: new Map(), contacts: new Map() };
      const items: GraphLookupItem<Kind>[] = (['partners', 'topics', 'regions'] as const).flatMap((kind) => [...new Set(request[kind] ?? [])].map((key) => ({ kind, key })));
      const answers = await lookUpThroughGraph(graph, 'ResourceReferences', FIELDS, items);
      items.forEach((item, i) => {
        const answer = answers[i];
        if (item.kind === 'partners') {
          const partner = answer as unknown as PartnerInfo | null;
          result.partners.set(item.key, partner ? { id: partner.id, name: partner.name, status: partner.status } : null);
        } else if (item.kind === 'topics') result.topics.set(item.key, (answer?.slug as string | undefined) ?? null);
        else result.regions.set(item.key, !!answer);
      });
      const contacts = [...new Set(request.contacts ?? [])];
      for (let at = 0; at < contacts.length; at += GRAPH_LOOKUP_CHUNK) {
        const part = contacts.slice(at, at + GRAPH_LOOKUP_CHUNK);
        const data = await graph.query<{ contactPersonLookup: Array<{ id: string } | null> }>(
          'query ResourceContacts($ids: [ID!]!) { contactPersonLookup(ids: $ids) { id name } }',
          { ids: part },
        );
        part.forEach((id, i) => result.contacts.set(id, !!data.contactPersonLookup[i]));
      }
      return result;
    },
  };
}
