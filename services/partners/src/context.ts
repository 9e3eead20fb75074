import type { SigningKey, SubgraphContext, VerificationKeys } from '@mitgen/subgraph-kit';
import type { ErasureCoordinator } from './erasure/erasure.service';

/** What `preparePartners` gives every resolver of the partners service (`ctx.services`): the token key and lifetime, the erasure coordinator. */
export interface PartnersDeps {
  tokenKey: SigningKey;
  tokenTtlSeconds: number;
  /** The gateway's public keys, for the internal principal route (absent: the route refuses all). */
  gatewayKeys?: VerificationKeys;
  /** Stores erasure requests and carries them out in every participating service. */
  erasure: ErasureCoordinator;
}

export type PartnersContext = SubgraphContext<PartnersDeps>;
