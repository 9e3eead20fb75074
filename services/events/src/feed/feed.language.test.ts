import { SEED_CONTENT_LANGUAGES } from '@mitgen/subgraph-kit';
import { gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { eventsSubgraph } from '../subgraph';
import { as, makeEvent } from '../test/helpers';
import { parseCalendar } from './ical.testing';

// The iCal feeds follow `?lang=` (docs/languages.md): texts in that language with German fallback
// per field, the RFC 5545 LANGUAGE parameter on SUMMARY and DESCRIPTION, 400 for unknown codes.

let sg: TestSubgraph;
let base: string;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraph, { MAIL_WORKER: 'false', PUBLIC_WEB_URL: 'https://mitgen.example' });
  base = sg.url.replace(/\/graphql$/, '');
});
afterAll(() => sg?.stop());

const translate = async (id: string, language: string, input: Record<string, string>) =>
  gqlOk(sg.url, 'mutation ($id: ID!, $l: String!, $i: EventTranslationInput!) { translateEvent(id: $id, language: $l, input: $i) { id } }', { id, l: language, i: input }, await as.coordinator());

test('?lang=ar gives the Arabic texts with LANGUAGE=ar, German where a field or event has no translation', async () => {
  const { event: translated } = await makeEvent(sg, { title: 'Sprachcafé', description: 'Deutsch sprechen in entspannter Runde.', online: true, venueName: 'Stadtteiltreff' });
  const { event: german } = await makeEvent(sg, { title: 'Nur auf Deutsch', description: 'Keine Übersetzung.' });
  await translate(translated.id, 'ar', { title: 'مقهى اللغة' });

  const res = await fetch(`${base}/feeds/events.ics?lang=ar`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-language')).toBe('ar');
  const text = await res.text();
  const cal = parseCalendar(text);
  expect(cal.props.NAME).toBe('MitGeN – الفعاليات');
  const of = (id: string) => cal.events.find((e) => e.props.UID === `${id}@mitgen`)!;
  expect(of(translated.id).props.SUMMARY).toBe('مقهى اللغة');
  expect(of(translated.id).params.SUMMARY).toMatchObject({ language: 'ar' });
  // The description has no Arabic translation: German, marked as German.
  expect(String(of(translated.id).props.DESCRIPTION)).toMatch(/^Deutsch sprechen in entspannter Runde\./);
  expect(of(translated.id).params.DESCRIPTION).toMatchObject({ language: 'de' });
  expect(of(translated.id).props.LOCATION).toBe('Stadtteiltreff, Hannover (وعبر الإنترنت أيضًا)');
  expect(of(german.id).props.SUMMARY).toBe('Nur auf Deutsch');
  expect(of(german.id).params.SUMMARY).toMatchObject({ language: 'de' });

  // Without lang: German as ever, no LANGUAGE parameters; `ar-SY` counts as Arabic.
  const plain = await (await fetch(`${base}/feeds/events.ics`)).text();
  expect(plain).not.toContain('LANGUAGE=');
  expect(parseCalendar(plain).events.find((e) => e.props.UID === `${translated.id}@mitgen`)!.props.SUMMARY).toBe('Sprachcafé');
  const regional = parseCalendar(await (await fetch(`${base}/feeds/events/${translated.slug}.ics?lang=ar-SY`)).text());
  expect(regional.props.NAME).toBe('مقهى اللغة');
  expect(regional.events[0].props.SUMMARY).toBe('مقهى اللغة');
});

test('a cancelled event says so in the feed’s language', async () => {
  const { event } = await makeEvent(sg, { title: 'Frauenfrühstück', status: 'CANCELLED' as never, cancellationReason: 'Krankheit' });
  await translate(event.id, 'en', { title: "Women's breakfast" });
  const cal = parseCalendar(await (await fetch(`${base}/feeds/events/${event.slug}.ics?lang=en`)).text());
  expect(cal.events[0].props.SUMMARY).toBe("Cancelled: Women's breakfast");
  expect(String(cal.events[0].props.DESCRIPTION)).toMatch(/^Cancelled: Krankheit/);
});

test('an unknown lang is a 400 naming the supported codes, on every feed, never a 500', async () => {
  const { event } = await makeEvent(sg, { title: 'Irgendwas', topicSlugs: ['gleichstellung'] });
  for (const path of [
    '/feeds/events.ics?lang=xx',
    `/feeds/events/${event.slug}.ics?lang=klingon`,
    `/feeds/partners/${event.id}/events.ics?lang=%00`,
    '/feeds/topics/gleichstellung/events.ics?lang=',
    '/feeds/events.ics?lang=ar&lang=en',
  ]) {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(`supported: ${SEED_CONTENT_LANGUAGES.join(', ')}`);
  }
});
