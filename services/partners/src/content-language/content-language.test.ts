import { gql, startTestSubgraph, undoMigrationsThrough, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, headersOf } from '../test/callers';

// The coordinator-maintained list of content languages (docs/languages.md, "Content languages").

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const LIST = '{ contentLanguages { code name nativeName direction } }';
const ADD = 'mutation ($c: String!) { addContentLanguage(code: $c) { code } }';
const REMOVE = 'mutation ($c: String!) { removeContentLanguage(code: $c) { code } }';
const codes = async () => (await asOk(sg.url, 'anonymous', LIST)).contentLanguages.map((l: { code: string }) => l.code);

test('the list starts with the seed languages, German first, with names and direction', async () => {
  const { contentLanguages } = await asOk(sg.url, 'anonymous', LIST);
  expect(contentLanguages.map((l: { code: string }) => l.code)).toEqual(['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ku']);
  expect(contentLanguages[0]).toEqual({ code: 'de', name: 'German', nativeName: 'Deutsch', direction: 'LTR' });
  expect(contentLanguages.find((l: { code: string }) => l.code === 'fa')).toMatchObject({ nativeName: 'فارسی', direction: 'RTL' });
});

test('coordinators add a language of the catalogue: it is listed, accepted and translatable at once here; removing it keeps its translations unoffered', async () => {
  const { addContentLanguage } = await asOk(sg.url, 'coordinator', ADD, { c: ' TI ' });
  expect(addContentLanguage.map((l: { code: string }) => l.code)).toEqual(['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ku', 'ti']);
  expect(await codes()).toContain('ti');
  // Adding twice changes nothing.
  await asOk(sg.url, 'coordinator', ADD, { c: 'ti' });
  expect((await codes()).filter((c: string) => c === 'ti')).toHaveLength(1);

  await asOk(sg.url, 'coordinator', 'mutation { translateTopic(slug: "gewaltschutz", language: "ti", input: { name: "ምክልኻል ዓመጽ" }) { slug } }');
  const inTigrinya = await gql(sg.url, '{ topic(slug: "gewaltschutz") { name language availableLanguages } }', {}, { 'accept-language': 'ti' });
  expect(inTigrinya.data.topic).toEqual({ name: 'ምክልኻል ዓመጽ', language: 'ti', availableLanguages: ['de', 'ti'] });

  await asOk(sg.url, 'coordinator', REMOVE, { c: 'ti' });
  expect(await codes()).not.toContain('ti');
  const after = await gql(sg.url, '{ topic(slug: "gewaltschutz") { name language availableLanguages } }', {}, { 'accept-language': 'ti' });
  expect(after.data.topic).toEqual({ name: 'Gewaltschutz', language: 'de', availableLanguages: ['de'] });
  expect(codeOf(await as(sg.url, 'coordinator', 'mutation { translateTopic(slug: "gewaltschutz", language: "ti", input: { name: "X" }) { slug } }'))).toBe('BAD_USER_INPUT');
  // Kept, not shown: offering the language again brings the translation back.
  const [{ count }] = await sg.ds.query("SELECT count(*)::int AS count FROM topic_translation WHERE language = 'ti'");
  expect(count).toBe(1);
  await asOk(sg.url, 'coordinator', ADD, { c: 'ti' });
  expect((await gql(sg.url, '{ topic(slug: "gewaltschutz") { name } }', {}, { 'accept-language': 'ti' })).data.topic.name).toBe('ምክልኻል ዓመጽ');
  await asOk(sg.url, 'coordinator', REMOVE, { c: 'ti' });

  const audit: { action: string; entity_id: string }[] = await sg.ds.query("SELECT action, entity_id FROM audit_entry WHERE entity_type = 'ContentLanguage' ORDER BY at, action");
  expect(audit.map((a) => `${a.action} ${a.entity_id}`)).toEqual(['ADD ti', 'REMOVE ti', 'ADD ti', 'REMOVE ti']);
});

test('only coordinators change the list; German cannot be removed; codes outside the catalogue are BAD_USER_INPUT', async () => {
  expect(codeOf(await as(sg.url, 'editorA', ADD, { c: 'so' }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'anonymous', ADD, { c: 'so' }))).toBe('UNAUTHENTICATED');
  expect(codeOf(await as(sg.url, 'editorA', REMOVE, { c: 'en' }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'anonymous', REMOVE, { c: 'en' }))).toBe('UNAUTHENTICATED');
  expect(codeOf(await as(sg.url, 'coordinator', REMOVE, { c: 'de' }))).toBe('BAD_USER_INPUT');
  const unknown = await gql(sg.url, ADD, { c: 'xx' }, await headersOf('coordinator'));
  expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  expect(unknown.errors?.[0].extensions?.knownLanguages).toEqual(expect.arrayContaining(['ti', 'so', 'ps', 'sq', 'ro', 'pl', 'bg', 'es', 'fr', 'it']));
  expect(await codes()).toEqual(['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ku']);
});

test('the migration reverts', async () => {
  await undoMigrationsThrough(sg, 'ContentLanguages1796072200000');
  const [{ exists }] = await sg.ds.query("SELECT to_regclass('content_language') IS NOT NULL AS exists");
  expect(exists).toBe(false);
  await sg.ds.runMigrations({ transaction: 'each' });
  expect(await sg.ds.query('SELECT code FROM content_language ORDER BY position LIMIT 2')).toEqual([{ code: 'de' }, { code: 'en' }]);
});
