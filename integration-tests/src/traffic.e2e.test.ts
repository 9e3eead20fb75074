import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gql, gqlOk } from '@mitgen/test-kit';
import type { Gateway } from '@mitgen/gateway';
import { countSubgraphRequests, postRaw } from './test/counting';
import { urlsOf } from './test/services';
import { ADMIN, setUpCallers, type Callers } from './test/principals';
import { createTestGateway, startStack, type TestStack } from './test/stack';

// Rate limits, the response cache, GET with CSRF protection, persisted queries, request ids,
// CORS and metrics: each on its own gateway (own counters and cache) in front of one set of subgraphs.

let stack: TestStack;
let callers: Callers;
let counter: ReturnType<typeof countSubgraphRequests>;
const extra: Gateway[] = [];

beforeAll(async () => {
  stack = await startStack();
  callers = await setUpCallers(stack.url);
  counter = countSubgraphRequests(stack.subgraphs);
});
afterAll(async () => {
  await Promise.all(extra.map((g) => g.close()));
  await stack?.stop();
});

async function gatewayWith(settings: Record<string, string>): Promise<{ url: string; gateway: Gateway }> {
  const gateway = await createTestGateway({ ...urlsOf(stack.subgraphs), ...settings });
  extra.push(gateway);
  return { url: await gateway.listen(0, '127.0.0.1'), gateway };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('rate limits', () => {
  test('an anonymous client over its limit gets 429 with Retry-After; an API key has its own, higher limit', async () => {
    const { url, gateway } = await gatewayWith({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_API_KEY: '6', RATE_LIMIT_WINDOW_SECONDS: '60' });
    for (let i = 0; i < 3; i++) {
      const ok = await gql(url, '{ __typename }');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-remaining')).toBe(String(2 - i));
    }
    const refused = await gql(url, '{ __typename }');
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The partner server behind the same address is counted by its key.
    for (let i = 0; i < 6; i++) expect((await gql(url, '{ __typename }', {}, callers.headers.apiKey)).status).toBe(200);
    expect((await gql(url, '{ __typename }', {}, callers.headers.apiKey)).status).toBe(429);
    const metrics = await (await fetch(new URL('/metrics', url))).text();
    expect(metrics).toMatch(/mitgen_gateway_rate_limit_rejections_total\{limit="anonymous"\} 1/);
    expect(metrics).toMatch(/mitgen_gateway_rate_limit_rejections_total\{limit="apiKey"\} 1/);
    expect(gateway.metrics).toBeDefined();
  });

  test('guessing API keys or tokens blocks the address after RATE_LIMIT_BAD_CREDENTIALS refusals, before any check', async () => {
    const { url } = await gatewayWith({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_BAD_CREDENTIALS: '2' });
    const guess = (i: number) => gql(url, '{ __typename }', {}, { 'x-api-key': `mgk_000000000000_${String(i).padStart(32, 'a')}` });
    expect((await guess(1)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await guess(2)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const before = counter.of('partners');
    const blocked = await guess(3);
    expect([blocked.status, blocked.errors?.[0].extensions?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(counter.of('partners') - before).toBe(0);
  });

  test('login attempts have a stricter limit per address, aliases included', async () => {
    const { url } = await gatewayWith({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_LOGIN: '3' });
    const login = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
    const before = counter.of('partners');
    expect((await gql(url, login, { e: ADMIN.email, p: ADMIN.password })).errors).toBeUndefined();
    // Three guesses in one request: over the limit together, refused before the partners service.
    const guesses = await gql(url, `mutation { a: login(email: "x@y.de", password: "1") { token } b: login(email: "x@y.de", password: "2") { token } c: login(email: "x@y.de", password: "3") { token } }`);
    expect(guesses.status).toBe(429);
    expect(guesses.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(Number(guesses.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(counter.of('partners') - before).toBe(1);
    // Ordinary reads from that address are still served.
    expect((await gql(url, '{ __typename }')).status).toBe(200);
  });

  test('public mutations have a stricter limit per address (RATE_LIMIT_STRICT_MUTATIONS)', async () => {
    const { url } = await gatewayWith({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_STRICT: '2', RATE_LIMIT_STRICT_MUTATIONS: 'changePassword' });
    const m = 'mutation { changePassword(currentPassword: "a", newPassword: "b-long-password") }';
    expect((await gql(url, m)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(url, m)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refused = await gql(url, m);
    expect([refused.status, refused.errors?.[0].extensions?.code]).toEqual([429, 'RATE_LIMITED']);
  });

  test('RATE_LIMIT_ENABLED=false turns it off', async () => {
    const { url } = await gatewayWith({ RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_ANONYMOUS: '1' });
    for (let i = 0; i < 5; i++) expect((await gql(url, '{ __typename }')).status).toBe(200);
  });
});

describe('response cache', () => {
  const DIRECTORY = '{ partners(first: 3) { totalCount nodes { name events(first: 2) { nodes { title } } } } }';

  test('the second identical anonymous request is answered from the cache, with Cache-Control for CDNs', async () => {
    const { url } = await gatewayWith({ RESPONSE_CACHE_ENABLED: 'true', CACHE_MAX_AGE_SECONDS: '30' });
    const first = await gql(url, DIRECTORY);
    expect(first.errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toBe('max-age=30, public');
    expect(first.headers.get('vary')).toMatch(/authorization/);
    const before = counter.total();
    const second = await gql(url, DIRECTORY);
    expect(second.data).toEqual(first.data);
    expect(second.headers.get('age')).not.toBeNull();
    expect(second.headers.get('cache-control')).toBe('max-age=30, public');
    expect(counter.total() - before).toBe(0);
    const metrics = await (await fetch(new URL('/metrics', url))).text();
    expect(metrics).toMatch(/mitgen_gateway_response_cache_requests_total\{result="hit"\} 1/);
    expect(metrics).toMatch(/mitgen_gateway_response_cache_requests_total\{result="miss"\} 1/);
  });

  test('signed-in requests are never cached and marked no-store; an API key’s reads are cached for that key alone', async () => {
    const { url } = await gatewayWith({ RESPONSE_CACHE_ENABLED: 'true' });
    const a = await gql(url, DIRECTORY, {}, callers.headers.coordinator);
    expect(a.headers.get('cache-control')).toBe('no-store');
    const before = counter.total();
    const b = await gql(url, DIRECTORY, {}, callers.headers.coordinator);
    expect(b.headers.get('age')).toBeNull();
    expect(counter.total() - before).toBeGreaterThan(0);

    const k1 = await gql(url, DIRECTORY, {}, callers.headers.apiKey);
    expect(k1.headers.get('cache-control')).toMatch(/^max-age=\d+, private$/);
    const k2 = await gql(url, DIRECTORY, {}, callers.headers.apiKey);
    expect(k2.headers.get('age')).not.toBeNull();
    // Stored under the key: an anonymous caller gets its own answer.
    expect((await gql(url, DIRECTORY)).headers.get('age')).toBeNull();
  });

  test('personal or unclassified reads and mutations are not cached', async () => {
    const { url } = await gatewayWith({ RESPONSE_CACHE_ENABLED: 'true' });
    const me = await gql(url, '{ me { email } }');
    expect(me.headers.get('cache-control')).toBe('no-store');
    const mixed = await gql(url, '{ me { email } partners(first: 1) { totalCount } }');
    expect(mixed.headers.get('cache-control')).toBe('no-store');
  });

  test('a mutation drops the stored answers that contain what it changed, at once; others stay', async () => {
    const { url } = await gatewayWith({ RESPONSE_CACHE_ENABLED: 'true' });
    const REGIONS = '{ regions(first: 2) { totalCount } }';
    await gqlOk(url, DIRECTORY);
    await gqlOk(url, REGIONS);
    expect((await gql(url, DIRECTORY)).headers.get('age')).not.toBeNull();
    // Signing in changes nothing a public answer shows.
    await gqlOk(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN.email, p: ADMIN.password });
    expect((await gql(url, DIRECTORY)).headers.get('age')).not.toBeNull();
    const { partners } = await gqlOk(url, '{ partners(first: 1) { nodes { id description version } } }', {}, callers.headers.coordinator);
    const [p] = partners.nodes;
    await gqlOk(url, 'mutation ($id: ID!, $i: UpdatePartnerInput!) { updatePartner(id: $id, input: $i) { id } }', { id: p.id, i: { description: p.description ?? '', version: p.version } }, callers.headers.coordinator);
    expect((await gql(url, DIRECTORY)).headers.get('age')).toBeNull();
    expect((await gql(url, REGIONS)).headers.get('age')).not.toBeNull();
  });

  test('a plain GET query works without a preflight header (cacheable by URL); POSTs and cookie-carrying GETs keep CSRF protection', async () => {
    const { url } = await gatewayWith({ RESPONSE_CACHE_ENABLED: 'true' });
    const get = `${url}?query=${encodeURIComponent('{ topics(first: 3) { totalCount } }')}`;
    const ok = await fetch(get);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('max-age=30, public');
    expect(((await ok.json()) as any).data.topics.totalCount).toBeGreaterThan(0);
    const again = await fetch(get, { headers: { 'apollo-require-preflight': 'true' } });
    expect(again.headers.get('age')).not.toBeNull();
    // What a foreign page's form can send: refused.
    const form = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ topics(first: 3) { totalCount } }' }) });
    expect(form.status).toBe(400);
    expect(((await form.json()) as any).errors[0].message).toMatch(/Cross-Site Request Forgery/);
    const withCookie = await fetch(get, { headers: { cookie: 'session=1' } });
    expect(withCookie.status).toBe(400);
    // Mutations never run over GET.
    const mutation = await fetch(`${url}?query=${encodeURIComponent('mutation { unsubscribe(token: "x") { status } }')}`);
    expect(mutation.status).toBe(405);
  });
});

describe('persisted queries', () => {
  const QUERY = '{ regions(first: 2) { totalCount } }';

  test('automatic persisted queries: unknown hash, register, then the hash alone', async () => {
    const hash = sha256(QUERY);
    const ext = { persistedQuery: { version: 1, sha256Hash: hash } };
    const unknown = await postRaw(stack.url, { extensions: ext });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await postRaw(stack.url, { query: QUERY, extensions: ext })).body.data.regions.totalCount).toBe(45);
    expect((await postRaw(stack.url, { extensions: ext })).body.data.regions.totalCount).toBe(45);
  });

  test('with a safelist, anonymous callers run only listed operations (by hash alone too); others are free', async () => {
    const file = path.join(tmpdir(), `safelist-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'x', name: 'Regions', type: 'query', body: QUERY }] }));
    const { url } = await gatewayWith({ SAFELIST_PATH: file });
    expect((await postRaw(url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(QUERY) } } })).body.data.regions.totalCount).toBe(45);
    expect((await gql(url, QUERY)).data.regions.totalCount).toBe(45);
    const other = await gql(url, '{ topics(first: 1) { totalCount } }');
    expect(other.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect((await gql(url, '{ topics(first: 1) { totalCount } }', {}, callers.headers.apiKey)).errors).toBeUndefined();
  });
});

describe('request ids, CORS, metrics', () => {
  test('every answer carries a request id: the client’s (when sane) or a new one, also on errors', async () => {
    const mine = await gql(stack.url, '{ __typename }', {}, { 'x-request-id': 'partner-site-42' });
    expect(mine.headers.get('x-request-id')).toBe('partner-site-42');
    const insane = await gql(stack.url, '{ __typename }', {}, { 'x-request-id': 'a b <script>' });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const err = await gql(stack.url, '{ nope }');
    expect(err.body.extensions.requestId).toBe(err.headers.get('x-request-id'));
    const notFound = await fetch(new URL('/nothing', stack.url));
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-request-id')).toBeTruthy();
  });

  test('CORS allows the configured origins only, without credentials', async () => {
    const { url } = await gatewayWith({ CORS_ORIGINS: 'https://partner.example,https://www.mitgen.example' });
    const preflight = (origin: string) =>
      fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' } });
    const allowed = await preflight('https://partner.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    // The default is any origin (public data; credentials are headers, never cookies).
    expect((await fetch(stack.url, { method: 'OPTIONS', headers: { origin: 'https://any.example', 'access-control-request-method': 'POST' } })).headers.get('access-control-allow-origin')).toBe('*');
  });

  test('Prometheus metrics: requests, errors by code, latency, subgraph fetches', async () => {
    await gqlOk(stack.url, '{ partners(first: 1) { nodes { name events(first: 1) { totalCount } } } }');
    await gql(stack.url, '{ partners(first: 500) { totalCount } }');
    const res = await fetch(new URL('/metrics', stack.url));
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/mitgen_gateway_http_requests_total\{route="graphql",status="200"\} \d+/);
    expect(text).toMatch(/mitgen_gateway_graphql_errors_total\{code="BAD_USER_INPUT"\} \d+/);
    expect(text).toMatch(/mitgen_gateway_http_request_duration_seconds_bucket\{le="0.1",route="graphql"\} \d+/);
    expect(text).toMatch(/mitgen_gateway_subgraph_fetch_duration_seconds_count\{subgraph="events",outcome="ok"\} \d+/);
    expect(text).toMatch(/mitgen_gateway_subgraph_fetch_duration_seconds_count\{subgraph="partners",outcome="ok"\} \d+/);
  });

  test('METRICS_TOKEN protects /metrics', async () => {
    const { url } = await gatewayWith({ METRICS_TOKEN: 'a-long-metrics-token-123' });
    expect((await fetch(new URL('/metrics', url))).status).toBe(401);
    expect((await fetch(new URL('/metrics', url), { headers: { authorization: 'Bearer a-long-metrics-token-123' } })).status).toBe(200);
  });
});
