import { randomUUID } from 'node:crypto';
import { AuditEntry, SEED_CONTENT_LANGUAGES } from '@mitgen/subgraph-kit';
import { gql, gqlOk, startTestSubgraph, undoMigrationsThrough, type TestSubgraph } from '@mitgen/test-kit';
import { demoLookup, eventsSubgraphWith } from '../test/fake-lookup';
import { as, makeEvent, PARTNER_A } from '../test/helpers';

// Events in the languages of the communities (docs/languages.md): title, description and programme
// item titles translated, German per field where a translation is missing, access like changing the
// event, and no more SQL statements for longer lists or more languages.

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraphWith(demoLookup()), { MAIL_WORKER: 'false' });
});
afterAll(() => sg?.stop());

type Headers = Record<string, string>;
const TRANSLATE = 'mutation ($id: ID!, $l: String!, $i: EventTranslationInput!) { translateEvent(id: $id, language: $l, input: $i) { id translations { language field text outdated } } }';
const TRANSLATE_ITEM = 'mutation ($id: ID!, $l: String!, $t: String!) { translateProgrammeItem(id: $id, language: $l, input: { title: $t }) { id title } }';
const TEXTS = 'id title description language availableLanguages direction programme { id title language availableLanguages direction }';

const translate = async (id: string, language: string, input: Record<string, unknown>, headers?: Headers) => gql(sg.url, TRANSLATE, { id, l: language, i: input }, headers ?? (await as.editorA()));
const translateItem = async (id: string, language: string, title: string, headers?: Headers) => gql(sg.url, TRANSLATE_ITEM, { id, l: language, t: title }, headers ?? (await as.editorA()));
const one = async (id: string, headers: Headers = {}, language?: string) =>
  (await gqlOk(sg.url, `query ($id: ID!, $l: String) { event(id: $id, language: $l) { ${TEXTS} } }`, { id, l: language }, headers)).event;

/** A published event of partner A with a two-item programme, made through the API (so that the items have ids). */
async function eventWithProgramme(organizerIds = [PARTNER_A]): Promise<{ id: string; version: number; items: string[] }> {
  const start = new Date(Date.now() + 40 * 86_400_000);
  const { createEvent } = await gqlOk(
    sg.url,
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id programme { id } } }',
    {
      i: {
        slug: `uebersetzt-${randomUUID()}`,
        title: 'Netzwerktreffen',
        description: 'Austausch der Partner*innen.',
        kind: 'NETZWERKTREFFEN',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
        organizerIds,
        programme: [
          { startsAt: start.toISOString(), title: 'Begrüßung', kind: 'WELCOME' },
          { startsAt: new Date(start.getTime() + 3_600_000).toISOString(), title: 'Kaffeepause', kind: 'BREAK' },
        ],
      },
    },
    await as.coordinator(),
  );
  const { publishEvent } = await gqlOk(sg.url, 'mutation ($id: ID!) { publishEvent(id: $id) { id version } }', { id: createEvent.id }, await as.coordinator());
  return { id: createEvent.id, version: publishEvent.version, items: createEvent.programme.map((p: { id: string }) => p.id) };
}

test('an event and its programme read in the requested language, field by field with German fallback, with direction and available languages', async () => {
  const e = await eventWithProgramme();
  expect((await translate(e.id, 'ar', { title: 'لقاء الشبكة' })).errors).toBeUndefined();
  expect((await translate(e.id, 'en', { title: 'Network meeting', description: 'Partners exchange news.' })).errors).toBeUndefined();
  expect((await translateItem(e.items[0], 'ar', 'الترحيب')).errors).toBeUndefined();

  expect(await one(e.id, { 'accept-language': 'ar-SY,ar;q=0.9,de;q=0.5' })).toEqual({
    id: e.id,
    title: 'لقاء الشبكة',
    description: 'Austausch der Partner*innen.', // not translated: German
    language: 'ar',
    availableLanguages: ['de', 'en', 'ar'],
    direction: 'RTL',
    programme: [
      { id: e.items[0], title: 'الترحيب', language: 'ar', availableLanguages: ['de', 'ar'], direction: 'RTL' },
      { id: e.items[1], title: 'Kaffeepause', language: 'de', availableLanguages: ['de'], direction: 'LTR' },
    ],
  });
  // The argument overrides the header; the list takes it too.
  expect(await one(e.id, { 'accept-language': 'ar' }, 'en')).toMatchObject({ title: 'Network meeting', description: 'Partners exchange news.', language: 'en', direction: 'LTR' });
  const listed = await gqlOk(sg.url, 'query ($o: ID!) { events(filter: { organizer: $o }, first: 100, language: "en") { nodes { id title language } } }', { o: PARTNER_A });
  expect(listed.events.nodes).toContainEqual({ id: e.id, title: 'Network meeting', language: 'en' });
  // No translation into Ukrainian; no header, or garbage: German, never an error.
  for (const header of [{ 'accept-language': 'uk' }, {}, { 'accept-language': '%%%;q=x,,,' }, { 'accept-language': 'xx-YY' }] as Headers[]) {
    expect(await one(e.id, header)).toMatchObject({ title: 'Netzwerktreffen', language: 'de', direction: 'LTR', availableLanguages: ['de', 'en', 'ar'] });
  }
});

test('an unknown language code is BAD_USER_INPUT listing the supported codes; German cannot be translated; an empty title is refused', async () => {
  const e = await eventWithProgramme();
  for (const query of ['{ events(language: "xx") { totalCount } }', `{ event(id: "${e.id}", language: "klingonisch") { id } }`]) {
    const unknown = await gql(sg.url, query);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', supportedLanguages: SEED_CONTENT_LANGUAGES });
    expect(unknown.errors?.[0].message).toMatch(/de, en, ar, fa, tr, uk, ru, ku/);
  }
  expect((await translate(e.id, 'xx', { title: 'X' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect((await translate(e.id, 'de', { title: 'X' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  for (const title of ['', '   ']) {
    expect((await translate(e.id, 'en', { title })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await translateItem(e.items[0], 'en', title)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }
  expect((await translateItem(e.items[0], 'xx', 'Welcome')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(await one(e.id, {}, 'en')).toMatchObject({ availableLanguages: ['de'], programme: [{ availableLanguages: ['de'] }, { availableLanguages: ['de'] }] });
});

test('editors of an organising partner translate, others are FORBIDDEN; the public may not read the translation state; changes are audited', async () => {
  const e = await eventWithProgramme();
  expect((await translate(e.id, 'en', { title: 'Network meeting' }, await as.editorB())).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await translate(e.id, 'en', { title: 'Network meeting' }, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await translateItem(e.items[0], 'en', 'Welcome', await as.editorB())).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await translate(e.id, 'en', { title: 'Network meeting' }, await as.coordinator())).errors).toBeUndefined();
  expect((await translateItem(e.items[0], 'en', 'Welcome', await as.editorA())).errors).toBeUndefined();
  const unknown = await translateItem('00000000-0000-4000-8000-000000000999', 'en', 'Welcome');
  expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');

  for (const headers of [{}, await as.editorB()]) {
    const state = await gql(sg.url, 'query ($id: ID!) { event(id: $id) { translations { language } } }', { id: e.id }, headers);
    expect(state.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const itemState = await gql(sg.url, 'query ($id: ID!) { event(id: $id) { programme { translations { language } } } }', { id: e.id }, headers);
    expect(itemState.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }
  const own = await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { translations { language field text outdated } programme { translations { language field text } } } }', { id: e.id }, await as.editorA());
  expect(own.event.translations).toEqual([{ language: 'en', field: 'title', text: 'Network meeting', outdated: false }]);
  expect(own.event.programme[0].translations).toEqual([{ language: 'en', field: 'title', text: 'Welcome' }]);

  await gqlOk(sg.url, 'mutation ($id: ID!) { removeEventTranslation(id: $id, language: "en") { id } }', { id: e.id }, await as.editorA());
  await gqlOk(sg.url, 'mutation ($id: ID!) { removeProgrammeItemTranslation(id: $id, language: "en") { id title } }', { id: e.items[0] }, await as.editorA());
  expect(await one(e.id, {}, 'en')).toMatchObject({ title: 'Netzwerktreffen', language: 'de', availableLanguages: ['de'], programme: [{ title: 'Begrüßung', language: 'de' }, {}] });
  const audited = await sg.ds.getRepository(AuditEntry).find({ where: { entityType: 'Event', entityId: e.id }, order: { at: 'ASC' } });
  expect(audited.map((a) => a.action).filter((a) => a.includes('TRANSLATION') || a === 'TRANSLATE')).toEqual(['TRANSLATE', 'TRANSLATE', 'REMOVE_TRANSLATION', 'REMOVE_TRANSLATION']);
});

test('a translation is outdated once the German title changes; rewriting the programme keeps the translations of items whose title stays', async () => {
  const e = await eventWithProgramme();
  await translate(e.id, 'tr', { title: 'Ağ toplantısı', description: 'Ortakların bilgi alışverişi.' });
  await translateItem(e.items[0], 'tr', 'Karşılama');
  await translateItem(e.items[1], 'tr', 'Kahve molası');
  const start = new Date(Date.now() + 40 * 86_400_000);
  await gqlOk(
    sg.url,
    'mutation ($id: ID!, $i: UpdateEventInput!) { updateEvent(id: $id, input: $i) { id } }',
    {
      id: e.id,
      i: {
        version: e.version,
        title: 'Netzwerktreffen im Frühjahr',
        programme: [
          { startsAt: start.toISOString(), title: 'Begrüßung', kind: 'WELCOME' },
          { startsAt: new Date(start.getTime() + 3_600_000).toISOString(), title: 'Mittagspause', kind: 'BREAK' },
        ],
      },
    },
    await as.editorA(),
  );
  const { event } = await gqlOk(
    sg.url,
    'query ($id: ID!) { event(id: $id, language: "tr") { title translations { field outdated } programme { title language } } }',
    { id: e.id },
    await as.editorA(),
  );
  expect(event).toEqual({
    title: 'Ağ toplantısı', // outdated, still shown
    translations: [
      { field: 'description', outdated: false },
      { field: 'title', outdated: true },
    ],
    programme: [
      { title: 'Karşılama', language: 'tr' },
      { title: 'Mittagspause', language: 'de' },
    ],
  });
});

test('Event.jsonLd follows the requested language (name, description, inLanguage)', async () => {
  const e = await eventWithProgramme();
  await translate(e.id, 'ar', { title: 'لقاء الشبكة', description: 'تبادل بين الشركاء.' });
  const ld = async (headers: Headers) => (await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { jsonLd } }', { id: e.id }, headers)).event.jsonLd;
  expect(await ld({ 'accept-language': 'ar' })).toMatchObject({ name: 'لقاء الشبكة', description: 'تبادل بين الشركاء.', inLanguage: 'ar' });
  expect(await ld({ 'accept-language': 'en' })).toMatchObject({ name: 'Netzwerktreffen', description: 'Austausch der Partner*innen.', inLanguage: 'de' });
});

test('a page of 50 translated events with their programme costs the same SQL statements in any language as a page of 5', async () => {
  const organizer = randomUUID();
  const statements = async (n: number, headers: Headers) => {
    sg.counter.reset();
    const { events } = await gqlOk(
      sg.url,
      'query ($o: ID!) { events(filter: { organizer: $o }, first: 50) { nodes { title description language availableLanguages direction programme { title language } } } }',
      { o: organizer },
      headers,
    );
    expect(events.nodes).toHaveLength(n);
    return sg.counter.count;
  };
  const add = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const { event } = await makeEvent(sg, { title: `Treffen ${i}` }, [], [organizer]);
      const [item] = await sg.ds.query(
        `INSERT INTO programme_item (event_id, starts_at, title, kind) VALUES ($1, $2, 'Begrüßung', 'WELCOME') RETURNING id`,
        [event.id, event.startsAt],
      );
      for (const language of ['ar', 'fa', 'en']) {
        await sg.ds.query(
          `INSERT INTO event_translation (entity_id, language, field, text, source_hash, search) VALUES ($1, $2, 'title', $3, '', ''::tsvector)`,
          [event.id, language, `${language} ${i}`],
        );
        await sg.ds.query(
          `INSERT INTO programme_item_translation (entity_id, language, field, text, source_hash, search) VALUES ($1, $2, 'title', $3, '', ''::tsvector)`,
          [item.id, language, `${language} ${i}`],
        );
      }
    }
  };
  await add(5);
  const small = await statements(5, { 'accept-language': 'ar' });
  const german = await statements(5, {});
  await add(45);
  expect(await statements(50, { 'accept-language': 'ar' })).toBe(small);
  expect(await statements(50, { 'accept-language': 'fa' })).toBe(small);
  expect(await statements(50, {})).toBe(german);
  // count, page, programme, and one statement per translation table
  expect(small).toBeLessThanOrEqual(german + 2);
});

test('the translations migration reverts cleanly and applies again', async () => {
  await undoMigrationsThrough(sg, 'EventTranslations1796100000000');
  expect(await sg.ds.query("SELECT to_regclass('event_translation') AS e, to_regclass('programme_item_translation') AS p")).toEqual([{ e: null, p: null }]);
  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await sg.ds.query("SELECT to_regclass('event_translation')::text AS e, to_regclass('programme_item_translation')::text AS p")).toEqual([
    { e: 'event_translation', p: 'programme_item_translation' },
  ]);
});
