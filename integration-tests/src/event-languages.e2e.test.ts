import { stableId } from '@mitgen/subgraph-kit';
import { gql, gqlOk } from '@mitgen/test-kit';
import ICAL from 'ical.js';
import { startStack, type TestStack } from './test/stack';

// Events in the languages of the communities through the gateway (docs/languages.md): the seeded
// translations of the online info session (English, Arabic, Ukrainian; demo texts), the JSON-LD and
// iCal feeds with `?lang=`, one cached answer per language.

let stack: TestStack;
let base: string;
beforeAll(async () => {
  stack = await startStack({ RESPONSE_CACHE_ENABLED: 'true', CACHE_MAX_AGE_SECONDS: '30' });
  base = new URL(stack.url).origin;
});
afterAll(() => stack?.stop());

const GERMAN = 'Online-Info: Anerkennung ausländischer Berufsabschlüsse';
const ARABIC = 'جلسة معلومات عبر الإنترنت: الاعتراف بالمؤهلات المهنية الأجنبية';
const UKRAINIAN = 'Онлайн-інформація: визнання іноземних професійних кваліфікацій';
const ORGANISER = stableId('partner', 'koordinierungsstelle-frau-und-beruf-emsland');

async function seededSlug(): Promise<string> {
  const { events } = await gqlOk(stack.url, 'query ($o: ID!) { events(filter: { organizer: $o, upcoming: true }) { nodes { slug title } } }', { o: ORGANISER });
  return events.nodes.find((e: { title: string }) => e.title === GERMAN).slug;
}

test('the seeded event reads in Arabic with Accept-Language and in Ukrainian with the argument; German from the same cache for the rest', async () => {
  const slug = await seededSlug();
  const Q = 'query ($s: String!, $l: String) { event(slug: $s, language: $l) { title language availableLanguages direction programme { title } } }';
  const ar = await gql(stack.url, Q, { s: slug }, { 'accept-language': 'ar' });
  expect(ar.errors).toBeUndefined();
  expect(ar.data.event).toMatchObject({ title: ARABIC, language: 'ar', direction: 'RTL', availableLanguages: ['de', 'en', 'ar', 'uk'] });
  expect((await gqlOk(stack.url, Q, { s: slug })).event).toMatchObject({ title: GERMAN, language: 'de', direction: 'LTR' });
  expect((await gqlOk(stack.url, Q, { s: slug, l: 'uk' }, { 'accept-language': 'ar' })).event).toMatchObject({ title: UKRAINIAN, language: 'uk' });
  const bad = await gql(stack.url, Q, { s: slug, l: 'xx' });
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(bad.errors?.[0].message).toMatch(/de, en, ar, fa, tr, uk, ru, ku/);
});

test('GET /feeds/events.jsonld?lang=ar: the event’s name in Arabic with inLanguage; German without lang; 400 for an unknown code', async () => {
  const slug = await seededSlug();
  const node = async (query: string) => {
    const res = await fetch(`${base}/feeds/events.jsonld${query}`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { '@graph': { '@id': string; name: string; inLanguage: string }[] };
    return doc['@graph'].find((n) => n['@id']?.includes(`/${slug}#event`))!;
  };
  expect(await node('?lang=ar')).toMatchObject({ name: ARABIC, inLanguage: 'ar' });
  // Cached per language: the German feed right after the Arabic one stays German.
  expect(await node('')).toMatchObject({ name: GERMAN, inLanguage: 'de' });
  expect(await node('?lang=ar')).toMatchObject({ name: ARABIC, inLanguage: 'ar' });
  expect(await node('?lang=en')).toMatchObject({ name: 'Online info session: recognition of foreign professional qualifications', inLanguage: 'en' });
  // No Turkish translation: German.
  expect(await node('?lang=tr')).toMatchObject({ name: GERMAN, inLanguage: 'de' });
  for (const path of ['/feeds/events.jsonld?lang=xx', '/feeds/partners/koordinierungsstelle-frau-und-beruf-emsland/events.jsonld?lang=zz', '/feeds/topics/arbeitsmarktintegration/events.jsonld?lang=']) {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/supported: de, en, ar, fa, tr, uk, ru, ku/);
  }
});

test('the iCal feeds through the gateway pass ?lang= on: Ukrainian SUMMARY with LANGUAGE=uk; 400 for an unknown code', async () => {
  const slug = await seededSlug();
  for (const path of [`/feeds/events/${slug}.ics?lang=uk`, '/feeds/partners/koordinierungsstelle-frau-und-beruf-emsland/events.ics?lang=uk', '/feeds/topics/arbeitsmarktintegration/events.ics?lang=uk']) {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    const vevents = new ICAL.Component(ICAL.parse(await res.text())).getAllSubcomponents('vevent');
    const summary = vevents.map((v) => v.getFirstProperty('summary')!).find((p) => p.getFirstValue() === UKRAINIAN);
    expect(summary?.getParameter('language')).toBe('uk');
  }
  for (const path of ['/feeds/events.ics?lang=xx', '/feeds/partners/koordinierungsstelle-frau-und-beruf-emsland/events.ics?lang=xx']) {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/supported: de, en, ar, fa, tr, uk, ru, ku/);
  }
});
