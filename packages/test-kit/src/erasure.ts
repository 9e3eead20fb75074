import { randomUUID } from 'node:crypto';
import { ERASURE_COORDINATOR, erasureMutationName } from '@mitgen/subgraph-kit';
import { gql, type GraphQLResponse } from './http';
import { asPrincipal } from './keys';

// A subgraph's erasure mutation called directly, as the erasure coordinator of the partners
// service calls it through the gateway (tests of each service's part of an erasure).

/** The erasure mutation of `service`, with `$requestId` and `$email`. */
export function erasureOperation(service: string): string {
  return `mutation ($requestId: ID!, $email: String!) { erasure: ${erasureMutationName(service)}(requestId: $requestId, email: $email) { service requestId counts { what count } } }`;
}

/** Runs `service`'s erasure of `email` for a request (a new one unless given) with these headers (default: the erasure coordinator). */
export async function callErasure(url: string, service: string, email: string, options: { requestId?: string; headers?: Record<string, string> } = {}): Promise<GraphQLResponse> {
  const headers = options.headers ?? (await asPrincipal(ERASURE_COORDINATOR, service));
  return gql(url, erasureOperation(service), { requestId: options.requestId ?? randomUUID(), email }, headers);
}

/** The counts of an erasure answer as an object (`{ registrationsAnonymised: 2, … }`); throws on errors. */
export function countsOf(res: GraphQLResponse): Record<string, number> {
  if (res.errors?.length || !res.data?.erasure) throw new Error(`erasure failed: ${JSON.stringify(res.errors ?? res.body)}`);
  return Object.fromEntries((res.data.erasure.counts as { what: string; count: number }[]).map((c) => [c.what, c.count]));
}
