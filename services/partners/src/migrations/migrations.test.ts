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
  // Later migrations are undone first, down to the partner directory.
  const undone: string[] = [];
  while (undone.at(-1) !== 'PartnerDirectory1767300000000') {
    const [last] = await sg.ds.query('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1');
    await sg.ds.undoLastMigration({ transaction: 'all' });
    undone.push(last.name);
  }
  const reverted = await tables();
  for (const t of ['audit_entry', 'contact_person', 'contact_person_topic', 'cooperation', 'news_item', 'topic_alias']) expect(reverted).not.toContain(t);
  expect(reverted).toEqual(expect.arrayContaining(['partner', 'topic', 'region', 'account']));
  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await tables()).toEqual(all);
});

test('the topic-id migration reverts and applies again, giving every existing topic a unique id', async () => {
  const before = await sg.ds.query('SELECT slug, id FROM topic ORDER BY slug');
  expect(before.length).toBeGreaterThan(0);
  while ((await sg.ds.query('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1'))[0].name !== 'TopicIds1767800000000') {
    await sg.ds.undoLastMigration({ transaction: 'all' });
  }
  await sg.ds.undoLastMigration({ transaction: 'all' });
  const columns = async () => (await sg.ds.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'topic'")).map((r: any) => r.column_name);
  expect(await columns()).not.toContain('id');
  await sg.ds.runMigrations({ transaction: 'all' });
  const again = await sg.ds.query('SELECT slug, id FROM topic ORDER BY slug');
  expect(again.map((r: any) => r.slug)).toEqual(before.map((r: any) => r.slug));
  expect(new Set(again.map((r: any) => r.id)).size).toBe(again.length);
});
