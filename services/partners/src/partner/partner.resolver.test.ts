import { entitiesQuery, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { stableId } from '@mitgen/subgraph-kit';
import { partnersService } from '../service';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersService, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

test('lists published partners sorted by name, hiding drafts', async () => {
  const data = await gqlOk(sg.url, '{ partners(first: 50) { totalCount nodes { name status } } }');
  const names = data.partners.nodes.map((n: any) => n.name);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  expect(data.partners.nodes.every((n: any) => n.status === 'PUBLISHED')).toBe(true);
  expect(names).not.toContain('Interkulturelles Frauencafé Hildesheim');
  expect(data.partners.totalCount).toBe(names.length);
});

test('resolving 50 partner references costs one SQL statement', async () => {
  const ids = Array.from({ length: 50 }, (_, i) => (i % 2 ? stableId('partner', 'vnb-ev') : stableId('partner', `missing-${i}`)));
  sg.counter.reset();
  const data = await gqlOk(sg.url, entitiesQuery('Partner', 'id name'), { r: ids.map((id) => ({ __typename: 'Partner', id })) });
  expect(data._entities).toHaveLength(50);
  expect(data._entities[1].name).toBe('Verein Niedersächsischer Bildungsinitiativen e.V.');
  expect(data._entities[0]).toBeNull();
  expect(sg.counter.count).toBe(1);
});
