import { startTestSubgraph, undoMigrationsThrough, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const tables = async () =>
  (await sg.ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).map((r: any) => r.table_name);

const collations = async () =>
  (await sg.ds.query(`SELECT table_name || '.' || column_name AS col, collation_name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name = 'name' AND table_name IN ('region', 'topic', 'partner', 'contact_person') ORDER BY 1`)) as { col: string; collation_name: string | null }[];
const regionsInOrder = async () => (await sg.ds.query("SELECT name FROM region WHERE name LIKE 'G%' ORDER BY name, code")).map((r: any) => r.name);

test('the German search and order migration reverts cleanly and applies again', async () => {
  const german = await regionsInOrder();
  expect(german.indexOf('Göttingen')).toBeLessThan(german.indexOf('Grafschaft Bentheim'));
  expect((await collations()).every((c) => c.collation_name === 'de-x-icu')).toBe(true);
  await undoMigrationsThrough(sg, 'GermanSearchAndOrder1768016000000');
  expect((await collations()).every((c) => c.collation_name === null)).toBe(true);
  expect(await sg.ds.query("SELECT proname FROM pg_proc WHERE proname LIKE 'german\\_%'")).toEqual([]);
  const [{ found }] = await sg.ds.query("SELECT count(*)::int AS found FROM partner WHERE search @@ websearch_to_tsquery('german', 'Beratung')");
  expect(found).toBeGreaterThan(0); // the search as before
  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await regionsInOrder()).toEqual(german);
  expect((await collations()).every((c) => c.collation_name === 'de-x-icu')).toBe(true);
});

test('the erasure-request and partner-directory migrations revert cleanly and apply again', async () => {
  const all = await tables();
  expect(all).toEqual(expect.arrayContaining(['audit_entry', 'contact_person', 'contact_person_topic', 'cooperation', 'news_item', 'topic_alias', 'erasure_request', 'erasure_step']));
  await undoMigrationsThrough(sg, 'ErasureRequests1768000000000');
  const withoutErasure = await tables();
  expect(withoutErasure).toEqual(all.filter((t: string) => !['erasure_request', 'erasure_step', 'sign_in_failure', 'topic_translation', 'partner_translation', 'content_language'].includes(t)));
  await undoMigrationsThrough(sg, 'PartnerDirectory1767300000000');
  const reverted = await tables();
  for (const t of ['audit_entry', 'contact_person', 'contact_person_topic', 'cooperation', 'news_item', 'topic_alias', 'sign_in_failure']) expect(reverted).not.toContain(t);
  expect(reverted).toEqual(expect.arrayContaining(['partner', 'topic', 'region', 'account']));
  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await tables()).toEqual(all);
});

test('the topic-id migration reverts and applies again, giving every existing topic a unique id', async () => {
  const before = await sg.ds.query('SELECT slug, id FROM topic ORDER BY slug');
  expect(before.length).toBeGreaterThan(0);
  await undoMigrationsThrough(sg, 'TopicIds1768100000000');
  const columns = async () => (await sg.ds.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'topic'")).map((r: any) => r.column_name);
  expect(await columns()).not.toContain('id');
  await sg.ds.runMigrations({ transaction: 'all' });
  const again = await sg.ds.query('SELECT slug, id FROM topic ORDER BY slug');
  expect(again.map((r: any) => r.slug)).toEqual(before.map((r: any) => r.slug));
  expect(new Set(again.map((r: any) => r.id)).size).toBe(again.length);
});
