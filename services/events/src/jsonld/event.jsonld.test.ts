import { gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { z } from 'zod';
import { eventsSubgraph } from '../subgraph';
import { makeEvent, PARTNER_A, PARTNER_B, register } from '../test/helpers';
import { berlinIsoWithOffset } from './event.jsonld';

// Event.jsonLd: schema.org Event for every public event, checked against the shape search engines read.

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraph, { SEED_DEMO: 'true', PUBLIC_WEB_URL: 'https://mitgen.example' });
});
afterAll(() => sg?.stop());

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/;
const address = z.object({
  '@type': z.literal('PostalAddress'),
  streetAddress: z.string().min(1).optional(),
  postalCode: z.string().regex(/^\d{5}$/).optional(),
  addressLocality: z.string().min(1).optional(),
  addressRegion: z.literal('Niedersachsen'),
  addressCountry: z.literal('DE'),
});
const place = z.object({ '@type': z.literal('Place'), name: z.string().min(1).optional(), address });
const virtualLocation = z.object({ '@type': z.literal('VirtualLocation'), url: z.string().url() });
const schemaEvent = z
  .object({
    '@context': z.literal('https://schema.org'),
    '@type': z.literal('Event'),
    '@id': z.string().url(),
    name: z.string().min(1),
    description: z.string().optional(),
    url: z.string().regex(/^https:\/\/mitgen\.example\/veranstaltungen\/[a-z0-9-]+$/),
    startDate: z.string().regex(ISO_WITH_OFFSET),
    endDate: z.string().regex(ISO_WITH_OFFSET),
    eventStatus: z.enum(['https://schema.org/EventScheduled', 'https://schema.org/EventCancelled']),
    eventAttendanceMode: z.enum(['https://schema.org/OfflineEventAttendanceMode', 'https://schema.org/OnlineEventAttendanceMode', 'https://schema.org/MixedEventAttendanceMode']),
    location: z.union([place, virtualLocation, z.tuple([place, virtualLocation])]),
    organizer: z.array(z.object({ '@type': z.literal('Organization'), '@id': z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/) })).min(1),
    offers: z
      .object({
        '@type': z.literal('Offer'),
        url: z.string().url().endsWith('#anmeldung'),
        price: z.literal(0),
        priceCurrency: z.literal('EUR'),
        availability: z.enum(['https://schema.org/InStock', 'https://schema.org/SoldOut']),
        validFrom: z.string().regex(ISO_WITH_OFFSET).optional(),
      })
      .strict()
      .optional(),
    isAccessibleForFree: z.literal(true),
    inLanguage: z.literal('de'),
    maximumAttendeeCapacity: z.number().int().positive().optional(),
    remainingAttendeeCapacity: z.number().int().min(0).optional(),
  })
  .strict();

const EVENTS = `{ events(first: 100, filter: { upcoming: false }) { nodes { id status online venueName city seatsLeft startsAt organizers { id } jsonLd } } }`;

test('every public event is a schema.org Event of the shape search engines read, consistent with its fields', async () => {
  await makeEvent(sg, { status: 'CANCELLED' as never, title: 'Abgesagt' });
  await makeEvent(sg, { online: true, onlineUrl: 'https://meet.example.org/geheim', city: null, capacity: null }, [], [PARTNER_A, PARTNER_B]);
  const res = await gql(sg.url, EVENTS);
  expect(res.errors).toBeUndefined();
  // Availability changes with every registration: the hint is as short as seatsLeft's.
  expect(res.headers.get('cache-control')).toBe('max-age=10, public');
  const nodes = res.data.events.nodes as any[];
  expect(nodes.length).toBeGreaterThanOrEqual(5);
  for (const e of nodes) {
    const ld = schemaEvent.parse(e.jsonLd);
    expect(ld.eventStatus).toBe(e.status === 'CANCELLED' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled');
    // Whole seconds, as schema.org examples write times.
    expect(Date.parse(ld.startDate)).toBe(Math.floor(Date.parse(e.startsAt) / 1000) * 1000);
    expect(ld.organizer.map((o) => o['@id'])).toEqual(e.organizers.map((o: { id: string }) => `urn:uuid:${o.id}`));
    const hasPlace = !!(e.venueName || e.city);
    expect(ld.eventAttendanceMode).toBe(
      e.online ? (hasPlace ? 'https://schema.org/MixedEventAttendanceMode' : 'https://schema.org/OnlineEventAttendanceMode') : 'https://schema.org/OfflineEventAttendanceMode',
    );
    if (e.status === 'CANCELLED') expect(ld.offers).toBeUndefined();
    else expect(ld.offers!.availability).toBe(e.seatsLeft === 0 ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock');
    if (e.seatsLeft !== null) expect(ld.remainingAttendeeCapacity).toBe(e.seatsLeft);
    // The online room is for registered people only.
    expect(JSON.stringify(ld)).not.toContain('meet.example.org');
  }
  const fachtag = nodes.find((e) => e.jsonLd.name.startsWith('Geschlechtergleichstellung im gesellschaftlichen Wandel'))?.jsonLd;
  expect(fachtag).toMatchObject({
    startDate: '2019-09-12T10:00:00+02:00',
    endDate: '2019-09-12T16:30:00+02:00',
    location: { '@type': 'Place', name: 'Kulturzentrum Pavillon', address: { streetAddress: 'Lister Meile 4', postalCode: '30161', addressLocality: 'Hannover' } },
  });
});

test('an event whose seats are all taken is offered as SoldOut', async () => {
  const { event } = await makeEvent(sg, { capacity: 1, waitlistEnabled: false });
  const jsonLd = async () => (await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { jsonLd } }', { id: event.id })).event.jsonLd;
  expect((await jsonLd()).offers.availability).toBe('https://schema.org/InStock');
  const r = await register(sg.url, { eventId: event.id, name: 'Ada Muster', email: 'ada.jsonld@example.org' });
  expect(r.data?.registerForEvent.status).toBe('CONFIRMED');
  const ld = await jsonLd();
  expect(ld.offers.availability).toBe('https://schema.org/SoldOut');
  expect(ld).toMatchObject({ maximumAttendeeCapacity: 1, remainingAttendeeCapacity: 0 });
});

test('times carry the Berlin offset of their day (summer and winter time)', () => {
  expect(berlinIsoWithOffset(new Date('2019-09-12T08:00:00Z'))).toBe('2019-09-12T10:00:00+02:00');
  expect(berlinIsoWithOffset(new Date('2026-01-15T17:30:00Z'))).toBe('2026-01-15T18:30:00+01:00');
  // The hour that does not exist in spring is skipped; the instant after it is summer time.
  expect(berlinIsoWithOffset(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
});
