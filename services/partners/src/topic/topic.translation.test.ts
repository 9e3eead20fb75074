import { gql, startTestSubgraph, undoMigrationsThrough, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, headersOf, PARTNER_A, type Caller } from '../test/callers';

// Topics and partner profiles in the languages of the communities (docs/languages.md).

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const inLanguage = async (caller: Caller, language: string, query: string, variables?: Record<string, unknown>) => {
  const res = await gql(sg.url, query, variables, { ...(await headersOf(caller)), 'accept-language': language });
  expect(res.errors).toBeUndefined();
  return res.data;
};
const TOPIC = '{ topic(slug: "gewaltschutz") { slug name description language availableLanguages direction } }';
const TRANSLATE_TOPIC = 'mutation ($l: String!, $i: TopicTranslationInput!) { translateTopic(slug: "gewaltschutz", language: $l, input: $i) { slug } }';

test('coordinators translate topics; a topic reads in the requested language with German fallback per field', async () => {
  await asOk(sg.url, 'coordinator', TRANSLATE_TOPIC, { l: 'fa', i: { name: 'حمایت در برابر خشونت' } });
  expect((await inLanguage('anonymous', 'fa', TOPIC)).topic).toEqual({
    slug: 'gewaltschutz',
    name: 'حمایت در برابر خشونت',
    description: 'Schutz vor häuslicher und geschlechtsspezifischer Gewalt, Beratung und Unterbringung.',
    language: 'fa',
    availableLanguages: ['de', 'fa'],
    direction: 'RTL',
  });
  expect((await inLanguage('anonymous', 'tr', TOPIC)).topic).toMatchObject({ name: 'Gewaltschutz', language: 'de', direction: 'LTR' });
  for (const caller of ['editorA', 'anonymous'] as Caller[]) {
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(codeOf(await as(sg.url, caller, TRANSLATE_TOPIC, { l: 'en', i: { name: 'Violence protection' } })));
  }
  expect(codeOf(await as(sg.url, 'coordinator', TRANSLATE_TOPIC, { l: 'en', i: { name: ' ' } }))).toBe('BAD_USER_INPUT');
  expect(codeOf(await as(sg.url, 'coordinator', TRANSLATE_TOPIC, { l: 'xx', i: { name: 'X' } }))).toBe('BAD_USER_INPUT');
});

test('a renamed topic keeps its translations; a changed German name marks the translated name outdated', async () => {
  const { createTopic } = await asOk(sg.url, 'coordinator', 'mutation { createTopic(input: { name: "Sprachmittlung" }) { slug version } }');
  await asOk(sg.url, 'coordinator', 'mutation ($s: String!) { translateTopic(slug: $s, language: "en", input: { name: "Language mediation" }) { slug } }', { s: createTopic.slug });
  await asOk(sg.url, 'coordinator', 'mutation ($s: String!, $v: Int!) { updateTopic(slug: $s, input: { version: $v, name: "Sprach- und Kulturmittlung", slug: "kulturmittlung" }) { slug } }', {
    s: createTopic.slug,
    v: createTopic.version,
  });
  const { topic } = await inLanguage('coordinator', 'en', '{ topic(slug: "kulturmittlung") { name translations { language field outdated } } }');
  expect(topic).toEqual({ name: 'Language mediation', translations: [{ language: 'en', field: 'name', outdated: true }] });
  expect(codeOf(await as(sg.url, 'anonymous', '{ topic(slug: "kulturmittlung") { translations { outdated } } }'))).toBe('FORBIDDEN');
});

test('editors translate their own partner profile only; the description reads in the requested language', async () => {
  const TRANSLATE = 'mutation ($id: ID!, $l: String!, $d: String) { translatePartner(id: $id, language: $l, input: { description: $d }) { id } }';
  await asOk(sg.url, 'editorA', TRANSLATE, { id: PARTNER_A, l: 'uk', d: 'Освітній і консультаційний офіс мережі.' });
  expect(codeOf(await as(sg.url, 'editorB', TRANSLATE, { id: PARTNER_A, l: 'uk', d: 'Ні' }))).toBe('FORBIDDEN');
  const read = async (language: string) => (await inLanguage('anonymous', language, 'query ($id: ID!) { partner(id: $id) { description language availableLanguages } }', { id: PARTNER_A })).partner;
  expect(await read('uk')).toEqual({ description: 'Освітній і консультаційний офіс мережі.', language: 'uk', availableLanguages: ['de', 'uk'] });
  expect((await read('de')).language).toBe('de');
  await asOk(sg.url, 'coordinator', 'mutation ($id: ID!) { removePartnerTranslation(id: $id, language: "uk") { id } }', { id: PARTNER_A });
  expect(await read('uk')).toMatchObject({ language: 'de', availableLanguages: ['de'] });
});

test('a page of all topics in Arabic costs one statement more than in German, whatever their number', async () => {
  const count = async (language: string) => {
    sg.counter.reset();
    await inLanguage('anonymous', language, '{ topics { nodes { name description language direction } } }');
    return sg.counter.count;
  };
  const german = await count('de');
  expect(await count('ar')).toBe(german + 1);
  await asOk(sg.url, 'coordinator', 'mutation { createTopic(input: { name: "Noch ein Thema" }) { slug } }');
  expect(await count('ar')).toBe(german + 1);
});

test('the translations migration reverts cleanly and applies again', async () => {
  await undoMigrationsThrough(sg, 'Translations1768200000000');
  expect(await sg.ds.query("SELECT to_regclass('topic_translation') AS t, to_regclass('partner_translation') AS p")).toEqual([{ t: null, p: null }]);
  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await sg.ds.query("SELECT to_regclass('topic_translation')::text AS t")).toEqual([{ t: 'topic_translation' }]);
});
