// Cache policy lives in the subgraphs: their fields carry `@cacheControl` hints, Apollo Server
// turns the hints of each subgraph answer into its `Cache-Control` header, the gateway's data
// source restricts the request's overall policy with every answer (subgraph-source.ts) and the
// gateway plugin caps it at CACHE_MAX_AGE_SECONDS (plugin.ts). docs/gateway.md explains it.

/** A cache hint as Apollo's cache policy takes it (`@apollo/cache-control-types`). */
export interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/**
 * The hint of a subgraph's `Cache-Control` header, read as Apollo's `RemoteGraphQLDataSource` reads
 * it (`honorSubgraphCacheControlHeader`): `max-age` in seconds, else 0 — no header, `no-store`,
 * `no-cache` or anything unreadable is not cacheable; `private` / `public` set the scope.
 */
export function cacheHintOf(header: string | string[] | undefined): CacheHint {
  // Subgraphs send few distinct headers: each is read once (the hints are frozen, shared).
  if (typeof header !== 'string') return readHint(header);
  let hint = hints.get(header);
  if (!hint) {
    if (hints.size >= 256) hints.clear();
    hints.set(header, (hint = Object.freeze(readHint(header))));
  }
  return hint;
}

const hints = new Map<string, CacheHint>();

function readHint(header: string | string[] | undefined): CacheHint {
  const directives = new Map<string, string>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [key, value = ''] = part.trim().toLowerCase().split(/\s*=\s*/, 2);
    if (key) directives.set(key, value.replace(/^"|"$/g, ''));
  }
  const maxAge = directives.get('max-age') ?? '';
  const hint: CacheHint = { maxAge: /^[0-9]+$/.test(maxAge) && !directives.has('no-store') && !directives.has('no-cache') ? Number(maxAge) : 0 };
  if (directives.has('private')) hint.scope = 'PRIVATE';
  else if (directives.has('public')) hint.scope = 'PUBLIC';
  return hint;
}
