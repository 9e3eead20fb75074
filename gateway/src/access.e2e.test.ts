import { randomUUID } from 'node:crypto';
import { gql, gqlOk } from '@mitgen/test-kit';
import { ACCESS_ROWS } from './test/matrix/access.rows';
import { PARTNERS_ROWS } from './test/matrix/partners.rows';
import { RESOURCES_ROWS } from './test/matrix/resources.rows';
import { NEWSLETTER_ROWS } from './test/matrix/newsletter.rows';
import { EVENTS_ROWS } from './test/matrix/events.rows';
import { PRIVACY_ROWS } from './test/matrix/privacy.rows';
import type { Row } from './test/matrix/row';
import { CALLERS, outcome, setUpCallers, type Caller, type Callers } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// The role × operation matrix, run through the gateway with real sign-ins and a real API key.
// Every mutation of the graph has a row; each service's rows are in test/matrix/<area>.rows.ts.

let stack: TestStack;
let callers: Callers;
beforeAll(async () => {
  stack = await startStack({ AUTH_CACHE_SECONDS: '0' });
  callers = await setUpCallers(stack.url);
});
afterAll(() => stack?.stop());

const denial = (caller: Caller) => (caller === 'anonymous' || caller === 'apiKey' ? 'UNAUTHENTICATED' : 'FORBIDDEN');

const ROWS: Row[] = [...ACCESS_ROWS, ...PARTNERS_ROWS, ...RESOURCES_ROWS, ...EVENTS_ROWS, ...NEWSLETTER_ROWS, ...PRIVACY_ROWS];

describe.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
  test.each(CALLERS)('as %s', async (caller) => {
    const { query, variables = {} } = await row.op({ url: stack.url, callers }, caller);
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
