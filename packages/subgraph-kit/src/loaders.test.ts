import { alignByKey, groupByKey, LoaderRegistry } from './loaders';

test('alignByKey answers in the order of the keys with null for missing rows', () => {
  const rows = [{ id: 'b' }, { id: 'a' }];
  expect(alignByKey(['a', 'x', 'b'], rows, (r) => r.id)).toEqual([{ id: 'a' }, null, { id: 'b' }]);
});

test('groupByKey puts rows under every key they belong to', () => {
  const rows = [
    { n: 1, tags: ['x', 'y'] },
    { n: 2, tags: ['y'] },
  ];
  expect(groupByKey(['y', 'z', 'x'], rows, (r) => r.tags).map((g) => g.map((r) => r.n))).toEqual([[1, 2], [], [1]]);
});

test('the registry batches loads of one request into one call', async () => {
  const registry = new LoaderRegistry();
  const calls: (readonly string[])[] = [];
  const loader = () => registry.get<string, string>('x', async (keys) => (calls.push(keys), keys.map((k) => k.toUpperCase())));
  const results = await Promise.all(['a', 'b', 'c'].map((k) => loader().load(k)));
  expect(results).toEqual(['A', 'B', 'C']);
  expect(calls).toEqual([['a', 'b', 'c']]);
});
