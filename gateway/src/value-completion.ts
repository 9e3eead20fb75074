import { GraphQLError } from 'graphql';

// Apollo Gateway shapes the subgraphs' answers into the client's selection. Where a value does not
// fit the schema it reports it in `extensions.valueCompletion` (code INVALID_GRAPHQL, messages in
// terms of the schema's types), outside `errors`, where clients do not look. In a federated graph
// the usual cause is a reference whose record is gone or hidden (`_entities` answered null, so a
// non-null field of it has no value). Where the reference itself may be null (`Resource.provider`,
// an entry of `Event.organizers`) the null stops there: the documented answer for a record not
// shown, so nothing is reported. Where it spreads further (a `[Topic!]!` entry nulls its list, or
// more), data is missing without a trace: that becomes REFERENCE_NOT_FOUND in `errors`. Anything
// else is a subgraph answering outside its schema: an internal error (masked and logged by
// formatGatewayError).

/** Code of data left out because a referenced record is gone or hidden and the null spread beyond the reference. */
export const REFERENCE_NOT_FOUND = 'REFERENCE_NOT_FOUND';

type Path = readonly (string | number)[];

/** Whether the null of the record at `path` (minus its last key) stopped at the reference to it. */
function stoppedAtReference(data: unknown, path: Path): boolean {
  const record = path.slice(0, -1);
  if (!record.length) return false;
  let container: unknown = data;
  for (const key of record.slice(0, -1)) {
    if (container === null || typeof container !== 'object') return false;
    container = (container as Record<string | number, unknown>)[key];
  }
  return container !== null && typeof container === 'object' && (container as Record<string | number, unknown>)[record[record.length - 1]] === null;
}

/** The documented errors for the gateway's value-completion findings on `data` (none when there is nothing to report). */
export function valueCompletionErrors(findings: unknown, data: unknown): GraphQLError[] {
  if (!Array.isArray(findings)) return [];
  return findings.flatMap((f: { message?: string; path?: Path }) => {
    const path = f.path ? [...f.path] : undefined;
    if (/^Cannot return null for non-nullable /.test(f.message ?? '')) {
      if (path && stoppedAtReference(data, path)) return [];
      return [
        new GraphQLError('A record referenced here is no longer available; the nearest item that may be null is null in this answer', {
          path,
          extensions: { code: REFERENCE_NOT_FOUND },
        }),
      ];
    }
    return [new GraphQLError(f.message ?? 'Invalid value in a subgraph answer', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
  });
}
