import type { GraphClient } from './graph-client';

// Services check that records of other services exist by asking the graph (never another service's
// database): one aliased root field per key, so that a whole change is one round trip.

/** Aliases per request: below the gateway's limit for anonymous callers (MAX_ALIASES, default 15). */
export const GRAPH_LOOKUP_CHUNK = 12;

/** A root field that finds one record by its key: the variable's GraphQL type and the field with its selection. */
export interface GraphLookupField {
  /** GraphQL type of the key variable, e.g. `ID!`. */
  type: string;
  /** The root field for the variable `$name`, e.g. `(v) => \`partner(id: $${v}) { id name status }\``. */
  field: (variable: string) => string;
}

/** One key to look up with the root field of its kind. */
export interface GraphLookupItem<K extends string> {
  kind: K;
  key: string;
}

/**
 * Looks keys up through the graph as aliased root fields (`v0: partner(id: $v0) { … }`), a dozen per
 * request, the requests in parallel. Answers the record per item, in the items' order (null where
 * the graph shows none). Throws the client's `GraphUnavailableError` when the graph cannot answer.
 */
export async function lookUpThroughGraph<K extends string>(
  graph: GraphClient,
  operationName: string,
  fields: Record<K, GraphLookupField>,
  items: readonly GraphLookupItem<K>[],
): Promise<(Record<string, unknown> | null)[]> {
  const chunks = Array.from({ length: Math.ceil(items.length / GRAPH_LOOKUP_CHUNK) }, (_, i) => items.slice(i * GRAPH_LOOKUP_CHUNK, (i + 1) * GRAPH_LOOKUP_CHUNK));
  const answers = await Promise.all(
    chunks.map(async (part) => {
      const variables: Record<string, string> = {};
      const definitions = part.map((item, i) => {
        variables[`v${i}`] = item.key;
        return `$v${i}: ${fields[item.kind].type}`;
      });
      const selections = part.map((item, i) => `v${i}: ${fields[item.kind].field(`v${i}`)}`);
      const data = await graph.query<Record<string, Record<string, unknown> | null>>(`query ${operationName}(${definitions.join(', ')}) { ${selections.join(' ')} }`, variables);
      return part.map((_, i) => data[`v${i}`] ?? null);
    }),
  );
  return answers.flat();
}

/** Keys to look up, per kind of record; any list may be empty or missing. */
export type LookupRequest<A> = { [K in keyof A]?: readonly string[] };

/** Per kind, the record the graph shows for each asked key (null: none, or not shown to this service). */
export type LookupAnswers<A> = { [K in keyof A]: Map<string, A[K] | null> };

/**
 * How a service learns whether records of other services exist (`A`: kind → the record's selected
 * fields). Resolvers reach it as `ctx.services.lookup`; tests inject their own. Throws
 * `GraphUnavailableError` when it cannot answer.
 */
export interface ReferenceLookup<A> {
  lookUp(request: LookupRequest<A>): Promise<LookupAnswers<A>>;
}

/** What a service looks up through the graph, and how. */
export interface GraphReferenceLookupOptions<A> {
  /** Operation name of the lookup requests (shows in the gateway's logs and traces). */
  operationName: string;
  /** The root field finding one record, per kind. */
  fields: { [K in keyof A]: GraphLookupField };
  /** Kinds whose records change rarely: a found record is kept this long (ms) and not asked again. */
  rememberFound?: { [K in keyof A]?: number };
}

/**
 * A `ReferenceLookup` through the graph (lookUpThroughGraph): one round trip for a whole change,
 * however many records of however many kinds it names; asked keys are deduplicated.
 */
export function graphReferenceLookup<A extends object>(graph: GraphClient, options: GraphReferenceLookupOptions<A>): ReferenceLookup<A> {
  type Kind = keyof A & string;
  const kinds = Object.keys(options.fields) as Kind[];
  const remembered = new Map<Kind, Map<string, { record: A[Kind]; until: number }>>(kinds.map((kind) => [kind, new Map()]));
  return {
    async lookUp(request) {
      const now = Date.now();
      const result = Object.fromEntries(kinds.map((kind) => [kind, new Map()])) as LookupAnswers<A>;
      const items: GraphLookupItem<Kind>[] = [];
      for (const kind of kinds) {
        for (const key of new Set(request[kind] ?? [])) {
          const known = remembered.get(kind)!.get(key);
          if (known && known.until > now) result[kind].set(key, known.record);
          else items.push({ kind, key });
        }
      }
      const answers = await lookUpThroughGraph(graph, options.operationName, options.fields as Record<Kind, GraphLookupField>, items);
      items.forEach(({ kind, key }, i) => {
        const record = (answers[i] as A[Kind] | null) ?? null;
        result[kind].set(key, record);
        const keepFor = options.rememberFound?.[kind];
        if (record && keepFor) remembered.get(kind)!.set(key, { record, until: now + keepFor });
      });
      return result;
    },
  };
}
