import { randomUUID } from 'node:crypto';

// What the gateway passes on to the subgraphs about a request, in a module without database or
// GraphQL dependencies: the gateway imports it through `runtime` and so never loads TypeORM.

/** Headers in which the gateway passes on the client's address and user agent. */
export const CLIENT_IP_HEADER = 'x-mitgen-client-ip';
export const CLIENT_UA_HEADER = 'x-mitgen-client-ua';
/** Header by which the gateway asks a subgraph for the entity tags of its answer (value `1`; cache-tags.ts). */
export const CACHE_TAGS_HEADER = 'x-mitgen-cache-tags';
/** Key of the entity tags in a subgraph answer's `extensions`. */
export const CACHE_TAGS_EXTENSION = 'cacheTags';

/** Request id from the gateway (or a new one), so log lines of one request can be joined. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : randomUUID();
}
