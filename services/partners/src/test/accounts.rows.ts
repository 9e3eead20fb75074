import { randomUUID } from 'node:crypto';
import { ACCOUNTS, COORDINATOR, EVERYONE, PARTNER_A, gqlOk, type MatrixEnv, type Row } from '@mitgen/test-kit';

/** Throwaway editor account made by the coordinator, to disable or enable. */
async function throwawayAccount(env: MatrixEnv): Promise<string> {
  const { createAccount } = await gqlOk(
    env.url,
    'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
    { i: { email: `tmp-${randomUUID()}@partner.example`, displayName: 'Tmp', role: 'PARTNER_EDITOR', partnerId: PARTNER_A, password: 'temporary-password-1' } },
    env.callers.headers.coordinator,
  );
  return createAccount.id;
}

async function throwawayApiKey(env: MatrixEnv): Promise<string> {
  const { createApiKey } = await gqlOk(
    env.url,
    'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }',
    { i: { partnerId: PARTNER_A, name: 'tmp' } },
    env.callers.headers.coordinator,
  );
  return createApiKey.apiKey.id;
}

/** Accounts and API keys (partners service). */
export const ACCOUNT_ROWS: Row[] = [
  {
    name: 'login',
    allowed: EVERYONE,
    op: () => ({ query: 'mutation { login(email: "admin@mitgen.local", password: "mitgen-admin-dev") { token } }' }),
  },
  {
    name: 'createAccount',
    allowed: COORDINATOR,
    op: (_env, caller) => ({
      query: 'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      variables: { i: { email: `new-${caller}-${randomUUID()}@partner.example`, displayName: 'Neu', role: 'COORDINATOR', password: 'a-long-password-1' } },
    }),
  },
  {
    name: 'disableAccount',
    allowed: COORDINATOR,
    op: async (env) => ({ query: 'mutation ($id: ID!) { disableAccount(id: $id) { disabled } }', variables: { id: await throwawayAccount(env) } }),
  },
  {
    name: 'enableAccount',
    allowed: COORDINATOR,
    op: async (env) => ({ query: 'mutation ($id: ID!) { enableAccount(id: $id) { disabled } }', variables: { id: await throwawayAccount(env) } }),
  },
  {
    name: 'changePassword (wrong current password: refused as bad input, after the role check)',
    allowed: ACCOUNTS,
    op: () => ({ query: 'mutation { changePassword(currentPassword: "not-it", newPassword: "another-password-1") }' }),
  },
  {
    name: 'createApiKey',
    allowed: COORDINATOR,
    op: () => ({
      query: 'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
      variables: { i: { partnerId: PARTNER_A, name: 'matrix' } },
    }),
  },
  {
    name: 'revokeApiKey',
    allowed: COORDINATOR,
    op: async (env) => ({ query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { revoked } }', variables: { id: await throwawayApiKey(env) } }),
  },
  { name: 'query accounts', allowed: COORDINATOR, op: () => ({ query: '{ accounts { totalCount } }' }) },
  { name: 'query apiKeys', allowed: COORDINATOR, op: () => ({ query: '{ apiKeys { totalCount } }' }) },
];
