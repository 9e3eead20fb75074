import type { GraphClient, PublicationStatus } from '@mitgen/subgraph-kit';

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

/** Aliases per request: below the gateway's limit for anonymous callers (MAX_ALIASES, default 15). */
const CHUNK = 12;

/** Topics and regions change rarely: a known one is not asked again for this long. */
const KNOWN_FOR_MS = 10 * 60_000;

type Kind = 'partners' | 'topics' | 'regions' | 'resources';

const FIELD: Record<Kind, (v: string) => string> = {
  partners: (v) => `partner(id: $${v}) { id name status }`,
  topics: (v) => `topic(slug: $${v}) { slug }`,
  regions: (v) => `region(code: $${v}) { code }`,
  resources: (v) => `resource(id: $${v}) { id }`,
};
const TYPE: Record<Kind, string> = { partners: 'ID!', topics: 'String!', regions: 'String!', resources: 'ID!' };

/**
 * The lookup through the gateway: `partner(id)`, `topic(slug)`, `region(code)` and `resource(id)` as
 * aliased root fields, a dozen per request, the requests in parallel — one round trip for a whole
 * event, however many organisers, topics and documents it names.
 */
export function graphReferenceLookup(graph: GraphClient): ReferenceLookup {
  const known = { topics: new Map<string, { slug: string; until: number }>(), regions: new Map<string, number>() };
  return {
    async lookUp(request) {
      const now = Date.now();
      const result: LookupResult = { partners: new Map(), topics: new Map(), regions: new Map(), resources: new Map() };
      const items: Array<{ kind: Kind; key: string }> = [];
      for (const kind of ['partners', 'topics', 'regions', 'resources'] as const) {
        for (const key of new Set(request[kind] ?? [])) {
          const topic = kind === 'topics' ? known.topics.get(key) : undefined;
          if (topic && topic.until > now) result.topics.set(key, topic.slug);
          else if (kind === 'regions' && (known.regions.get(key) ?? 0) > now) result.regions.set(key, true);
          else items.push({ kind, key });
        }
      }
      const chunks = Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
      await Promise.all(
        chunks.map(async (part) => {
          const variables: Record<string, string> = {};
          const vars = part.map((item, i) => {
            variables[`v${i}`] = item.key;
            return `$v${i}: ${TYPE[item.kind]}`;
          });
          const fields = part.map((item, i) => `v${i}: ${FIELD[item.kind](`v${i}`)}`);
          const data = await graph.query<Record<string, Record<string, string> | null>>(`query EventReferences(${vars.join(', ')}) { ${fields.join(' ')} }`, variables);
          part.forEach((item, i) => {
            const answer = data[`v${i}`];
            if (item.kind === 'partners') result.partners.set(item.key, answer ? (answer as unknown as PartnerInfo) : null);
            else if (item.kind === 'topics') {
              result.topics.set(item.key, answer?.slug ?? null);
              if (answer) known.topics.set(item.key, { slug: answer.slug, until: now + KNOWN_FOR_MS });
            } else if (item.kind === 'regions') {
              result.regions.set(item.key, !!answer);
              if (answer) known.regions.set(item.key, now + KNOWN_FOR_MS);
            } else result.resources.set(item.key, !!answer);
          });
        }),
      );
      return result;
    },
  };
}
