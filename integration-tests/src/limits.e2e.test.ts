import { gql, gqlOk } from '@mitgen/test-kit';
import type { Gateway } from '@mitgen/gateway';
import { countSubgraphRequests, postRaw } from './test/counting';
import { urlsOf } from './test/services';
import { coordinatorToken, setUpCallers, type Callers } from './test/principals';
import { createTestGateway, startStack, type TestStack } from './test/stack';

// The gateway's door policy: operation limits, introspection, field suggestions. Every refused
// operation must be refused before any subgraph is called: the subgraphs' HTTP servers count.

let stack: TestStack;
let callers: Callers;
let counter: ReturnType<typeof countSubgraphRequests>;
const extra: Gateway[] = [];

beforeAll(async () => {
  stack = await startStack({ INTROSPECTION: 'coordinators' });
  callers = await setUpCallers(stack.url);
  counter = countSubgraphRequests(stack.subgraphs);
});
afterAll(async () => {
  await Promise.all(extra.map((g) => g.close()));
  await stack?.stop();
});

/** Another gateway on the same subgraphs with other settings. */
async function gatewayWith(settings: Record<string, string>): Promise<string> {
  const g = await createTestGateway({ ...urlsOf(stack.subgraphs), ...settings });
  extra.push(g);
  return g.listen(0, '127.0.0.1');
}

const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');
const nested = (levels: number) => {
  // partners → nodes → events → nodes → organizers → events → … (each hop one level deeper)
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = i % 2 === 0 ? `organizers { ${inner} }` : `events(first: 1) { nodes { ${inner} } }`;
  return `{ partners(first: 1) { nodes { ${inner} } } }`;
};

interface Case {
  name: string;
  send: (url: string) => Promise<{ status: number; body: any }>;
  code: string;
  status: number;
}

const op = (query: string, variables?: Record<string, unknown>) => (url: string) => postRaw(url, { query, variables });

const CORPUS: Case[] = [
  { name: 'deep nesting (15 levels)', send: op(nested(8)), code: 'MAX_DEPTH_EXCEEDED', status: 400 },
  { name: 'alias bomb (40 aliases of one list)', send: op(`{ ${repeat(40, (i) => `a${i}: topics(first: 100) { totalCount }`)} }`), code: 'MAX_ALIASES_EXCEEDED', status: 400 },
  {
    name: 'directive flood (30 @include on one field)',
    send: op(`{ partners(first: 1) { ${repeat(30, () => 'totalCount @include(if: true)')} } }`),
    code: 'MAX_DIRECTIVES_EXCEEDED',
    status: 400,
  },
  { name: 'huge string literal (30 000 characters)', send: op(`{ resources(first: 1, filter: { search: "${'a'.repeat(30_000)}" }) { totalCount } }`), code: 'MAX_CHARACTERS_EXCEEDED', status: 400 },
  { name: 'token flood (6 000 tokens)', send: op(`{ partners(first: 1) { nodes { ${repeat(6_000, () => 'id')} } } }`), code: 'MAX_TOKENS_EXCEEDED', status: 400 },
  { name: 'huge body (variables over the body limit)', send: op('query ($s: String) { partners(first: 1) { totalCount } }', { s: 'x'.repeat(300_000) }), code: 'PAYLOAD_TOO_LARGE', status: 413 },
  { name: 'batching array', send: (url) => postRaw(url, [{ query: '{ topics { totalCount } }' }, { query: '{ regions { totalCount } }' }]), code: 'BATCHING_NOT_SUPPORTED', status: 400 },
  {
    name: 'cost bomb: nested lists of 100 (1 000 000 items)',
    send: op('{ partners(first: 100) { nodes { resources(first: 100) { nodes { provider { events(first: 100) { nodes { title } } } } } } } }'),
    code: 'MAX_COST_EXCEEDED',
    status: 400,
  },
  {
    name: 'cost bomb through variables',
    send: op('query ($n: Int!) { partners(first: $n) { nodes { events(first: $n) { nodes { organizers { resources(first: $n) { nodes { title } } } } } } } }', { n: 100 }),
    code: 'MAX_COST_EXCEEDED',
    status: 400,
  },
  { name: 'first above the server-side maximum', send: op('{ partners(first: 5000) { totalCount } }'), code: 'BAD_USER_INPUT', status: 400 },
  { name: 'first above the maximum in a variable', send: op('query ($n: Int!) { events(first: $n) { totalCount } }', { n: 101 }), code: 'BAD_USER_INPUT', status: 400 },
  { name: 'introspection by an anonymous caller', send: op('{ __schema { types { name } } }'), code: 'INTROSPECTION_DISABLED', status: 400 },
  { name: 'a mutation over GET', send: (url) => fetch(`${url}?query=${encodeURIComponent('mutation { login(email: "a@b.de", password: "x") { token } }')}`, { headers: { 'apollo-require-preflight': 'true' } }).then(async (r) => ({ status: r.status, body: await r.json() })), code: 'BAD_REQUEST', status: 405 },
];

describe('malicious operations are refused with a clear code and no subgraph call', () => {
  test.each(CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = counter.total();
    const res = await c.send(stack.url);
    expect({ status: res.status, code: res.body?.errors?.[0]?.extensions?.code }).toEqual({ status: c.status, code: c.code });
    expect(res.body.errors[0].message).not.toMatch(/Internal server error/);
    expect(counter.total() - before).toBe(0);
  });

  test('the counter counts: an ordinary query reaches the subgraphs', async () => {
    const before = counter.total();
    await gqlOk(stack.url, '{ partners(first: 2) { nodes { name events(first: 1) { totalCount } } } }');
    expect(counter.total() - before).toBeGreaterThanOrEqual(2);
  });

  test('the rejection names the limit and how to stay within it', async () => {
    const res = await gql(stack.url, '{ partners(first: 100) { nodes { resources(first: 100) { nodes { provider { events(first: 100) { nodes { title } } } } } } } }');
    expect(res.errors?.[0].message).toMatch(/cost .* at most 20000/);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', limit: 20_000 });
    expect(res.body.extensions.requestId).toBe(res.headers.get('x-request-id'));
  });
});

describe('coordinators have higher limits', () => {
  test('a deeply nested query is refused for the public and answered for a coordinator', async () => {
    const query = nested(8);
    expect((await gql(stack.url, query, {}, callers.headers.apiKey)).errors?.[0].extensions?.code).toBe('MAX_DEPTH_EXCEEDED');
    expect((await gql(stack.url, query, {}, callers.headers.editorA)).errors?.[0].extensions?.code).toBe('MAX_DEPTH_EXCEEDED');
    const res = await gql(stack.url, query, {}, callers.headers.coordinator);
    expect(res.errors).toBeUndefined();
    expect(res.data.partners.nodes).toHaveLength(1);
  });

  test('limits are settings', async () => {
    const url = await gatewayWith({ MAX_DEPTH: '3', MAX_ALIASES: '1' });
    expect((await gql(url, '{ partners(first: 1) { nodes { region { name } } } }')).errors?.[0].extensions?.code).toBe('MAX_DEPTH_EXCEEDED');
    expect((await gql(url, '{ a: topics { totalCount } b: topics { totalCount } }')).errors?.[0].extensions?.code).toBe('MAX_ALIASES_EXCEEDED');
    expect((await gql(url, '{ a: topics { totalCount } }')).errors).toBeUndefined();
  });
});

describe('introspection policy (INTROSPECTION)', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';
  const TYPE = '{ __type(name: "Partner") { name } }';
  const refused = async (url: string, query: string, headers: Record<string, string> = {}) => (await gql(url, query, {}, headers)).errors?.[0]?.extensions?.code === 'INTROSPECTION_DISABLED';

  test('coordinators (the default): only coordinators may introspect', async () => {
    expect(await refused(stack.url, INTROSPECT)).toBe(true);
    expect(await refused(stack.url, TYPE)).toBe(true);
    expect(await refused(stack.url, INTROSPECT, callers.headers.apiKey)).toBe(true);
    expect(await refused(stack.url, INTROSPECT, callers.headers.editorA)).toBe(true);
    const res = await gqlOk(stack.url, INTROSPECT, {}, callers.headers.coordinator);
    expect(res.__schema.queryType.name).toBe('Query');
    // __typename is not introspection
    expect((await gqlOk(stack.url, '{ __typename }')).__typename).toBe('Query');
  });

  test('public (development): everyone; accounts: signed-in accounts; off: nobody', async () => {
    const pub = await gatewayWith({ INTROSPECTION: 'public' });
    expect(await refused(pub, INTROSPECT)).toBe(false);
    const accounts = await gatewayWith({ INTROSPECTION: 'accounts' });
    expect(await refused(accounts, INTROSPECT)).toBe(true);
    expect(await refused(accounts, INTROSPECT, callers.headers.editorA)).toBe(false);
    const off = await gatewayWith({ INTROSPECTION: 'off' });
    expect(await refused(off, INTROSPECT, { authorization: `Bearer ${await coordinatorToken(stack.url)}` })).toBe(true);
  });
});

describe('field suggestions', () => {
  test('hidden from anonymous callers and API keys, shown to signed-in accounts', async () => {
    const typo = '{ partnerz(first: 1) { totalCount } }';
    for (const headers of [{}, callers.headers.apiKey]) {
      const res = await gql(stack.url, typo, {}, headers);
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0].message).toBe('Cannot query field "partnerz" on type "Query".');
    }
    const res = await gql(stack.url, typo, {}, callers.headers.editorA);
    expect(res.errors?.[0].message).toMatch(/Did you mean .*"partners"/);
  });
});
