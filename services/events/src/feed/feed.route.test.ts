import { gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { foldLine, icsCalendar, icsParam, icsText } from '../calendar/ics';
import { eventsSubgraph } from '../subgraph';
import { as, makeEvent, PARTNER_A, PARTNER_B } from '../test/helpers';
import { parseCalendar } from './ical.testing';

// The public iCal feeds (the gateway proxies /feeds/* to these routes).

let sg: TestSubgraph;
let base: string;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraph, { SEED_DEMO: 'true', MAIL_WORKER: 'false', PUBLIC_WEB_URL: 'https://mitgen.example' });
  base = sg.url.replace(/\/graphql$/, '');
});
afterAll(() => sg?.stop());

/** Unfolds a calendar and returns its VEVENTs as property maps. */
function events(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const out: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      out.push(current!);
      current = null;
    }
    else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return out;
}

test('the feed of all events: published and cancelled, in UTC, with cache headers, without online links', async () => {
  const cancelled = (await makeEvent(sg, { status: 'CANCELLED' as never, title: 'Abgesagtes Treffen' })).event;
  const draft = (await makeEvent(sg, { status: 'DRAFT' as never, title: 'Entwurf' })).event;
  const res = await fetch(`${base}/feeds/events.ics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect(res.headers.get('cache-control')).toMatch(/^public, max-age=900/);
  const text = await res.text();
  expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  expect(text).not.toContain('meet.example.org');
  const all = events(text);
  const uids = all.map((e) => e.UID);
  expect(uids).toContain(`${cancelled.id}@mitgen`);
  expect(uids).not.toContain(`${draft.id}@mitgen`);
  expect(all.find((e) => e.UID === `${cancelled.id}@mitgen`)).toMatchObject({ STATUS: 'CANCELLED', SUMMARY: 'Abgesagt: Abgesagtes Treffen' });
  const osnabrueck = all.find((e) => e.SUMMARY === 'Netzwerktreffen MitGeN in Osnabrück')!;
  expect(osnabrueck.DTSTART).toMatch(/^\d{8}T0[89]0000Z$/); // 10:00 in Berlin is 08:00 or 09:00 UTC
  expect(osnabrueck.LOCATION).toBe('Frauenberatungsstelle Osnabrück\\, Beispielstraße 12\\, 49074 Osnabrück (auch online)');
  expect(osnabrueck.URL).toMatch(/^https:\/\/mitgen\.example\/veranstaltungen\/netzwerktreffen-/);
  // The 2019 Fachtag is long over: the feed looks back 180 days only.
  expect(all.some((e) => e.SUMMARY?.startsWith('Geschlechtergleichstellung im gesellschaftlichen Wandel'))).toBe(false);

  // Unchanged data gives the same ETag, so caches can revalidate cheaply.
  const etag = res.headers.get('etag')!;
  // (fetch would add `cache-control: no-cache` to a conditional request; calendar clients do not.)
  const again = await fetch(`${base}/feeds/events.ics`, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
  expect(again.status).toBe(304);
});

test('feeds per partner and per topic, and one event by slug', async () => {
  const onlyB = (await makeEvent(sg, { title: 'Nur Osnabrück', topicSlugs: ['gewaltschutz'] }, [], [PARTNER_B])).event;
  const summaries = async (path: string) => events(await (await fetch(`${base}${path}`)).text()).map((e) => e.SUMMARY);
  const ofA = await summaries(`/feeds/partners/${PARTNER_A}/events.ics`);
  const ofB = await summaries(`/feeds/partners/${PARTNER_B}/events.ics`);
  expect(ofA).toContain('Netzwerktreffen MitGeN in Osnabrück');
  expect(ofA).not.toContain('Nur Osnabrück');
  expect(ofB).toEqual(expect.arrayContaining(['Netzwerktreffen MitGeN in Osnabrück', 'Nur Osnabrück']));
  expect(await summaries('/feeds/topics/gewaltschutz/events.ics')).toEqual(expect.arrayContaining(['Nur Osnabrück', 'Netzwerktreffen MitGeN in Osnabrück']));
  expect(await summaries('/feeds/topics/empowerment/events.ics')).not.toContain('Nur Osnabrück');
  expect(await summaries(`/feeds/events/${onlyB.slug}.ics`)).toEqual(['Nur Osnabrück']);
  expect(await summaries(`/feeds/partners/${'0'.repeat(8)}-0000-4000-8000-000000000000/events.ics`)).toEqual([]);
  for (const bad of ['/feeds/partners/not-a-uuid/events.ics', '/feeds/topics/Bad%20Slug/events.ics', '/feeds/events/gibt-es-nicht.ics', '/feeds/events/x.txt']) {
    expect((await fetch(`${base}${bad}`)).status).toBe(404);
  }
});

test('iCal text: escaping and folding at 75 octets without splitting characters', () => {
  expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  const long = `SUMMARY:${'Ä'.repeat(60)}`;
  const folded = foldLine(long);
  const parts = folded.split('\r\n');
  expect(parts.every((p) => Buffer.byteLength(p) <= 75)).toBe(true);
  expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
  expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(long);
  const cal = icsCalendar({
    name: 'Test',
    events: [{ uid: 'x@mitgen', start: new Date('2019-09-12T08:00:00Z'), end: new Date('2019-09-12T14:30:00Z'), summary: 'Fachtag', status: 'CONFIRMED', sequence: 2, lastModified: new Date('2019-08-01T00:00:00Z') }],
  });
  expect(cal).toContain('\r\nDTSTART:20190912T080000Z\r\nDTEND:20190912T143000Z\r\n');
  expect(cal).toContain('\r\nDTSTAMP:20190801T000000Z\r\n');
});

test('every feed is valid iCalendar for a maintained parser (ical.js), with the RFC 7986 calendar properties', async () => {
  await makeEvent(sg, { title: 'Online-Workshop; mit Komma, und Semikolon', online: true, onlineUrl: 'https://meet.example.org/geheim', city: null });
  for (const path of ['/feeds/events.ics', `/feeds/partners/${PARTNER_A}/events.ics`, '/feeds/topics/gewaltschutz/events.ics']) {
    const text = await (await fetch(`${base}${path}`)).text();
    const cal = parseCalendar(text);
    expect(cal.props.VERSION).toBe('2.0');
    expect(cal.props.NAME).toMatch(/^MitGeN – Veranstaltungen/);
    expect(cal.props.DESCRIPTION).toContain('Netzwerks MitGeN');
    expect(cal.props.URL).toBe('https://mitgen.example/veranstaltungen');
    expect(cal.props.COLOR).toBe('darkmagenta');
    expect(cal.props['REFRESH-INTERVAL']).toBe('PT15M');
    for (const e of cal.events) {
      // RFC 5545 3.6.1: UID and DTSTAMP are required, DTSTART too under METHOD:PUBLISH.
      expect(e.props.UID).toMatch(/@mitgen$/);
      expect(e.props.DTSTAMP).toBeTruthy();
      expect(e.start.getTime()).toBeLessThan(e.end.getTime());
      expect(e.props.COLOR).toMatch(/^[a-z]+$/);
    }
  }
  const all = parseCalendar(await (await fetch(`${base}/feeds/events.ics`)).text());
  const online = all.events.find((e) => e.props.SUMMARY === 'Online-Workshop; mit Komma, und Semikolon')!;
  // The conference entry leads to the event page (where registered people get the room link), never to the room.
  expect(online.props.CONFERENCE).toMatch(/^https:\/\/mitgen\.example\/veranstaltungen\/test-/);
  expect(online.params.CONFERENCE).toMatchObject({ feature: 'VIDEO', label: 'Online-Teilnahme: Zugang nach Anmeldung' });
  expect(JSON.stringify(all)).not.toContain('meet.example.org');
  const osnabrueck = all.events.find((e) => e.props.SUMMARY === 'Netzwerktreffen MitGeN in Osnabrück')!;
  expect(osnabrueck.props.COLOR).toBe('teal');
  expect(osnabrueck.props.CATEGORIES).toBe('NETZWERKTREFFEN');
});

test('a cancelled event stays in the feed as STATUS:CANCELLED with a higher SEQUENCE', async () => {
  const { event } = await makeEvent(sg, { title: 'Wird abgesagt' });
  const entry = async () => parseCalendar(await (await fetch(`${base}/feeds/events.ics`)).text()).events.find((e) => e.props.UID === `${event.id}@mitgen`)!;
  const before = await entry();
  expect(before.props.STATUS).toBe('CONFIRMED');
  await gqlOk(sg.url, 'mutation ($id: ID!, $r: String) { cancelEvent(id: $id, reason: $r) { status } }', { id: event.id, r: 'Die Referentin ist erkrankt.' }, await as.coordinator());
  const after = await entry();
  expect(after.props.STATUS).toBe('CANCELLED');
  expect(Number(after.props.SEQUENCE)).toBeGreaterThan(Number(before.props.SEQUENCE));
  expect(after.props.SUMMARY).toBe('Abgesagt: Wird abgesagt');
  expect(after.props.DESCRIPTION).toContain('Abgesagt: Die Referentin ist erkrankt.');
  expect(after.props.COLOR).toBe('gray');
  expect(after.props.CONFERENCE).toBeUndefined();
});

test('RFC 7986 event properties and parameters are written so that a parser reads them back', () => {
  expect(icsParam('Zugang: nach Anmeldung')).toBe('"Zugang: nach Anmeldung"');
  expect(icsParam('ohne "Anführung"\r\n')).toBe('ohne Anführung');
  const text = icsCalendar({
    name: 'Test',
    image: 'https://mitgen.example/logo.png',
    events: [
      {
        uid: 'geo@mitgen',
        start: new Date('2019-09-12T08:00:00Z'),
        end: new Date('2019-09-12T14:30:00Z'),
        summary: 'Fachtag',
        status: 'CONFIRMED',
        sequence: 1,
        lastModified: new Date('2019-08-01T00:00:00Z'),
        geo: { lat: 52.3786, lon: 9.7472 },
        image: 'https://mitgen.example/fachtag.jpg',
        conference: { uri: 'https://mitgen.example/veranstaltungen/fachtag-2019', label: 'Zugang; nach Anmeldung', features: ['VIDEO', 'AUDIO'] },
      },
    ],
  });
  const cal = parseCalendar(text);
  expect(cal.props.IMAGE).toBe('https://mitgen.example/logo.png');
  const [e] = cal.events;
  expect(e.props.GEO).toEqual([52.3786, 9.7472]);
  expect(e.props.IMAGE).toBe('https://mitgen.example/fachtag.jpg');
  expect(e.params.CONFERENCE).toMatchObject({ label: 'Zugang; nach Anmeldung', feature: 'VIDEO,AUDIO' });
});
