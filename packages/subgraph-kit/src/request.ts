import { randomUUID } from 'node:crypto';

// What the gateway passes on to the subgraphs about a request, in a module without database or
// GraphQL dependencies: the gateway imports it through `runtime` and so never loads TypeORM.

/** Headers in which the gateway passes on the client's address and user agent. */
export const CLIENT_IP_HEADER = 'x-mitgen-client-ip';
export const CLIENT_UA_HEADER = 'x-mitgen-client-ua';

/** Request id from the gateway (or a new one), so log lines of one request can be joined. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : randomUUID();
}
