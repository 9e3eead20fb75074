import type { GraphClient, GraphQueryOptions } from './graph-client';

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
 * `options.language` asks for the texts in a content language (German where there is no translation).
 */
export async function lookUpThroughGraph<K extends string>(
  graph: GraphClient,
  operationName: string,
  fields: Record<K, GraphLookupField>,
  items: readonly GraphLookupItem<K>[],
  options: GraphQueryOptions = {},
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
      const data = await graph.query<Record<string, Record<string, unknown> | null>>(`query ${operationName}(${definitions.join(', ')}) { ${selections.join(' ')} }`, variables, options);
      return part.map((_, i) => data[`v${i}`] ?? null);
    }),
  );
  return answers.flat();
}
