import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { SUPERGRAPH_FILE } from '@mitgen/gateway';
import { REPO_ROOT } from '@mitgen/registry';
import { gql, gqlOk, type Row } from '@mitgen/test-kit';
import { CALLERS, outcome, setUpCallers, type Caller, type Callers } from './test/principals';
import { PRIVACY_ROWS } from './test/privacy.rows';
import { SUBGRAPHS } from './test/services';
import { startStack, type TestStack } from './test/stack';

// The role × operation matrix, run through the gateway with real sign-ins and a real API key.
// Every mutation of the graph has a row; each subgraph owns the rows of its operations in
// `src/test/access.rows.ts` (export ACCESS_ROWS), found here through the registry. The rows of
// the privacy operations, which span subgraphs, are in test/privacy.rows.ts.

/** The rows a subgraph contributes (none when it has no rows file). */
function rowsOf(dir: string): Row[] {
  const file = path.join(REPO_ROOT, dir, 'dist/test/access.rows.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- rows are found through the registry at run time
  return existsSync(file) ? (require(file) as { ACCESS_ROWS: Row[] }).ACCESS_ROWS : [];
}

let stack: TestStack;
let callers: Callers;
beforeAll(async () => {
  stack = await startStack({ AUTH_CACHE_SECONDS: '0' });
  callers = await setUpCallers(stack.url);
});
afterAll(() => stack?.stop());

const denial = (caller: Caller) => (caller === 'anonymous' || caller === 'apiKey' ? 'UNAUTHENTICATED' : 'FORBIDDEN');

const ROWS: Row[] = [...SUBGRAPHS.flatMap((s) => rowsOf(s.dir)), ...PRIVACY_ROWS];

test('every mutation of the supergraph has a row in the access matrix', () => {
  const api = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'), { assumeValidSDL: true });
  const covered = new Set(ROWS.map((r) => r.name.split(/[\s(]/)[0]));
  const missing = Object.keys(api.getMutationType()?.getFields() ?? {}).filter((m) => !covered.has(m));
  expect(missing).toEqual([]);
});

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
