import { randomUUID } from 'node:crypto';
import { gql, gqlOk } from '@mitgen/test-kit';
import { startStack, type TestStack } from './test/stack';
import { CALLERS, outcome, PARTNER_A, setUpCallers, type Caller, type Callers } from './test/principals';

// The role × operation matrix, run through the gateway with real sign-ins and a real API key.
// Every mutation of the graph has a row; a new mutation gets a row here.

let stack: TestStack;
let callers: Callers;
beforeAll(async () => {
  stack = await startStack({ AUTH_CACHE_SECONDS: '0' });
  callers = await setUpCallers(stack.url);
});
afterAll(() => stack?.stop());

interface Row {
  name: string;
  allowed: Caller[];
  /** The operation and variables for one caller (fresh data per call where it changes something). */
  op: (caller: Caller) => Promise<{ query: string; variables?: Record<string, unknown> }> | { query: string; variables?: Record<string, unknown> };
}

const EVERYONE: Caller[] = CALLERS;
const ACCOUNTS: Caller[] = ['editorA', 'editorB', 'coordinator'];
const COORDINATOR: Caller[] = ['coordinator'];

/** A throwaway editor account made by the coordinator, to disable or enable. */
async function throwawayAccount(): Promise<string> {
  const { createAccount } = await gqlOk(
    stack.url,
    'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
    { i: { email: `tmp-${randomUUID()}@partner.example`, displayName: 'Tmp', role: 'PARTNER_EDITOR', partnerId: PARTNER_A, password: 'temporary-password-1' } },
    callers.headers.coordinator,
  );
  return createAccount.id;
}

async function throwawayApiKey(): Promise<string> {
  const { createApiKey } = await gqlOk(
    stack.url,
    'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }',
    { i: { partnerId: PARTNER_A, name: 'tmp' } },
    callers.headers.coordinator,
  );
  return createApiKey.apiKey.id;
}

const ROWS: Row[] = [
  {
    name: 'login',
    allowed: EVERYONE,
    op: () => ({ query: 'mutation { login(email: "admin@mitgen.local", password: "mitgen-admin-dev") { token } }' }),
  },
  {
    name: 'createAccount',
    allowed: COORDINATOR,
    op: (caller) => ({
      query: 'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      variables: { i: { email: `new-${caller}-${randomUUID()}@partner.example`, displayName: 'Neu', role: 'COORDINATOR', password: 'a-long-password-1' } },
    }),
  },
  {
    name: 'disableAccount',
    allowed: COORDINATOR,
    op: async () => ({ query: 'mutation ($id: ID!) { disableAccount(id: $id) { disabled } }', variables: { id: await throwawayAccount() } }),
  },
  {
    name: 'enableAccount',
    allowed: COORDINATOR,
    op: async () => ({ query: 'mutation ($id: ID!) { enableAccount(id: $id) { disabled } }', variables: { id: await throwawayAccount() } }),
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
    op: async () => ({ query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { revoked } }', variables: { id: await throwawayApiKey() } }),
  },
  { name: 'query accounts', allowed: COORDINATOR, op: () => ({ query: '{ accounts { totalCount } }' }) },
  { name: 'query apiKeys', allowed: COORDINATOR, op: () => ({ query: '{ apiKeys { totalCount } }' }) },
];

const denial = (caller: Caller) => (caller === 'anonymous' || caller === 'apiKey' ? 'UNAUTHENTICATED' : 'FORBIDDEN');

describe.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
  test.each(CALLERS)('as %s', async (caller) => {
    const { query, variables = {} } = await row.op(caller);
    const code = await outcome(stack.url, query, variables, callers.headers[caller]);
    if (row.allowed.includes(caller)) expect(['UNAUTHENTICATED', 'FORBIDDEN']).not.toContain(code);
    else expect(code).toBe(denial(caller));
  });
});

test('a refused mutation changes nothing', async () => {
  const email = `refused-${randomUUID()}@partner.example`;
  const create = 'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }';
  const input = { email, displayName: 'X', role: 'COORDINATOR', password: 'a-long-password-1' };
  for (const caller of ['anonymous', 'apiKey', 'editorA'] as const) {
    expect((await gql(stack.url, create, { i: input }, callers.headers[caller])).errors).toBeDefined();
  }
  const { accounts } = await gqlOk(stack.url, '{ accounts(first: 100) { nodes { email } } }', {}, callers.headers.coordinator);
  expect(accounts.nodes.map((a: { email: string }) => a.email)).not.toContain(email);
});

test('me answers who signed in, and null for anonymous callers and API keys', async () => {
  const me = async (caller: Caller) => (await gqlOk(stack.url, '{ me { email role partner { slug } } }', {}, callers.headers[caller])).me;
  expect(await me('coordinator')).toEqual({ email: 'admin@mitgen.local', role: 'COORDINATOR', partner: null });
  expect(await me('editorA')).toEqual({ email: 'editor-a@partner.example', role: 'PARTNER_EDITOR', partner: { slug: 'g-mit-niedersachsen' } });
  expect(await me('anonymous')).toBeNull();
  expect(await me('apiKey')).toBeNull();
});
