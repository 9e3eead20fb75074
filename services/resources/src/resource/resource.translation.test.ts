import { AuditEntry, LANGUAGE_CATALOGUE, SEED_CONTENT_LANGUAGES, stableId } from '@mitgen/subgraph-kit';
import { asPrincipal, gql, gqlOk, startTestSubgraph, undoMigrationsThrough, type TestSubgraph } from '@mitgen/test-kit';
import { resourcesSubgraph } from '../subgraph';
import { demoLookup } from '../test/fake-lookup';

// Resources in the languages of the communities (docs/languages.md): German is the source, each
// field falls back to it, translations whose German source changed are outdated, search works in
// the requested language and still finds German texts.

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph({ ...resourcesSubgraph, prepare: () => ({ lookup: demoLookup() }) });
});
afterAll(() => sg?.stop());

const A = stableId('partner', 'g-mit-niedersachsen');
const B = stableId('partner', 'frauenberatung-osnabrueck');
type Headers = Record<string, string>;
let as: { editorA: Headers; editorB: Headers; coordinator: Headers };
beforeAll(async () => {
  as = {
    editorA: await asPrincipal({ role: 'PARTNER_EDITOR', subject: stableId('account', 'editor-a'), partnerId: A }, 'resources'),
    editorB: await asPrincipal({ role: 'PARTNER_EDITOR', subject: stableId('account', 'editor-b'), partnerId: B }, 'resources'),
    coordinator: await asPrincipal({ role: 'COORDINATOR', subject: stableId('account', 'coordinator') }, 'resources'),
  };
});

const TEXTS = 'id title summary body language availableLanguages direction';
const TRANSLATE = `mutation ($id: ID!, $l: String!, $i: ResourceTranslationInput!) { translateResource(id: $id, language: $l, input: $i) { id translations { language field text outdated } } }`;

async function publishedOfA(title: string, summary = 'Kurz gesagt.', body = 'Ausführlich beschrieben.'): Promise<{ id: string; version: number }> {
  const { createResource } = await gqlOk(sg.url, 'mutation ($i: CreateResourceInput!) { createResource(input: $i) { id } }', { i: { title, summary, body, kind: 'COUNSELLING' } }, as.editorA);
  const { publishResource } = await gqlOk(sg.url, 'mutation ($id: ID!) { publishResource(id: $id) { id version } }', { id: createResource.id }, as.editorA);
  return publishResource;
}

const translate = (id: string, language: string, input: Record<string, unknown>, headers = as.editorA) => gql(sg.url, TRANSLATE, { id, l: language, i: input }, headers);
const one = async (id: string, headers: Headers = {}, language?: string) =>
  (await gqlOk(sg.url, `query ($id: ID!, $l: String) { resource(id: $id, language: $l) { ${TEXTS} } }`, { id, l: language }, headers)).resource;

test('a resource reads in the requested language, field by field with German fallback, with direction and available languages', async () => {
  const r = await publishedOfA('Beratung für Frauen', 'Kostenlos und vertraulich.', 'Termine nach Absprache.');
  expect((await translate(r.id, 'ar', { title: 'استشارة للنساء', summary: 'مجانية وسرية' })).errors).toBeUndefined();
  expect((await translate(r.id, 'uk', { title: 'Консультація для жінок' })).errors).toBeUndefined();

  expect(await one(r.id, { 'accept-language': 'ar-SY,ar;q=0.9,de;q=0.5' })).toEqual({
    id: r.id,
    title: 'استشارة للنساء',
    summary: 'مجانية وسرية',
    body: 'Termine nach Absprache.', // not translated: German
    language: 'ar',
    availableLanguages: ['de', 'ar', 'uk'],
    direction: 'RTL',
  });
  // The argument overrides the header.
  expect(await one(r.id, { 'accept-language': 'ar' }, 'uk')).toMatchObject({ title: 'Консультація для жінок', summary: 'Kostenlos und vertraulich.', language: 'uk', direction: 'LTR' });
  // No translation into English: German, left to right.
  expect(await one(r.id, { 'accept-language': 'en' })).toMatchObject({ title: 'Beratung für Frauen', language: 'de', direction: 'LTR' });
  // No header, or garbage: German, never an error.
  for (const header of [{}, { 'accept-language': '%%%;q=x,,,' }, { 'accept-language': 'xx-YY' }] as Headers[]) {
    expect(await one(r.id, header)).toMatchObject({ title: 'Beratung für Frauen', language: 'de', availableLanguages: ['de', 'ar', 'uk'] });
  }
});

test('an unknown language code is BAD_USER_INPUT listing the supported codes; German cannot be translated; an empty title is refused', async () => {
  const r = await publishedOfA('Sprachkurs');
  const unknown = await gql(sg.url, '{ resources(language: "xx") { totalCount } }');
  expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', supportedLanguages: SEED_CONTENT_LANGUAGES });
  expect(unknown.errors?.[0].message).toMatch(/de, en, ar, fa, tr, uk, ru, ku/);
  expect((await translate(r.id, 'xx', { title: 'X' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect((await translate(r.id, 'de', { title: 'X' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  for (const title of ['', '   ']) expect((await translate(r.id, 'en', { title })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(await one(r.id, {}, 'en')).toMatchObject({ availableLanguages: ['de'] });
});

test('editors translate their own organisation’s resources only; coordinators any; the public may not read the translation state', async () => {
  const r = await publishedOfA('Jobcoaching');
  expect((await translate(r.id, 'en', { title: 'Job coaching' }, as.editorB)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await translate(r.id, 'en', { title: 'Job coaching' }, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await translate(r.id, 'en', { title: 'Job coaching' }, as.coordinator)).errors).toBeUndefined();
  const state = await gql(sg.url, 'query ($id: ID!) { resource(id: $id) { translations { language } } }', { id: r.id });
  expect(state.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const audited = await sg.ds.getRepository(AuditEntry).findBy({ entityId: r.id, action: 'TRANSLATE' });
  expect(audited).toHaveLength(1);
  // Removing the translation: German again.
  await gqlOk(sg.url, 'mutation ($id: ID!) { removeResourceTranslation(id: $id, language: "en") { id } }', { id: r.id }, as.editorA);
  expect(await one(r.id, {}, 'en')).toMatchObject({ title: 'Jobcoaching', language: 'de', availableLanguages: ['de'] });
});

test('a translation is outdated per field once its German source changes, and current again when rewritten', async () => {
  const r = await publishedOfA('Schuldnerberatung', 'Hilfe bei Schulden.');
  await translate(r.id, 'tr', { title: 'Borç danışmanlığı', summary: 'Borç konusunda yardım.' });
  await gqlOk(sg.url, 'mutation ($id: ID!, $i: UpdateResourceInput!) { updateResource(id: $id, input: $i) { id } }', { id: r.id, i: { version: r.version, summary: 'Hilfe bei Schulden und Insolvenz.' } }, as.editorA);
  const states = async () =>
    (await gqlOk(sg.url, 'query ($id: ID!) { resource(id: $id) { translations { language field outdated } } }', { id: r.id }, as.editorA)).resource.translations;
  expect(await states()).toEqual([
    { language: 'tr', field: 'summary', outdated: true },
    { language: 'tr', field: 'title', outdated: false },
  ]);
  await translate(r.id, 'tr', { summary: 'Borç ve iflas konusunda yardım.' });
  expect((await states()).every((s: { outdated: boolean }) => !s.outdated)).toBe(true);
});

test('search in the requested language uses its text-search configuration and still finds German texts', async () => {
  const shelter = await publishedOfA('Frauenhaus Hildesheim', 'Schutz und Unterkunft.');
  const course = await publishedOfA('Deutschkurs für Mütter', 'Mit Kinderbetreuung.');
  await translate(shelter.id, 'en', { title: 'Women’s shelter Hildesheim', summary: 'Protection and housing for women.' });
  await translate(course.id, 'ru', { title: 'Курсы немецкого языка для матерей', summary: 'С присмотром за детьми.' });
  const search = async (text: string, language?: string) =>
    (await gqlOk(sg.url, 'query ($f: ResourceFilter, $l: String) { resources(filter: $f, language: $l) { nodes { id title } } }', { f: { search: text }, l: language })).resources.nodes.map(
      (n: { id: string }) => n.id,
    );
  // English stemming: "protecting" finds "Protection"; German finds nothing in English.
  expect(await search('protecting', 'en')).toEqual([shelter.id]);
  expect(await search('protecting')).toEqual([]);
  // Russian stemming: "курс" finds "Курсы".
  expect(await search('курс', 'ru')).toEqual([course.id]);
  // German texts are still found when searching in English.
  expect(await search('Kinderbetreuung', 'en')).toEqual([course.id]);
  // Every configuration the content languages name exists in this PostgreSQL.
  const configs = (await sg.ds.query('SELECT cfgname FROM pg_ts_config')).map((c: { cfgname: string }) => c.cfgname);
  for (const l of LANGUAGE_CATALOGUE) expect(configs).toContain(l.searchConfig);
});

test('a page of 50 translated resources costs the same SQL statements in any language as for 5', async () => {
  await sg.ds.query('DELETE FROM resource');
  const statements = async (n: number, headers: Headers) => {
    sg.counter.reset();
    const { resources } = await gqlOk(sg.url, '{ resources(first: 50) { nodes { title summary language availableLanguages direction } } }', {}, headers);
    expect(resources.nodes).toHaveLength(n);
    return sg.counter.count;
  };
  const add = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const r = await publishedOfA(`Angebot ${i}`);
      for (const language of ['ar', 'fa', 'en']) await translate(r.id, language, { title: `${language} ${i}`, summary: `${language}` });
    }
  };
  await add(5);
  const small = await statements(5, { 'accept-language': 'ar' });
  await add(45);
  expect(await statements(50, { 'accept-language': 'ar' })).toBe(small);
  expect(await statements(50, { 'accept-language': 'fa' })).toBe(small);
  expect(small).toBeLessThanOrEqual(3); // count, page, translations
});

test('the translations migration reverts cleanly and applies again', async () => {
  await undoMigrationsThrough(sg, 'ResourceTranslations1768200000000');
  expect(await sg.ds.query("SELECT to_regclass('resource_translation') AS t")).toEqual([{ t: null }]);
  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await sg.ds.query("SELECT to_regclass('resource_translation')::text AS t")).toEqual([{ t: 'resource_translation' }]);
});
