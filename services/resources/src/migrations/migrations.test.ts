import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { startTestSubgraph, undoMigrationsThrough, type TestSubgraph } from '@mitgen/test-kit';
import { Resource, ResourceKind } from '../resource/resource.entity';
import { resourcesSubgraph } from '../subgraph';
import { demoLookup } from '../test/fake-lookup';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph({ ...resourcesSubgraph, prepare: () => ({ lookup: demoLookup() }) });
});
afterAll(() => sg?.stop());

const titles = async () => (await sg.ds.query('SELECT title FROM resource ORDER BY title')).map((r: any) => r.title);
const found = async (query: string) =>
  (await sg.ds.query("SELECT title FROM resource WHERE search @@ websearch_to_tsquery('german', $1) ORDER BY title", [query])).map((r: any) => r.title);

test('the German search and order migration reverts cleanly and applies again, keeping the rows', async () => {
  const repo = sg.ds.getRepository(Resource);
  for (const title of ['Zeven', 'Göttingen', 'Grafschaft Bentheim']) {
    await repo.insert({ title, kind: ResourceKind.COUNSELLING, providerId: stableId('partner', 'p'), status: PublicationStatus.PUBLISHED, body: 'Hilfe für Flüchtlinge' });
  }
  expect(await titles()).toEqual(['Göttingen', 'Grafschaft Bentheim', 'Zeven']);
  await undoMigrationsThrough(sg, 'GermanSearchAndOrder1768016000000');
  expect(await sg.ds.query("SELECT proname FROM pg_proc WHERE proname LIKE 'german\\_%'")).toEqual([]);
  expect(await found('Flüchtlinge')).toHaveLength(3); // the search as before: unfolded
  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await titles()).toEqual(['Göttingen', 'Grafschaft Bentheim', 'Zeven']);
  expect(await found('fluechtlinge')).toHaveLength(3);
});
