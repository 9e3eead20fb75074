import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { createLogger, inMemorySpanExporter, startTracing, type Tracing } from '@mitgen/subgraph-kit/runtime';
import { startStack, type TestStack } from './test/stack';

// One request through the gateway is one trace: the gateway continues the client's W3C
// `traceparent`, every subgraph fetch is a span whose subgraph request is its child, and the
// subgraphs' resolvers and SQL statements are spans below that (read from an in-memory exporter);
// log lines of the gateway and the subgraphs carry the trace id next to the request id. The OTLP
// export itself (OTEL_EXPORTER_OTLP_ENDPOINT) is checked in a child process against a tiny
// OTLP/HTTP receiver: the exporter loads `http` by dynamic import, which jest's module system refuses.

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: number } }[];
}

let stack: TestStack;
let receiver: http.Server;
let tracing: Tracing;
const exporter = inMemorySpanExporter();
const received: OtlpSpan[] = [];
const lines: Record<string, unknown>[] = [];
const logTo = { write: (line: string) => void lines.push(JSON.parse(line)) };

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const json = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const rs of json.resourceSpans) for (const ss of rs.scopeSpans) received.push(...ss.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  tracing = startTracing({ service: 'mitgen-tests', exporter });
  stack = await startStack({}, { logOf: (service) => createLogger(service, 'debug', logTo) });
});
afterAll(async () => {
  await stack?.stop();
  await tracing?.shutdown();
  await new Promise((r) => receiver?.close(r));
});

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** The finished spans so far, flattened. */
function spans(): Span[] {
  return exporter.getFinishedSpans().map((s) => ({
    traceId: s.spanContext().traceId,
    spanId: s.spanContext().spanId,
    parentSpanId: s.parentSpanContext?.spanId,
    name: s.name,
    attributes: s.attributes,
  }));
}
const attr = (s: Span, key: string) => s.attributes[key];

test('a request through the gateway is one trace: a span per subgraph fetch, below it the subgraph’s request, resolvers and SQL', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const res = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    body: JSON.stringify({ query: '{ partners(first: 2) { nodes { name events(first: 1) { nodes { title } } } } }' }),
  });
  expect(res.status).toBe(200);
  const requestId = res.headers.get('x-request-id');
  await tracing.flush();

  const trace = spans().filter((s) => s.traceId === traceId);
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  const gatewaySpan = trace.find((s) => s.name === 'POST /graphql' && attr(s, 'mitgen.service') === 'gateway');
  expect(gatewaySpan?.parentSpanId).toBe('00f067aa0ba902b7');
  const fetches = trace.filter((s) => s.name.startsWith('fetch '));
  expect(fetches.map((s) => s.name).sort()).toEqual(['fetch events', 'fetch partners']);

  for (const f of fetches) {
    const subgraph = f.name.slice('fetch '.length);
    // The subgraph continued the trace the fetch passed on.
    const server = trace.find((s) => s.parentSpanId === f.spanId);
    expect([subgraph, server?.name, attr(server!, 'mitgen.service')]).toEqual([subgraph, 'POST /graphql', subgraph]);
    const below = (s: Span): boolean => {
      for (let p = s.parentSpanId && byId.get(s.parentSpanId); p; p = p.parentSpanId ? byId.get(p.parentSpanId) : undefined) if (p === server) return true;
      return false;
    };
    const resolvers = trace.filter((s) => s.name.startsWith('resolve ') && below(s));
    const sql = trace.filter((s) => attr(s, 'db.system.name') === 'postgresql' && below(s));
    expect([subgraph, resolvers.length > 0, sql.length > 0]).toEqual([subgraph, true, true]);
    expect(sql.every((s) => /^(SELECT|WITH)\b/.test(s.name) && String(attr(s, 'db.query.text')).length > 0)).toBe(true);
  }

  // The same trace id in the gateway's line and in each subgraph's, next to the request id.
  const gatewayLine = lines.find((l) => l.msg === '[gateway] graphql request' && l.requestId === requestId);
  expect(gatewayLine?.traceId).toBe(traceId);
  for (const subgraph of ['partners', 'events']) {
    const line = lines.find((l) => l.msg === `[${subgraph}] graphql request` && l.requestId === requestId);
    expect([subgraph, line?.traceId]).toEqual([subgraph, traceId]);
  }
});

test('without a traceparent the gateway starts a trace; its id is in the logs', async () => {
  const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ regions(first: 1) { totalCount } }' }) });
  expect(res.status).toBe(200);
  const requestId = res.headers.get('x-request-id');
  await tracing.flush();
  const gatewayLine = lines.find((l) => l.msg === '[gateway] graphql request' && l.requestId === requestId);
  expect(gatewayLine?.traceId).toMatch(/^[0-9a-f]{32}$/);
  const partnersLine = lines.find((l) => l.msg === '[partners] graphql request' && l.requestId === requestId);
  expect(partnersLine?.traceId).toBe(gatewayLine?.traceId);
  expect(spans().some((s) => s.traceId === gatewayLine?.traceId && s.name === 'fetch partners')).toBe(true);
});

test('OTEL_EXPORTER_OTLP_ENDPOINT: spans are sent over OTLP/HTTP to the collector', async () => {
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const script = `
    const { startTracing, tracer } = require('@mitgen/subgraph-kit/runtime');
    const t = startTracing({ service: 'otlp-check', endpoint: process.argv[1] });
    tracer().startSpan('otlp-check span').end();
    t.shutdown().then(() => process.exit(0));`;
  await new Promise<void>((resolve, reject) => execFile(process.execPath, ['-e', script, endpoint], { cwd: __dirname }, (e) => (e ? reject(e) : resolve())));
  expect(received.map((s) => s.name)).toContain('otlp-check span');
  expect(received.find((s) => s.name === 'otlp-check span')?.traceId).toMatch(/^[0-9a-f]{32}$/);
});
