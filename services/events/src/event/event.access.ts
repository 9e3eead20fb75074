import { actsFor, forbidden, unauthenticated, type SubgraphContext } from '@mitgen/subgraph-kit';

/** True for coordinators and for editors of one of the event's organising partners. */
export function isOrganiser(ctx: SubgraphContext, organizerIds: readonly string[]): boolean {
  return ctx.principal.role === 'COORDINATOR' || organizerIds.some((id) => actsFor(ctx, id));
}

/** Throws UNAUTHENTICATED (no account) or FORBIDDEN (not an organiser of this event). */
export function assertOrganiser(ctx: SubgraphContext, organizerIds: readonly string[]): void {
  if (isOrganiser(ctx, organizerIds)) return;
  const { role } = ctx.principal;
  if (role === 'ANONYMOUS' || role === 'API_CLIENT') throw unauthenticated('Sign in as a coordinator or an editor of an organising partner');
  throw forbidden('Only coordinators and editors of an organising partner may do this');
}
