import {
  GRAPH_LOOKUP_CHUNK,
  graphReferenceLookup,
  type GraphClient,
  type LookupAnswers,
  type LookupRequest as KitLookupRequest,
  type PublicationStatus,
  type ReferenceLookup as KitReferenceLookup,
} from '@mitgen/subgraph-kit';

/** What the graph says about a partner this service references. */
export interface PartnerInfo {
  id: string;
  name: string;
  status: PublicationStatus;
}

/** The records a resource names, per kind, with the fields its checks read. */
export interface ResourceReferenceRecords {
  partners: PartnerInfo;
  /** The current slug (old slugs of renamed or merged topics find the current topic). */
  topics: { slug: string };
  regions: { code: string };
  contacts: { id: string };
}

/** The references to look up; any list may be empty. */
export type LookupRequest = KitLookupRequest<ResourceReferenceRecords>;
/** Answers per asked key; null where the graph knows none (or does not show it to this service). */
export type LookupResult = LookupAnswers<ResourceReferenceRecords>;
/** How the resources service learns about data the partners service owns (`ctx.services.lookup`). */
export type ReferenceLookup = KitReferenceLookup<ResourceReferenceRecords>;

/**
 * The lookup through the gateway: `partner(id)`, `topic(slug)` and `region(code)` of the partners
 * service as aliased root fields (the kit's graphReferenceLookup), and contact persons through this
 * service's own `contactPersonLookup(ids)`, whose `ContactPerson` references the gateway resolves at
 * the partners service (a gone contact comes back as null). Contacts go in their own request, so
 * that a graph without `ContactPerson.name` fails only the contact check.
 */
export function resourceReferenceLookup(graph: GraphClient): ReferenceLookup {
  const partnersService = graphReferenceLookup<Omit<ResourceReferenceRecords, 'contacts'>>(graph, {
    operationName: 'ResourceReferences',
    fields: {
      partners: { type: 'ID!', field: (v) => `partner(id: $${v}) { id name status }` },
      topics: { type: 'String!', field: (v) => `topic(slug: $${v}) { slug }` },
      regions: { type: 'String!', field: (v) => `region(code: $${v}) { code }` },
    },
  });
  return {
    async lookUp({ contacts: asked, ...request }) {
      const result: LookupResult = { ...(await partnersService.lookUp(request)), contacts: new Map() };
      const contacts = [...new Set(asked ?? [])];
      for (let at = 0; at < contacts.length; at += GRAPH_LOOKUP_CHUNK) {
        const part = contacts.slice(at, at + GRAPH_LOOKUP_CHUNK);
        const data = await graph.query<{ contactPersonLookup: Array<{ id: string } | null> }>(
          'query ResourceContacts($ids: [ID!]!) { contactPersonLookup(ids: $ids) { id name } }',
          { ids: part },
        );
        part.forEach((id, i) => result.contacts.set(id, data.contactPersonLookup[i] ? { id } : null));
      }
      return result;
    },
  };
}
