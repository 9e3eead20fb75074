import { gqlOk } from '@mitgen/test-kit';
import { countSubgraphRequests } from './test/counting';
import { setUpCallers, type Callers } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// Identical reads in flight at the same moment share one subgraph round trip; different callers,
// different variables and mutations never do.
let stack: TestStack;
let callers: Callers;
beforeAll(async () => {
  stack = await startStack();
  callers = await setUpCallers(stack.url, '-dedupe');
});
afterAll(() => stack?.stop());

const LIST = 'query ($first: Int) { regions(first: $first) { totalCount nodes { code name } } }';

test('twenty identical concurrent reads reach the subgraph far fewer than twenty times, with the same answer each', async () => {
  const counter = countSubgraphRequests(stack.subgraphs);
  const answers = await Promise.all(Array.from({ length: 20 }, () => gqlOk(stack.url, LIST, { first: 45 })));
  expect(counter.of('partners')).toBeLessThan(20);
  for (const a of answers) expect(a).toEqual(answers[0]);
  expect(answers[0].regions.totalCount).toBe(45);
});

test('reads of different callers or with different variables are never shared', async () => {
  const counter = countSubgraphRequests(stack.subgraphs);
  const me = '{ me { email } }';
  const [a, b, anon] = await Promise.all([
    gqlOk(stack.url, me, {}, callers.headers.editorA),
    gqlOk(stack.url, me, {}, callers.headers.editorB),
    gqlOk(stack.url, me),
  ]);
  expect(a.me.email).toBe('editor-a-dedupe@partner.example');
  expect(b.me.email).toBe('editor-b-dedupe@partner.example');
  expect(anon.me).toBeNull();
  const lists = await Promise.all([1, 2, 3].map((first) => gqlOk(stack.url, LIST, { first })));
  expect(lists.map((l) => l.regions.nodes.length)).toEqual([1, 2, 3]);
  expect(counter.of('partners')).toBeGreaterThanOrEqual(6);
});
