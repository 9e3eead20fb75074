import { graphReferenceLookup, type GraphClient, type LookupAnswers, type LookupRequest as KitLookupRequest, type PublicationStatus, type ReferenceLookup as KitReferenceLookup } from '@mitgen/subgraph-kit';

/** What the graph says about a partner an event names. */
export interface PartnerInfo {
  id: string;
  name: string;
  status: PublicationStatus;
}

/** The records an event names, per kind, with the fields its checks read. */
export interface EventReferenceRecords {
  partners: PartnerInfo;
  /** The current slug (old slugs of renamed or merged topics find the current topic). */
  topics: { slug: string };
  regions: { code: string };
  resources: { id: string };
}

/** The references of a change to look up; any list may be empty. */
export type LookupRequest = KitLookupRequest<EventReferenceRecords>;
/** Answers per asked key; null where the graph knows none (or does not show it to this service). */
export type LookupResult = LookupAnswers<EventReferenceRecords>;
/** How the events service learns whether partners, topics, regions and resources exist (`ctx.services.lookup`). */
export type ReferenceLookup = KitReferenceLookup<EventReferenceRecords>;

/** Topics and regions change rarely: a known one is not asked again for this long. */
const KNOWN_FOR_MS = 10 * 60_000;

/**
 * The lookup through the gateway: `partner(id)`, `topic(slug)`, `region(code)` (partners service) and
 * `resource(id)` (resources service) as aliased root fields, one round trip for a whole event.
 */
export function eventReferenceLookup(graph: GraphClient): ReferenceLookup {
  return graphReferenceLookup<EventReferenceRecords>(graph, {
    operationName: 'EventReferences',
    fields: {
      partners: { type: 'ID!', field: (v) => `partner(id: $${v}) { id name status }` },
      topics: { type: 'String!', field: (v) => `topic(slug: $${v}) { slug }` },
      regions: { type: 'String!', field: (v) => `region(code: $${v}) { code }` },
      resources: { type: 'ID!', field: (v) => `resource(id: $${v}) { id }` },
    },
    rememberFound: { topics: KNOWN_FOR_MS, regions: KNOWN_FOR_MS },
  });
}
