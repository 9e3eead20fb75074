import { lookUpThroughGraph, type GraphClient, type GraphLookupField, type GraphLookupItem, type PublicationStatus } from '@mitgen/subgraph-kit';

/** What the graph says about a partner an event names. */
export interface PartnerInfo {
  id: string;
  name: string;
  status: PublicationStatus;
}

/** The references of a change to look up; any list may be empty. */
export interface LookupRequest {
  partners?: readonly string[];
  topics?: readonly string[];
  regions?: readonly string[];
  resources?: readonly string[];
}

/** Answers per asked key; null / false where the graph knows none (or does not show it to this service). */
export interface LookupResult {
  partners: Map<string, PartnerInfo | null>;
  /** Current slug per asked slug (old slugs of renamed or merged topics map to the current one). */
  topics: Map<string, string | null>;
  regions: Map<string, boolean>;
  resources: Map<string, boolean>;
}

/**
 * How the events service learns whether partners, topics, regions (partners service) and resources
 * (resources service) exist. Resolvers reach it as `ctx.services.lookup`; tests inject their own.
 * Throws `GraphUnavailableError` when it cannot answer.
 */
export interface ReferenceLookup {
  lookUp(request: LookupRequest): Promise<LookupResult>;
}

/** Topics and regions change rarely: a known one is not asked again for this long. */
const KNOWN_FOR_MS = 10 * 60_000;

type Kind = 'partners' | 'topics' | 'regions' | 'resources';

const FIELDS: Record<Kind, GraphLookupField> = {
  partners: { type: 'ID!', field: (v) => `partner(id: $${v}) { id name status }` },
  topics: { type: 'String!', field: (v) => `topic(slug: $${v}) { slug }` },
  regions: { type: 'String!', field: (v) => `region(code: $${v}) { code }` },
  resources: { type: 'ID!', field: (v) => `resource(id: $${v}) { id }` },
};

/**
 * The lookup through the gateway (the kit's lookUpThroughGraph): `partner(id)`, `topic(slug)`,
 * `region(code)` and `resource(id)` as aliased root fields — one round trip for a whole event,
 * however many organisers, topics and documents it names.
 */
export function graphReferenceLookup(graph: GraphClient): ReferenceLookup {
  const known = { topics: new Map<string, { slug: string; until: number }>(), regions: new Map<string, number>() };
  return {
    async lookUp(request) {
      const now = Date.now();
      const result: LookupResult = { partners: new Map(), topics: new Map(), regions: new Map(), resources: new Map() };
      const items: GraphLookupItem<Kind>[] = [];
      for (const kind of ['partners', 'topics', 'regions', 'resources'] as const) {
        for (const key of new Set(request[kind] ?? [])) {
          const topic = kind === 'topics' ? known.topics.get(key) : undefined;
          if (topic && topic.until > now) result.topics.set(key, topic.slug);
          else if (kind === 'regions' && (known.regions.get(key) ?? 0) > now) result.regions.set(key, true);
          else items.push({ kind, key });
        }
      }
      const answers = await lookUpThroughGraph(graph, 'EventReferences', FIELDS, items);
      items.forEach((item, i) => {
        const answer = answers[i];
        if (item.kind === 'partners') result.partners.set(item.key, answer ? (answer as unknown as PartnerInfo) : null);
        else if (item.kind === 'topics') {
          const slug = (answer?.slug as string | undefined) ?? null;
          result.topics.set(item.key, slug);
          if (slug) known.topics.set(item.key, { slug, until: now + KNOWN_FOR_MS });
        } else if (item.kind === 'regions') {
          result.regions.set(item.key, !!answer);
          if (answer) known.regions.set(item.key, now + KNOWN_FOR_MS);
        } else result.resources.set(item.key, !!answer);
      });
      return result;
    },
  };
}
