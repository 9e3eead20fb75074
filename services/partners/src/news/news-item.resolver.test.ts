import { addDays, berlinDate, berlinTime, stableId } from '@mitgen/subgraph-kit';
import { startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, PARTNER_A, PARTNER_B, type Caller } from '../test/callers';

// A clock the tests move: seeding happens on 1 March 2025 (Berlin), so the scheduled demo item is dated 15 March.
let now = berlinTime('2025-03-01', '09:00');
const clock = { now: () => now };
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' }, { clock });
});
afterAll(() => sg?.stop());

const CREATE = 'mutation ($i: CreateNewsItemInput!) { createNewsItem(input: $i) { id title publishedOn version partner { slug } } }';
const UPDATE = 'mutation ($id: ID!, $i: UpdateNewsItemInput!) { updateNewsItem(id: $id, input: $i) { id title publishedOn version } }';
const DELETE = 'mutation ($id: ID!) { deleteNewsItem(id: $id) }';
const newsOfA = async (caller: Caller) =>
  (await asOk(sg.url, caller, `{ partner(id: "${PARTNER_A}") { news { totalCount nodes { title publishedOn } } } }`)).partner.news;

test('scheduled news appear for the public on their day (Europe/Berlin); owners see them before', async () => {
  expect((await newsOfA('anonymous')).nodes).toEqual([{ title: 'Rückblick: Fachtag 2019 im Kulturzentrum Pavillon', publishedOn: '2019-09-20' }]);
  expect((await newsOfA('editorA')).nodes.map((n: any) => n.publishedOn)).toEqual(['2025-03-15', '2019-09-20']);
  expect((await newsOfA('editorB')).totalCount).toBe(1);
  now = berlinTime('2025-03-14', '23:59');
  expect((await newsOfA('anonymous')).totalCount).toBe(1);
  now = berlinTime('2025-03-15', '00:01'); // 23:01 UTC on the 14th: already the 15th in Hannover
  expect((await newsOfA('anonymous')).nodes[0]).toEqual({ title: 'Anmeldung zum nächsten Netzwerktreffen startet', publishedOn: '2025-03-15' });
  now = berlinTime('2025-03-01', '09:00');
});

test('the news query lists due news of published partners, newest first, page by page', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { news }: any = await asOk(sg.url, 'anonymous', 'query ($after: String) { news(first: 1, after: $after) { pageInfo { hasNextPage endCursor } nodes { title publishedOn partner { slug } } } }', { after });
    seen.push(...news.nodes.map((n: any) => `${n.publishedOn} ${n.partner.slug}`));
    if (!news.pageInfo.hasNextPage) break;
    after = news.pageInfo.endCursor;
  }
  expect(seen).toEqual(['2024-02-01 frauenberatung-osnabrueck', '2023-05-10 netzwerk-migrantinnen-lueneburg', '2019-09-20 g-mit-niedersachsen']);
});

test('editors write news of their own organisation, dated today by default', async () => {
  const { createNewsItem: item } = await asOk(sg.url, 'editorB', CREATE, {
    i: { partnerId: PARTNER_B, title: 'Offene Sprechstunde', text: 'Jeden Dienstag ohne Termin, mit Sprachmittlung.' },
  });
  expect(item).toMatchObject({ title: 'Offene Sprechstunde', publishedOn: berlinDate(now), version: 1, partner: { slug: 'frauenberatung-osnabrueck' } });
  expect(codeOf(await as(sg.url, 'editorA', UPDATE, { id: item.id, i: { version: 1, title: 'Fremd' } }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'editorA', CREATE, { i: { partnerId: PARTNER_B, title: 'x', text: 'y' } }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'apiKey', DELETE, { id: item.id }))).toBe('UNAUTHENTICATED');
  const later = addDays(berlinDate(now), 7);
  expect((await asOk(sg.url, 'editorB', UPDATE, { id: item.id, i: { version: 1, publishedOn: later } })).updateNewsItem).toMatchObject({ publishedOn: later, version: 2 });
  expect(codeOf(await as(sg.url, 'coordinator', UPDATE, { id: item.id, i: { version: 1, title: 'Alt' } }))).toBe('CONFLICT');
  const titles = async (caller: Caller) =>
    (await asOk(sg.url, caller, `{ partner(id: "${PARTNER_B}") { news { nodes { title } } } }`)).partner.news.nodes.map((n: any) => n.title);
  expect(await titles('anonymous')).not.toContain('Offene Sprechstunde');
  expect(await titles('editorB')).toContain('Offene Sprechstunde');
  expect((await asOk(sg.url, 'editorB', DELETE, { id: item.id })).deleteNewsItem).toBe(true);
  expect(await titles('editorB')).not.toContain('Offene Sprechstunde');
});

test('bad news input is BAD_USER_INPUT naming the field, and nothing is written', async () => {
  const base = { partnerId: PARTNER_A, title: 'Titel', text: 'Text' };
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ title: '' }, 'title'],
    [{ title: '<h1>Groß</h1>' }, 'title'],
    [{ text: 'x'.repeat(10_001) }, 'text'],
    [{ text: 'Klick <a href="javascript:alert(1)">hier</a>' }, 'text'],
    [{ publishedOn: 'morgen' }, 'publishedOn'],
    [{ partnerId: stableId('partner', 'gibt-es-nicht') }, 'partnerId'],
  ];
  const count = async () => (await sg.ds.query('SELECT (SELECT count(*) FROM news_item)::int + (SELECT count(*) FROM audit_entry)::int AS n'))[0].n;
  const before = await count();
  for (const [change, field] of cases) {
    const res = await as(sg.url, 'coordinator', CREATE, { i: { ...base, ...change } });
    expect({ change, code: codeOf(res), field: res.errors?.[0].extensions?.field }).toEqual({ change, code: 'BAD_USER_INPUT', field });
  }
  const id = stableId('news-item', 'g-mit-niedersachsen/rueckblick-fachtag-2019');
  const res = await as(sg.url, 'coordinator', UPDATE, { id, i: { version: 1, title: null } });
  expect([codeOf(res), res.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'title']);
  expect(await count()).toBe(before);
});
