import { startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const tables = async () =>
  (await sg.ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).map((r: any) => r.table_name);

test('the partner-directory migration reverts cleanly and applies again', async () => {
  const all = await tables();
  expect(all).toEqual(expect.arrayContaining(['audit_entry', 'contact_person', 'contact_person_topic', 'cooperation', 'news_item', 'topic_alias']));
  // Later migrations are undone first, then the directory migration itself.
  const last = async () => (await sg.ds.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1'))[0].name as string;
  while ((await last()) !== 'PartnerDirectory1767300000000') await sg.ds.undoLastMigration({ transaction: 'all' });
  await sg.ds.undoLastMigration({ transaction: 'all' });
  const reverted = await tables();
  for (const t of ['audit_entry', 'contact_person', 'contact_person_topic', 'cooperation', 'news_item', 'topic_alias']) expect(reverted).not.toContain(t);
  expect(reverted).toEqual(expect.arrayContaining(['partner', 'topic', 'region', 'account']));
  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await tables()).toEqual(all);
});
