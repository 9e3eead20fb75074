import type { Gateway } from '@mitgen/gateway';
import { coordinatorToken } from './test/principals';
import { urlsOf } from './test/services';
import { createTestGateway, startStack, type TestStack } from './test/stack';

// The gateway answers an operation that one subgraph answers as asked with that subgraph's data as
// it came (gateway/src/single-fetch.ts). Every answer must be what Apollo Gateway's executor gives:
// the same operations go to a second gateway with the fast path off, over the same subgraphs, and
// status, body and Cache-Control must match byte for byte — data, aliases, __typename, @skip and
// @include, errors of subgraphs and of the gateway, mutations.

let stack: TestStack;
let plain: Gateway;
let plainUrl: string;
let coordinator: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  plain = await createTestGateway(urlsOf(stack.subgraphs), { singleFetchPath: false });
  plainUrl = await plain.listen(0, '127.0.0.1');
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
});
afterAll(async () => {
  await plain?.close();
  await stack?.stop();
});

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Whether the fast path serves it (else it is left to Apollo Gateway). */
  served: boolean;
}

const EVENT = '00000000-0000-4000-8000-00000000ffff';

const CASES: Case[] = [
  { name: 'a page of partners', query: 'query P($first: Int = 3, $after: String) { partners(first: $first, after: $after) { totalCount nodes { id name slug city } } }', served: true },
  { name: 'aliases', query: '{ a: partners(first: 2) { list: nodes { label: name, slug } } b: partners(first: 1) { count: totalCount } }', served: true },
  { name: '__typename below the root', query: '{ partners(first: 2) { __typename nodes { __typename t: __typename name } } }', served: true },
  // The gateway answers the root's __typename itself: not the subgraph's selection.
  { name: '__typename at the root', query: '{ __typename partners(first: 2) { totalCount } }', served: false },
  { name: '@skip and @include', query: 'query ($s: Boolean!) { partners(first: 2) { totalCount @skip(if: $s) nodes { name @include(if: $s) slug } } }', variables: { s: true }, served: true },
  { name: '@skip and @include, the other way', query: 'query ($s: Boolean!) { partners(first: 2) { totalCount @skip(if: $s) nodes { name @include(if: $s) slug } } }', variables: { s: false }, served: true },
  { name: 'a partner by slug, none found', query: '{ partner(slug: "no-such-partner") { id name } }', served: true },
  { name: 'content languages in Arabic', query: '{ contentLanguages { code } }', headers: { 'accept-language': 'ar' }, served: true },
  { name: 'a signed-in caller', query: '{ me { __typename } partners(first: 1) { totalCount } }', headers: {}, served: true },
  { name: 'a fragment (not served)', query: '{ partners(first: 2) { ...F } } fragment F on PartnerConnection { totalCount nodes { name } }', served: false },
  { name: 'a subgraph error (bad cursor)', query: '{ partners(first: 2, after: "not-a-cursor") { totalCount } }', served: false },
  { name: 'a variable of the wrong type', query: 'query ($first: Int) { partners(first: $first) { totalCount } }', variables: { first: 'many' }, served: false },
  { name: 'first above the maximum', query: '{ partners(first: 100000) { totalCount } }', served: false },
  { name: 'an unknown field', query: '{ partners(first: 1) { nope } }', served: false },
  { name: 'three subgraphs (not served)', query: '{ partners(first: 2) { nodes { name events(first: 1) { totalCount } resources(first: 1) { totalCount } } } }', served: false },
  {
    name: 'a mutation with an error',
    query: 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { status waitlistPosition } }',
    variables: { i: { eventId: EVENT, name: 'Person', email: 'person@example.org', consent: true } },
    served: false,
  },
];

async function post(url: string, c: Case): Promise<{ status: number; body: string; cacheControl: string | null }> {
  const headers = c.name === 'a signed-in caller' ? coordinator : (c.headers ?? {});
  const res = await fetch(url, {
    method: 'POST',
    // The same request id: error answers carry it.
    headers: { 'content-type': 'application/json', 'x-request-id': 'single-fetch-test', ...headers },
    body: JSON.stringify({ query: c.query, variables: c.variables ?? {} }),
  });
  return { status: res.status, body: await res.text(), cacheControl: res.headers.get('cache-control') };
}

async function count(gateway: Gateway, outcome: string): Promise<number> {
  const { values } = await gateway.metrics.singleFetch.get();
  return values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
}

test.each(CASES)('$name: the same answer as Apollo Gateway gives', async (c) => {
  // The path learns an operation's plan from its first run through Apollo Gateway.
  const first = await post(stack.url, c);
  const before = await count(stack.gateway, 'served');
  const fast = await post(stack.url, c);
  const served = (await count(stack.gateway, 'served')) - before;
  const expected = await post(plainUrl, c);
  expect(fast).toEqual(expected);
  expect(first).toEqual(expected);
  expect(served).toBe(c.served ? 1 : 0);
  // The comparison must compare something: data or errors.
  expect(JSON.parse(fast.body)).toEqual(expect.objectContaining(c.served ? { data: expect.anything() } : {}));
});

test('an answer with errors is handed to Apollo Gateway without a second fetch', async () => {
  const c = CASES.find((x) => x.name === 'a subgraph error (bad cursor)')!;
  const handed = await count(stack.gateway, 'handed over');
  const res = await post(stack.url, c);
  expect(JSON.parse(res.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect((await count(stack.gateway, 'handed over')) - handed).toBe(1);
  // The other gateway never takes the path.
  expect(await count(plain, 'served')).toBe(0);
});
