import { createHash } from 'node:crypto';
import { gql, gqlOk, PARTNER_A, PARTNER_B, startTestRedis, type TestRedis } from '@mitgen/test-kit';
import type { Gateway } from '@mitgen/gateway';
import { postRaw } from './test/counting';
import { setUpCallers, type Callers } from './test/principals';
import { urlsOf } from './test/services';
import { createTestGateway, startStack, type TestStack } from './test/stack';

// Several gateway replicas on one real Redis (REDIS_URL): shared response cache with invalidation
// by entity tags, shared persisted queries, exact rate limits, and answers while Redis is down.

let stack: TestStack;
let callers: Callers;
let redis: TestRedis;
const replicas: Gateway[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  stack = await startStack();
  callers = await setUpCallers(stack.url, '-scale');
});
afterAll(async () => {
  await Promise.all(replicas.map((g) => g.close()));
  await stack?.stop();
  await redis?.close();
});

/** A gateway replica on the test Redis (database `db`), response cache on. */
async function replica(settings: Record<string, string> = {}, db = 0): Promise<string> {
  const gateway = await createTestGateway({
    ...urlsOf(stack.subgraphs),
    REDIS_URL: redis.url.replace(/\/0$/, `/${db}`),
    RESPONSE_CACHE_ENABLED: 'true',
    CACHE_MAX_AGE_SECONDS: '30',
    ...settings,
  });
  replicas.push(gateway);
  return gateway.listen(0, '127.0.0.1');
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const fromCache = (res: { headers: Headers }) => res.headers.get('age') !== null;
const PARTNER = (id: string) => `{ partner(id: "${id}") { id city } }`;
const UPDATE_CITY = 'mutation ($id: ID!, $i: UpdatePartnerInput!) { updatePartner(id: $id, input: $i) { id city } }';
const metricsOf = async (graphqlUrl: string) => (await fetch(new URL('/metrics', graphqlUrl))).text();

describe('two gateways on one Redis', () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = await replica();
    b = await replica();
  });

  test('an answer cached by A is served by B; a mutation through B makes A answer fresh data at once, other entities stay cached', async () => {
    const before = await gql(a, PARTNER(PARTNER_A));
    expect(before.errors).toBeUndefined();
    expect(fromCache(before)).toBe(false);
    // Stored by A in Redis: B serves it without asking the subgraph.
    expect(fromCache(await gql(b, PARTNER(PARTNER_A)))).toBe(true);
    expect(fromCache(await gql(a, PARTNER(PARTNER_A)))).toBe(true);
    // Another partner's answer, and a list of partners, cached too.
    await gqlOk(a, PARTNER(PARTNER_B));
    expect(fromCache(await gql(a, PARTNER(PARTNER_B)))).toBe(true);
    const LIST = '{ partners(first: 3) { nodes { id city } } }';
    await gqlOk(a, LIST);
    expect(fromCache(await gql(b, LIST))).toBe(true);

    const city = `Hameln ${Date.now()}`;
    const { partner } = await gqlOk(b, `{ partner(id: "${PARTNER_A}") { version } }`, {}, callers.headers.coordinator);
    await gqlOk(b, UPDATE_CITY, { id: PARTNER_A, i: { city, version: partner.version } }, callers.headers.coordinator);
    const sent = performance.now();
    const after = await gql(a, PARTNER(PARTNER_A));
    const ms = performance.now() - sent;
    expect(after.data.partner.city).toBe(city);
    expect(fromCache(after)).toBe(false);
    // The list depends on which partners exist and what they say: dropped too.
    expect(fromCache(await gql(a, LIST))).toBe(false);
    // Partner B's answer does not contain partner A: still served from the shared cache.
    expect(fromCache(await gql(a, PARTNER(PARTNER_B)))).toBe(true);
    console.log(`[scale-out] fresh answer on replica A ${ms.toFixed(1)} ms after the mutation through B returned`);
    expect(await metricsOf(b)).toMatch(/mitgen_gateway_response_cache_invalidated_tags_total [1-9]/);
  });

  test('a registration through B changes the event’s seats: A stops serving the cached event page', async () => {
    const coordinator = callers.headers.coordinator;
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const { createEvent } = await gqlOk(
      b,
      'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
      { i: { title: 'Skalierung', kind: 'WORKSHOP', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), organizerIds: [PARTNER_A], venueName: 'Saal', city: 'Hannover', capacity: 5, waitlistEnabled: false } },
      coordinator,
    );
    await gqlOk(b, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: createEvent.id }, coordinator);
    const PAGE = `{ event(id: "${createEvent.id}") { title seatsLeft } }`;
    expect((await gqlOk(a, PAGE)).event.seatsLeft).toBe(5);
    expect(fromCache(await gql(a, PAGE))).toBe(true);
    await gqlOk(b, 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { status } }', {
      i: { eventId: createEvent.id, name: 'Erika Muster', email: 'erika.scale@example.org', consent: true },
    });
    const after = await gql(a, PAGE);
    expect([after.data.event.seatsLeft, fromCache(after)]).toEqual([4, false]);
  });

  test('reads with an API key are cached per key, never served to other callers; signed-in answers are never stored', async () => {
    const Q = '{ partners(first: 2) { totalCount } }';
    const key = callers.headers.apiKey;
    const first = await gql(a, Q, {}, key);
    expect(first.errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toMatch(/private/);
    expect(fromCache(await gql(b, Q, {}, key))).toBe(true);
    // The anonymous caller and the coordinator get their own answers, not the key's.
    expect(fromCache(await gql(a, `${Q} `))).toBe(false);
    const coordinator = callers.headers.coordinator;
    await gqlOk(a, Q, {}, coordinator);
    expect(fromCache(await gql(b, Q, {}, coordinator))).toBe(false);
  });

  test('a query registered (APQ) on A runs by its hash alone on B', async () => {
    const QUERY = '{ regions(first: 3) { totalCount } }';
    const ext = { persistedQuery: { version: 1, sha256Hash: sha256(QUERY) } };
    expect((await postRaw(b, { extensions: ext })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await postRaw(a, { query: QUERY, extensions: ext })).body.data.regions.totalCount).toBe(45);
    expect((await postRaw(b, { extensions: ext })).body.data.regions.totalCount).toBe(45);
  });
});

test('a limit of N requests per window allows N in total across two replicas', async () => {
  const limited = { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS: '5', RATE_LIMIT_WINDOW_SECONDS: '60' };
  const [a, b] = [await replica(limited, 1), await replica(limited, 1)];
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push((await gql(i % 2 ? b : a, '{ __typename }')).status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
});

test('Redis stopped: answers keep coming (cache bypassed, limits in-process), a warning metric; caching resumes when it returns', async () => {
  const url = await replica({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS: '1000' }, 2);
  const Q = '{ topics(first: 2) { totalCount } }';
  await gqlOk(url, Q);
  expect(fromCache(await gql(url, Q))).toBe(true);
  expect(await metricsOf(url)).toMatch(/mitgen_gateway_redis_up 1/);

  await redis.stop();
  for (let i = 0; i < 3; i++) {
    const res = await gql(url, Q);
    expect([res.status, res.errors, fromCache(res)]).toEqual([200, undefined, false]);
  }
  const down = await metricsOf(url);
  expect(down).toMatch(/mitgen_gateway_redis_up 0/);
  expect(down).toMatch(/mitgen_gateway_redis_failures_total\{use="cache"\} [1-9]/);

  await redis.start();
  // ioredis reconnects by itself (every 2 s at most): the answer is stored and served again.
  let resumed = false;
  for (let i = 0; i < 100 && !resumed; i++) {
    await gql(url, Q);
    resumed = fromCache(await gql(url, Q));
    if (!resumed) await new Promise((r) => setTimeout(r, 100));
  }
  expect(resumed).toBe(true);
  expect(await metricsOf(url)).toMatch(/mitgen_gateway_redis_up 1/);
});
