import { generateKeyPairPem, PRINCIPAL_HEADER, signingKey, signPrincipalToken, subgraphAudience, type Principal } from '@mitgen/subgraph-kit';

/** Key pairs of one test process: login tokens (partners → gateway) and principals (gateway → subgraphs). */
export const TEST_KEYS = { user: generateKeyPairPem(), gateway: generateKeyPairPem() };

/** Settings that give subgraphs and the gateway the test keys. */
export const TEST_KEY_SETTINGS = {
  AUTH_PRIVATE_KEY: TEST_KEYS.user.privateKey,
  AUTH_PUBLIC_KEY: TEST_KEYS.user.publicKey,
  GATEWAY_PRIVATE_KEY: TEST_KEYS.gateway.privateKey,
  GATEWAY_PUBLIC_KEY: TEST_KEYS.gateway.publicKey,
};

/** Headers with a principal signed as the gateway would, for calling a subgraph directly. */
export async function asPrincipal(principal: Principal, service: string): Promise<Record<string, string>> {
  const key = await signingKey(TEST_KEYS.gateway.privateKey);
  return { [PRINCIPAL_HEADER]: await signPrincipalToken(key, principal, subgraphAudience(service)) };
}

/**
 * Headers with a principal that looks right but is signed with a key the subgraphs do not trust
 * (what an attacker who reaches a subgraph directly could send): it must count as anonymous.
 */
export async function forgedPrincipal(principal: Principal, service: string): Promise<Record<string, string>> {
  const key = await signingKey(generateKeyPairPem().privateKey);
  return { [PRINCIPAL_HEADER]: await signPrincipalToken(key, principal, subgraphAudience(service)) };
}
