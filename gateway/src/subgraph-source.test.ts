import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@mitgen/subgraph-kit/runtime';
import type { Authenticator } from './auth';
import { cacheHintOf, type CacheHint } from './cache';
import { GatewayMetrics } from './metrics';
import { SubgraphDataSource, subgraphPool } from './subgraph-source';

// The data source takes each subgraph answer's Cache-Control into the cache policy of the
// client's request, also when several requests share one fetch, against a stand-in subgraph.

interface StandIn {
  url: string;
  /** Requests waiting for an answer. */
  waiting: http.ServerResponse[];
  /** Resolves once `n` requests are waiting. */
  arrived(n: number): Promise<void>;
  close(): Promise<void>;
}

async function standIn(): Promise<StandIn> {
  const waiting: http.ServerResponse[] = [];
  let notify = () => {};
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      waiting.push(res);
      notify();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    waiting,
    arrived: (n) =>
      new Promise<void>((resolve) => {
        notify = () => waiting.length >= n && resolve();
        notify();
      }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function answer(res: http.ServerResponse, cacheControl: string | undefined, body: unknown = { data: { x: 1 } }): void {
  if (cacheControl) res.setHeader('cache-control', cacheControl);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

function source(url: string): SubgraphDataSource {
  const c = { name: 'partners', url, timeoutMs: 5_000, maxSockets: 4 };
  return new SubgraphDataSource(c, subgraphPool(c), {} as Authenticator, new GatewayMetrics(), createLogger('gateway', 'silent'));
}

/** Options of a fetch for a client's operation; the hints it restricts the policy with are recorded. */
function operation(query = '{ x }') {
  const hints: CacheHint[] = [];
  const options = {
    kind: 'incoming operation',
    request: { query, variables: {} },
    context: {},
    incomingRequestContext: { overallCachePolicy: { restrict: (h: CacheHint) => hints.push(h) } },
  } as any;
  return { options, hints };
}

let subgraph: StandIn;
beforeEach(async () => {
  subgraph = await standIn();
});
afterEach(() => subgraph.close());

test('requests that share one fetch each take its Cache-Control into their own policy', async () => {
  const ds = source(subgraph.url);
  const a = operation();
  const b = operation();
  const answers = Promise.all([ds.process(a.options), ds.process(b.options)]);
  await subgraph.arrived(1);
  answer(subgraph.waiting[0], 'max-age=20, public');
  expect(await answers).toEqual([{ data: { x: 1 } }, { data: { x: 1 } }]);
  expect(subgraph.waiting).toHaveLength(1);
  expect(a.hints).toEqual([{ maxAge: 20, scope: 'PUBLIC' }]);
  expect(b.hints).toEqual([{ maxAge: 20, scope: 'PUBLIC' }]);
});

test('an answer without a max-age, or with errors (no-store), makes the request uncacheable', async () => {
  const ds = source(subgraph.url);
  const none = operation('{ a }');
  const noStore = operation('{ b }');
  const answers = Promise.all([ds.process(none.options), ds.process(noStore.options)]);
  await subgraph.arrived(2);
  answer(subgraph.waiting[0], undefined);
  answer(subgraph.waiting[1], 'no-store', { errors: [{ message: 'nope', extensions: { code: 'FORBIDDEN' } }] });
  await answers;
  expect(none.hints).toEqual([{ maxAge: 0 }]);
  expect(noStore.hints).toEqual([{ maxAge: 0 }]);
});

test('a subgraph that fails to answer makes the request uncacheable', async () => {
  const ds = source(subgraph.url);
  const broken = operation();
  const result = ds.process(broken.options);
  await subgraph.arrived(1);
  subgraph.waiting[0].writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
  await expect(result).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  expect(broken.hints).toEqual([{ maxAge: 0 }]);

  await subgraph.close();
  const unreachable = operation();
  await expect(ds.process(unreachable.options)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  expect(unreachable.hints).toEqual([{ maxAge: 0 }]);
});

test('fetches outside a client operation (schema loading) need no policy', async () => {
  const ds = source(subgraph.url);
  const result = ds.process({ kind: 'loading schema', request: { query: '{ _service { sdl } }' }, context: {} } as any);
  await subgraph.arrived(1);
  answer(subgraph.waiting[0], 'max-age=20, public', { data: { _service: { sdl: 'type Query { x: Int }' } } });
  expect(await result).toEqual({ data: { _service: { sdl: 'type Query { x: Int }' } } });
});

describe('cacheHintOf reads a Cache-Control header as Apollo’s RemoteGraphQLDataSource does', () => {
  test.each([
    ['max-age=30, public', { maxAge: 30, scope: 'PUBLIC' }],
    ['max-age=10, private', { maxAge: 10, scope: 'PRIVATE' }],
    ['public, max-age=300', { maxAge: 300, scope: 'PUBLIC' }],
    ['Max-Age="45"', { maxAge: 45 }],
    ['max-age=30', { maxAge: 30 }],
    ['no-store', { maxAge: 0 }],
    ['no-store, max-age=30, public', { maxAge: 0, scope: 'PUBLIC' }],
    ['max-age=-1, public', { maxAge: 0, scope: 'PUBLIC' }],
    ['max-age=soon', { maxAge: 0 }],
    ['', { maxAge: 0 }],
  ])('%j', (header, hint) => {
    expect(cacheHintOf(header)).toEqual(hint);
  });

  test('no header and repeated headers', () => {
    expect(cacheHintOf(undefined)).toEqual({ maxAge: 0 });
    expect(cacheHintOf(['max-age=30', 'private'])).toEqual({ maxAge: 30, scope: 'PRIVATE' });
  });
});
