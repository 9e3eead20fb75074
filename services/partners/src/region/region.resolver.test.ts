import { stableId } from '@mitgen/subgraph-kit';
import { entitiesQuery, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph); // no demo data: regions come with the migration
});
afterAll(() => sg?.stop());

test('all 45 areas of Lower Saxony are there without demo data, on one page by default', async () => {
  const { regions } = await gqlOk(sg.url, '{ regions { totalCount pageInfo { hasNextPage } nodes { code name kind } } }');
  expect(regions.totalCount).toBe(45);
  expect(regions.nodes).toHaveLength(45);
  expect(regions.pageInfo.hasNextPage).toBe(false);
  expect(regions.nodes.filter((r: any) => r.kind === 'DISTRICT_FREE_CITY')).toHaveLength(8);
  expect(regions.nodes.filter((r: any) => r.kind === 'REGION')).toEqual([{ code: '03241', name: 'Region Hannover', kind: 'REGION' }]);
  expect(regions.nodes.every((r: any) => /^03\d{3}$/.test(r.code))).toBe(true);
});

test('regions filter by kind and resolve by code', async () => {
  const { regions } = await gqlOk(sg.url, '{ regions(kind: DISTRICT_FREE_CITY) { totalCount } }');
  expect(regions.totalCount).toBe(8);
  expect((await gqlOk(sg.url, '{ region(code: "03159") { name } }')).region).toEqual({ name: 'Göttingen' });
  expect((await gqlOk(sg.url, '{ region(code: "99999") { name } }')).region).toBeNull();
});

test('every region has a stable id derived from its official key, also through _entities', async () => {
  const { regions } = await gqlOk(sg.url, '{ regions { nodes { id code } } }');
  expect(new Set(regions.nodes.map((r: any) => r.id)).size).toBe(45);
  for (const r of regions.nodes) expect(r.id).toBe(stableId('region', r.code));
  const { _entities } = await gqlOk(sg.url, entitiesQuery('Region', 'id code'), { r: [{ __typename: 'Region', code: '03241' }] });
  expect(_entities).toEqual([{ id: stableId('region', '03241'), code: '03241' }]);
  expect((await gqlOk(sg.url, '{ region(code: "03241") { id } }')).region.id).toBe(stableId('region', '03241'));
});
