import type { SigningKey, SubgraphContext, VerificationKeys } from '@mitgen/subgraph-kit';

/** What `preparePartners` gives every resolver of the partners service (`ctx.services`): the token key and lifetime. */
export interface PartnersServices {
  tokenKey: SigningKey;
  tokenTtlSeconds: number;
  /** The gateway's public keys, for the internal principal route (absent: the route refuses all). */
  gatewayKeys?: VerificationKeys;
}

export type PartnersContext = SubgraphContext<PartnersServices>;
