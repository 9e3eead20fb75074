import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { demoLookup } from '../test/fake-lookup';
import { eventsSubgraphWith } from '../test/fake-lookup';
import { as, makeEvent, PARTNER_A, PARTNER_B, register } from '../test/helpers';

// References must exist: every partner, topic, region and resource an event (or a registration)
// names is checked through the graph — here the lookup injected at the service's edge — in one
// batched lookup, before anything is written.

const lookup = demoLookup();
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraphWith(lookup), { MAIL_WORKER: 'false' });
});
afterAll(() => sg?.stop());
beforeEach(() => {
  lookup.down = false;
  lookup.requests.length = 0;
});

const UNKNOWN = stableId('partner', 'nobody');
const RESOURCE = stableId('resource', 'fachtag-2019-dokumentation');
lookup.resources.add(RESOURCE);
const ARCHIVED = lookup.setPartner('alte-beratungsstelle', PublicationStatus.ARCHIVED, 'Alte Beratungsstelle');
lookup.topics.set('frauen-und-arbeit', 'arbeitsmarktintegration'); // an old slug of a renamed topic

const CREATE = 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id topics { slug } organizers { id } } }';
const UPDATE = 'mutation ($id: ID!, $i: UpdateEventInput!) { updateEvent(id: $id, input: $i) { id version } }';
let n = 0;
const input = (extra: Record<string, unknown> = {}) => ({
  slug: `referenzen-${++n}`,
  title: 'Netzwerktreffen Süd',
  kind: 'NETZWERKTREFFEN',
  startsAt: '2031-05-05T10:00:00+02:00',
  endsAt: '2031-05-05T14:00:00+02:00',
  organizerIds: [PARTNER_A],
  ...extra,
});
const events = async () => Number((await sg.ds.query('SELECT count(*)::int AS n FROM event'))[0].n);

test('an unknown or archived organiser, topic, region, resource or programme partner is refused naming the field, and nothing is stored', async () => {
  const before = await events();
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ organizerIds: [PARTNER_A, UNKNOWN] }, 'organizerIds'],
    [{ organizerIds: [ARCHIVED] }, 'organizerIds'],
    [{ topicSlugs: ['gleichstellung', 'gibt-es-nicht'] }, 'topicSlugs'],
    [{ regionCode: '03999' }, 'regionCode'],
    [{ documentationResourceIds: [stableId('resource', 'nobody')] }, 'documentationResourceIds'],
    [{ programme: [{ startsAt: '2031-05-05T10:00:00+02:00', title: 'Input', kind: 'TALK', partnerId: UNKNOWN }] }, 'programme.0.partnerId'],
    [{ programme: [{ startsAt: '2031-05-05T10:00:00+02:00', title: 'Input', kind: 'TALK', speakers: [{ name: 'A. B.', partnerId: UNKNOWN }] }] }, 'programme.0.speakers.0.partnerId'],
  ];
  for (const [extra, field] of cases) {
    const res = await gql(sg.url, CREATE, { i: input(extra) }, await as.coordinator());
    expect({ field, error: res.errors?.[0]?.extensions }).toEqual({ field, error: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
  }
  expect(await events()).toBe(before);
});

test('everything an event names is looked up at once; an old topic slug is stored as the current one', async () => {
  const { createEvent } = await gqlOk(
    sg.url,
    CREATE,
    {
      i: input({
        organizerIds: [PARTNER_A, PARTNER_B],
        topicSlugs: ['frauen-und-arbeit', 'gleichstellung'],
        regionCode: '03241',
        documentationResourceIds: [RESOURCE],
        programme: [{ startsAt: '2031-05-05T10:00:00+02:00', title: 'Input', kind: 'TALK', speakers: [{ name: 'Dr. C.', partnerId: stableId('partner', 'vnb-ev') }] }],
      }),
    },
    await as.coordinator(),
  );
  expect(createEvent.topics).toEqual([{ slug: 'arbeitsmarktintegration' }, { slug: 'gleichstellung' }]);
  expect(lookup.requests).toEqual([
    { partners: [PARTNER_A, PARTNER_B, stableId('partner', 'vnb-ev')], topics: ['frauen-und-arbeit', 'gleichstellung'], regions: ['03241'], resources: [RESOURCE] },
  ]);
});

test('an editor’s own organisation needs no lookup; an update checks only what it adds', async () => {
  const { createEvent } = await gqlOk(sg.url, CREATE, { i: input({ topicSlugs: ['gleichstellung'] }) }, await as.editorA());
  expect(lookup.requests).toEqual([{ partners: [], topics: ['gleichstellung'], regions: [], resources: [] }]);
  lookup.requests.length = 0;
  await gqlOk(sg.url, UPDATE, { id: createEvent.id, i: { version: 1, topicSlugs: ['gleichstellung', 'gewaltschutz'], title: 'Neu' } }, await as.editorA());
  expect(lookup.requests).toEqual([{ partners: [], topics: ['gewaltschutz'], regions: [], resources: [] }]);
  lookup.requests.length = 0;
  await gqlOk(sg.url, UPDATE, { id: createEvent.id, i: { version: 2, title: 'Nur der Titel' } }, await as.editorA());
  expect(lookup.requests).toEqual([]);
});

test('when the graph cannot be asked, nothing is saved and the answer says so', async () => {
  lookup.down = true;
  const before = await events();
  const res = await gql(sg.url, CREATE, { i: input({ topicSlugs: ['gleichstellung'] }) }, await as.coordinator());
  expect(res.errors?.[0]?.extensions?.code).toBe('REFERENCES_UNAVAILABLE');
  expect(await events()).toBe(before);
});

test('a registration names a region that exists', async () => {
  const { event } = await makeEvent(sg);
  const res = await register(sg.url, { eventId: event.id, name: 'Rana Aziz', email: `rana.${event.slug}@example.org`, regionCode: '03999' });
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
  expect((await sg.ds.query('SELECT count(*)::int AS n FROM registration WHERE event_id = $1', [event.id]))[0].n).toBe(0);
  const ok = await register(sg.url, { eventId: event.id, name: 'Rana Aziz', email: `rana.${event.slug}@example.org`, regionCode: '03241' });
  expect(ok.errors).toBeUndefined();
});
