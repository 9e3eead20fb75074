import { generateKeyPairPem, signingKey, verificationKeys, type SubgraphDeps } from '@mitgen/subgraph-kit';
import type { PartnersEnv } from '../env';
import type { PartnersDeps } from '../context';
import { ensureAdminAccount } from '../account/account.service';
import { ErasureClient } from '../erasure/erasure.client';
import { addressKeys } from '../erasure/erasure.crypto';
import { ErasureCoordinator } from '../erasure/erasure.service';
import { erasureParticipants } from '../erasure/participants';

/** Loads the keys, learns the erasure participants from the registry and ensures the coordinator account from ADMIN_EMAIL / ADMIN_PASSWORD. */
export async function preparePartners(deps: SubgraphDeps<PartnersEnv, undefined>): Promise<PartnersDeps> {
  const { env, log } = deps;
  let pem = env.AUTH_PRIVATE_KEY;
  if (!pem) {
    // Only outside production (the settings refuse it there): tokens then die with the process.
    log.warn('[partners] AUTH_PRIVATE_KEY is not set: using a temporary key; sign-ins end when the service restarts');
    pem = generateKeyPairPem().privateKey;
  }
  await ensureAdminAccount(deps.ds, env.ADMIN_EMAIL, env.ADMIN_PASSWORD, log);
  const tokenKey = await signingKey(pem);
  const erasure = new ErasureCoordinator({
    ds: deps.ds,
    log,
    keys: addressKeys(env.ERASURE_SECRET),
    client: new ErasureClient(env.GRAPH_URL, tokenKey, log),
    participants: erasureParticipants(),
    retrySeconds: env.ERASURE_RETRY_SECONDS,
  });
  return {
    erasure,
    tokenKey,
    tokenTtlSeconds: env.AUTH_TOKEN_TTL_SECONDS,
    gatewayKeys: env.GATEWAY_PUBLIC_KEY ? await verificationKeys(env.GATEWAY_PUBLIC_KEY) : undefined,
  };
}
