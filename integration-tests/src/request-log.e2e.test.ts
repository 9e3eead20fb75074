import { captureLogs, gql } from '@mitgen/test-kit';
import { stopHttp } from './test/outage';
import { startStack, type TestStack } from './test/stack';

// Every log line written about a request carries its request id, in the gateway and in the
// subgraphs, so that one request's lines can be joined (docs/gateway.md, "Logs").

const logs = captureLogs();
let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({}, { logOf: (service) => logs.logger(service, 'info') });
});
afterAll(() => stack?.stop());

let n = 0;
/** Sends one request with a request id of its own; returns the answer and the lines written meanwhile. */
async function request(query: string) {
  const requestId = `log-test-${++n}`;
  const from = logs.lines.length;
  const res = await gql(stack.url, query, undefined, { 'x-request-id': requestId });
  // The gateway writes its "request failed" line when the answer is finished.
  await new Promise((r) => setImmediate(r));
  return { requestId, res, lines: logs.lines.slice(from) };
}

test('an internal error: the subgraph and the gateway log it at error level, every line with the request id', async () => {
  const { ds } = stack.subgraphs.resources;
  await ds.query('ALTER TABLE resource RENAME TO resource_away');
  let answer: Awaited<ReturnType<typeof request>>;
  try {
    answer = await request('{ resources(first: 1) { totalCount } }');
  } finally {
    await ds.query('ALTER TABLE resource_away RENAME TO resource');
  }
  expect(answer.res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  expect(answer.res.body.extensions.requestId).toBe(answer.requestId);
  // Lines from both sides, at error level…
  expect(new Set(answer.lines.filter((l) => l.level >= 50).map((l) => l.service))).toEqual(new Set(['resources', 'gateway']));
  // …and every one of them names the request.
  expect(answer.lines.map((l) => ({ service: l.service, msg: l.msg, requestId: l.requestId }))).toEqual(
    answer.lines.map((l) => ({ service: l.service, msg: l.msg, requestId: answer.requestId })),
  );
});

test('a subgraph that does not answer: the gateway’s warning carries the request id', async () => {
  const start = await stopHttp(stack.subgraphs.events);
  let answer: Awaited<ReturnType<typeof request>>;
  try {
    answer = await request('{ events(first: 1) { totalCount } }');
  } finally {
    await start();
  }
  expect(answer.res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(answer.lines.filter((l) => l.service === 'gateway' && l.level === 40).length).toBeGreaterThan(0);
  expect(answer.lines.filter((l) => l.requestId !== answer.requestId)).toEqual([]);
});
