import { GraphQLError } from 'graphql';

// Apollo Gateway shapes the subgraphs' answers into the client's selection. Where a value does not
// fit the schema it reports it in `extensions.valueCompletion` (code INVALID_GRAPHQL, messages in
// terms of the schema's types), outside `errors`, where clients do not look. In a federated graph
// the usual cause is a reference whose record is gone or hidden (`_entities` answered null for a
// non-null field): that becomes REFERENCE_NOT_FOUND in `errors`; anything else is a subgraph
// answering outside its schema, an internal error (masked and logged by formatGatewayError).

/** Code of a null where the schema promises a value because a referenced record is gone or hidden. */
export const REFERENCE_NOT_FOUND = 'REFERENCE_NOT_FOUND';

/** The documented errors for the gateway's value-completion findings (none when there are none). */
export function valueCompletionErrors(findings: unknown): GraphQLError[] {
  if (!Array.isArray(findings)) return [];
  return findings.map((f: { message?: string; path?: readonly (string | number)[] }) => {
    const path = f.path ? [...f.path] : undefined;
    if (/^Cannot return null for non-nullable /.test(f.message ?? '')) {
      return new GraphQLError('A record referenced here is no longer available; the nearest item that may be null is null in this answer', {
        path,
        extensions: { code: REFERENCE_NOT_FOUND },
      });
    }
    return new GraphQLError(f.message ?? 'Invalid value in a subgraph answer', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
}
