import { startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const tables = async () =>
  (await sg.ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).map((r: any) => r.table_name);

test('the erasure-request and partner-directory migrations revert cleanly and apply again', async () => {
  const all = await tables();
  expect(all).toEqual(expect.arrayContaining(['audit_entry', 'contact_person', 'contact_person_topic', 'cooperation', 'news_item', 'topic_alias', 'erasure_request', 'erasure_step']));
  await sg.ds.undoLastMigration({ transaction: 'all' });
  const withoutErasure = await tables();
  expect(withoutErasure).toEqual(all.filter((t: string) => t !== 'erasure_request' && t !== 'erasure_step'));
  await sg.ds.undoLastMigration({ transaction: 'all' });
  const reverted = await tables();
  for (const t of ['audit_entry', 'contact_person', 'contact_person_topic', 'cooperation', 'news_item', 'topic_alias']) expect(reverted).not.toContain(t);
  expect(reverted).toEqual(expect.arrayContaining(['partner', 'topic', 'region', 'account']));
  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await tables()).toEqual(all);
});
