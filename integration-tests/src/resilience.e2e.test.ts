import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gql } from '@mitgen/test-kit';
import type { Gateway } from '@mitgen/gateway';
import { stopHttp } from './test/outage';
import { urlsOf } from './test/services';
import { createTestGateway, startStack, type TestStack } from './test/stack';

// What clients see when a subgraph is down or slow: partial data, one masked error naming the
// service, no internal address; readiness follows the subgraphs; shutdown finishes requests.

let stack: TestStack;
const extra: Gateway[] = [];
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await Promise.all(extra.map((g) => g.close()));
  await stack?.stop();
});

const ready = async (url: string) => {
  const res = await fetch(new URL('/ready', url));
  return { status: res.status, body: (await res.json()) as any };
};

test('a stopped subgraph: the others’ data arrives with one masked error naming the service, and /ready goes unready and back', async () => {
  expect(await ready(stack.url)).toMatchObject({ status: 200, body: { status: 'ready', supergraph: 'loaded' } });
  const start = await stopHttp(stack.subgraphs.events);
  try {
    const res = await gql(
      stack.url,
      '{ partners(first: 2) { nodes { name } } fachtag: event(slug: "fachtag-2019") { title } other: event(slug: "nope") { title } topics(first: 2) { nodes { name } } }',
    );
    expect(res.status).toBe(200);
    expect(res.data.partners.nodes).toHaveLength(2);
    expect(res.data.topics.nodes).toHaveLength(2);
    expect(res.data.fachtag).toBeNull();
    // Two fetches to the events service failed: one error for it.
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'events' } });
    expect(res.errors![0].message).toMatch(/events service is unavailable/);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|:\d{4,5}\/graphql|stack/i);

    // Cross-service fields are nullable: a partner keeps its name when its events cannot be fetched.
    const directory = await gql(stack.url, '{ partners(first: 2) { nodes { name events(first: 2) { nodes { title } } } } }');
    expect(directory.data.partners.nodes).toEqual([expect.objectContaining({ events: null }), expect.objectContaining({ events: null })]);
    expect(directory.data.partners.nodes[0].name).toBeTruthy();
    expect(directory.errors).toEqual([expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'events' } })]);

    const unready = await ready(stack.url);
    expect(unready).toMatchObject({ status: 503, body: { status: 'unready', subgraphs: { events: 'unreachable', partners: 'ready' } } });
    expect(JSON.stringify(unready.body)).not.toMatch(/127\.0\.0\.1|localhost/);
  } finally {
    await start();
  }
  expect(await ready(stack.url)).toMatchObject({ status: 200, body: { status: 'ready' } });
  expect((await gql(stack.url, '{ event(slug: "fachtag-2019") { title } }')).errors).toBeUndefined();
});

test('a subgraph that does not answer in time: a masked timeout error, the rest of the data', async () => {
  // A stand-in "events" subgraph that never answers.
  const hanging = http.createServer(() => undefined);
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql`;
  const gateway = await createTestGateway({ ...urlsOf(stack.subgraphs), EVENTS_URL: url, EVENTS_TIMEOUT_MS: '300' });
  extra.push(gateway);
  const gw = await gateway.listen(0, '127.0.0.1');
  try {
    const res = await gql(gw, '{ event(slug: "fachtag-2019") { title } topics(first: 1) { totalCount } }');
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'events' } });
    expect(res.errors?.[0].message).toMatch(/did not answer in time/);
    expect(res.data.topics.totalCount).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toContain(url);
    const metrics = await (await fetch(new URL('/metrics', gw))).text();
    expect(metrics).toMatch(/mitgen_gateway_subgraph_fetch_duration_seconds_count\{subgraph="events",outcome="timeout"\} 1/);
  } finally {
    hanging.closeAllConnections();
    hanging.close();
  }
});

test('a subgraph answering garbage or an internal error: masked, no internals', async () => {
  const broken = http.createServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'text/html' }).end('<pre>Error: connect ECONNREFUSED 10.0.0.7:5432 at TCPConnectWrap (node:net:1)</pre>');
  });
  await new Promise<void>((r) => broken.listen(0, '127.0.0.1', () => r()));
  const leaky = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ data: { newsletterConsentText: null }, errors: [{ message: 'relation "subscriber" does not exist', path: ['newsletterConsentText'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }] }),
    );
  });
  await new Promise<void>((r) => leaky.listen(0, '127.0.0.1', () => r()));
  try {
    for (const server of [broken, leaky]) {
      const gateway = await createTestGateway({ ...urlsOf(stack.subgraphs), NEWSLETTER_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
      extra.push(gateway);
      const res = await gql(await gateway.listen(0, '127.0.0.1'), '{ newsletterConsentText { text } }');
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|relation|subscriber|stacktrace|127\.0\.0\.1/);
      expect(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']).toContain(res.errors?.[0].extensions?.code);
    }
  } finally {
    broken.close();
    leaky.close();
  }
});

test('graceful shutdown: an in-flight request finishes, then the gateway is gone', async () => {
  let release: () => void = () => undefined;
  let arrived: () => void = () => undefined;
  const requestArrived = new Promise<void>((r) => (arrived = r));
  const slow = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      release = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { newsletterConsentText: { text: 'Einwilligung' } } }));
      arrived();
    });
  });
  await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
  const gateway = await createTestGateway({ ...urlsOf(stack.subgraphs), NEWSLETTER_URL: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/graphql` });
  const url = await gateway.listen(0, '127.0.0.1');
  try {
    const inFlight = gql(url, '{ newsletterConsentText { text } }');
    await requestArrived;
    const closing = gateway.close();
    expect((await ready(url).catch(() => ({ status: 0 }))).status).not.toBe(200);
    release();
    const res = await inFlight;
    expect(res.data).toEqual({ newsletterConsentText: { text: 'Einwilligung' } });
    await closing;
    await expect(fetch(new URL('/health', url))).rejects.toThrow();
  } finally {
    slow.close();
  }
});
