import type { SubgraphContext } from '@mitgen/subgraph-kit';

/** Whose non-public data the caller may see: everything (coordinator) or that of its own partner. */
export interface ViewerScope {
  all: boolean;
  /** Partner ids the caller edits (empty for the public and API keys). */
  own: string[];
}

/** The caller's scope; API keys read like the public (they are attributed, not privileged). */
export function viewerScope(ctx: SubgraphContext): ViewerScope {
  const p = ctx.principal;
  if (p.role === 'COORDINATOR') return { all: true, own: [] };
  if (p.role === 'PARTNER_EDITOR' && p.partnerId) return { all: false, own: [p.partnerId] };
  return { all: false, own: [] };
}

/** A stable loader-name suffix for per-argument loaders (`first`/`after` differ per field use). */
export const pageKey = (page: { first: number; after?: string | null }) => `${page.first}:${page.after ?? ''}`;
