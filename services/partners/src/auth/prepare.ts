import { generateKeyPairPem, signingKey, verificationKeys, type SubgraphDeps } from '@mitgen/subgraph-kit';
import type { PartnersEnv } from '../env';
import type { PartnersServices } from '../context';
import { ensureAdminAccount } from '../account/account.service';

/** Loads the keys and ensures the coordinator account from ADMIN_EMAIL / ADMIN_PASSWORD. */
export async function preparePartners(deps: SubgraphDeps<PartnersEnv, undefined>): Promise<PartnersServices> {
  const { env, log } = deps;
  let pem = env.AUTH_PRIVATE_KEY;
  if (!pem) {
    // Only outside production (the settings refuse it there): tokens then die with the process.
    log.warn('[partners] AUTH_PRIVATE_KEY is not set: using a temporary key; sign-ins end when the service restarts');
    pem = generateKeyPairPem().privateKey;
  }
  await ensureAdminAccount(deps.ds, env.ADMIN_EMAIL, env.ADMIN_PASSWORD, log);
  return {
    tokenKey: await signingKey(pem),
    tokenTtlSeconds: env.AUTH_TOKEN_TTL_SECONDS,
    gatewayKeys: env.GATEWAY_PUBLIC_KEY ? await verificationKeys(env.GATEWAY_PUBLIC_KEY) : undefined,
  };
}
