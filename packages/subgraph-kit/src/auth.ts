import type { AuthChecker } from 'type-graphql';
import type { Role, SubgraphContext } from './context';
import { forbidden, unauthenticated } from './errors';

/**
 * type-graphql auth checker: `@Authorized()` needs a signed-in account, `@Authorized('COORDINATOR')`
 * one of the listed roles. Coordinators pass every check. Ownership (editor ↔ partner) is checked
 * in the service layer, where the object is known.
 */
export const roleAuthChecker: AuthChecker<SubgraphContext, Role> = ({ context }, roles) => {
  const { role } = context.principal;
  if (role === 'COORDINATOR') return true;
  if (roles.length === 0) {
    if (role === 'PARTNER_EDITOR') return true;
  } else if (roles.includes(role)) {
    return true;
  }
  if (role === 'ANONYMOUS' || role === 'API_CLIENT') throw unauthenticated('Sign in with an account that may do this');
  throw forbidden();
};

/** True for the coordinator, or for an editor/API key of `partnerId`. */
export function actsFor(ctx: SubgraphContext, partnerId: string | null | undefined): boolean {
  const p = ctx.principal;
  if (p.role === 'COORDINATOR') return true;
  return p.role === 'PARTNER_EDITOR' && !!partnerId && p.partnerId === partnerId;
}

/** Throws FORBIDDEN unless the caller is a coordinator or an editor of `partnerId`. */
export function assertActsFor(ctx: SubgraphContext, partnerId: string | null | undefined): void {
  if (ctx.principal.role === 'ANONYMOUS' || ctx.principal.role === 'API_CLIENT') throw unauthenticated();
  if (!actsFor(ctx, partnerId)) throw forbidden('You may only change data of your own organisation');
}

export function isCoordinator(ctx: SubgraphContext): boolean {
  return ctx.principal.role === 'COORDINATOR';
}
