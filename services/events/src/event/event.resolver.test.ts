import { stableId } from '@mitgen/subgraph-kit';
import { entitiesQuery, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { eventsSubgraph } from '../subgraph';
import { Event, EventKind, EventOrganizer, EventStatus } from './event.entity';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const gMit = stableId('partner', 'g-mit-niedersachsen');

test('upcoming events come soonest first and exclude past ones; all events newest first', async () => {
  const upcoming = (await gqlOk(sg.url, '{ events(filter: { upcoming: true }, first: 50) { nodes { startsAt endsAt } } }')).events.nodes;
  expect(upcoming.length).toBeGreaterThanOrEqual(5);
  const starts = upcoming.map((e: any) => Date.parse(e.startsAt));
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
  expect(upcoming.every((e: any) => Date.parse(e.endsAt) >= Date.now())).toBe(true);

  const all = (await gqlOk(sg.url, '{ events(first: 50) { totalCount nodes { slug startsAt } } }')).events;
  expect(all.nodes[all.nodes.length - 1].slug).toBe('fachtag-2019');
  expect(all.totalCount).toBe(upcoming.length + 2); // the 2019 Fachtag and the last Netzwerktreffen are past
});

test('filters by kind, topic and region', async () => {
  const slugs = async (f: object) =>
    (await gqlOk(sg.url, 'query ($f: EventFilter) { events(filter: $f, first: 50) { nodes { slug } } }', { f })).events.nodes.map((e: any) => e.slug);
  expect((await slugs({ kind: 'FACHTAG' })).length).toBe(2);
  expect(await slugs({ topic: 'maenner-und-jungenarbeit', upcoming: true })).toHaveLength(2);
  expect((await slugs({ region: '03404' }))[0]).toMatch(/^netzwerktreffen-/);
});

test('one event by slug with its organisers as references', async () => {
  const { event } = await gqlOk(sg.url, '{ event(slug: "fachtag-2019") { id organizers { id } topics { slug } } }');
  expect(event.id).toBe(stableId('event', 'fachtag-2019'));
  expect(event.organizers).toEqual([{ id: gMit }, { id: stableId('partner', 'vnb-ev') }]);
});

test('drafts are hidden from lists, lookups and _entities', async () => {
  const id = stableId('event', 'entwurf');
  await sg.ds.getRepository(Event).insert({
    id,
    slug: 'entwurf',
    title: 'Entwurf',
    kind: EventKind.WORKSHOP,
    startsAt: new Date(Date.now() + 86_400_000),
    endsAt: new Date(Date.now() + 90_000_000),
    status: EventStatus.DRAFT,
  });
  await sg.ds.getRepository(EventOrganizer).insert({ eventId: id, partnerId: gMit });
  expect((await gqlOk(sg.url, '{ event(slug: "entwurf") { id } }')).event).toBeNull();
  expect((await gqlOk(sg.url, entitiesQuery('Event', 'id'), { r: [{ __typename: 'Event', id }] }))._entities).toEqual([null]);
  const { _entities } = await gqlOk(sg.url, entitiesQuery('Partner', 'events(first: 50) { nodes { id } }'), { r: [{ __typename: 'Partner', id: gMit }] });
  expect(_entities[0].events.nodes.map((e: any) => e.id)).not.toContain(id);
  await sg.ds.getRepository(Event).delete({ id });
});

test('Partner.events and Topic.upcomingEvents through _entities', async () => {
  const { _entities } = await gqlOk(sg.url, entitiesQuery('Partner', 'events(first: 2, upcoming: true) { totalCount nodes { slug } }'), {
    r: [{ __typename: 'Partner', id: gMit }, { __typename: 'Partner', id: stableId('partner', 'nobody') }],
  });
  expect(_entities[0].events.nodes).toHaveLength(2);
  expect(_entities[0].events.totalCount).toBeGreaterThan(2);
  expect(_entities[1].events).toEqual({ totalCount: 0, nodes: [] });
  const topic = await gqlOk(sg.url, entitiesQuery('Topic', 'upcomingEvents { nodes { slug } }'), { r: [{ __typename: 'Topic', slug: 'gewaltschutz' }] });
  expect(topic._entities[0].upcomingEvents.nodes.length).toBeGreaterThan(0);
});

test("a partner's events are the upcoming ones, soonest first, unless all are asked for (newest first)", async () => {
  const query = (args: string) => entitiesQuery('Partner', `events(first: 50${args}) { nodes { slug startsAt endsAt } }`);
  const [byDefault] = (await gqlOk(sg.url, query(''), { r: [{ __typename: 'Partner', id: gMit }] }))._entities;
  const starts = byDefault.events.nodes.map((e: { startsAt: string }) => e.startsAt);
  expect(starts.length).toBeGreaterThan(1);
  expect(starts).toEqual([...starts].sort());
  expect(byDefault.events.nodes.every((e: { endsAt: string }) => new Date(e.endsAt) > new Date())).toBe(true);
  const [all] = (await gqlOk(sg.url, query(', upcoming: false'), { r: [{ __typename: 'Partner', id: gMit }] }))._entities;
  const allStarts = all.events.nodes.map((e: { startsAt: string }) => e.startsAt);
  expect(allStarts).toEqual([...allStarts].sort().reverse());
  expect(all.events.nodes.map((e: { slug: string }) => e.slug)).toContain('fachtag-2019');
  expect(byDefault.events.nodes.map((e: { slug: string }) => e.slug)).not.toContain('fachtag-2019');
});

test('Partner.events with organisers for 10 or 100 partners costs the same SQL statements', async () => {
  const partners = Array.from({ length: 100 }, (_, i) => stableId('partner', `bulk-${i}`));
  for (const [i, partnerId] of partners.entries()) {
    const id = stableId('event', `bulk-${i}`);
    await sg.ds.getRepository(Event).insert({
      id,
      slug: `bulk-${i}`,
      title: `Bulk ${i}`,
      kind: EventKind.WORKSHOP,
      startsAt: new Date(Date.now() + 86_400_000),
      endsAt: new Date(Date.now() + 90_000_000),
      status: EventStatus.PUBLISHED,
    });
    await sg.ds.getRepository(EventOrganizer).insert([{ eventId: id, partnerId }, { eventId: id, partnerId: gMit, position: 1 }]);
  }
  const count = async (n: number) => {
    sg.counter.reset();
    const data = await gqlOk(sg.url, entitiesQuery('Partner', 'events(first: 3) { nodes { title organizers { id } } }'), {
      r: partners.slice(0, n).map((id) => ({ __typename: 'Partner', id })),
    });
    expect(data._entities.every((e: any) => e.events.nodes[0].organizers.length === 2)).toBe(true);
    return sg.counter.count;
  };
  const ten = await count(10);
  expect(await count(100)).toBe(ten);
  expect(ten).toBeLessThanOrEqual(4);
});

test('the seeded Fachtag 2019 has its programme, theme tables with capacities and registrations', async () => {
  const { event } = await gqlOk(
    sg.url,
    `{ event(slug: "fachtag-2019") { startsAtLocal endsAtLocal seatsLeft registrationState documentation { id }
      programme { title kind startsAtLocal speakers { name affiliation } } sessions { title capacity seatsLeft } } }`,
  );
  expect(event).toMatchObject({ startsAtLocal: '2019-09-12T10:00:00', endsAtLocal: '2019-09-12T16:30:00', registrationState: 'CLOSED' });
  expect(event.programme.map((p: { kind: string }) => p.kind)).toEqual(
    expect.arrayContaining(['WELCOME', 'KEYNOTE', 'THEME_TABLES', 'SPEED_DATING']),
  );
  expect(event.programme.find((p: { kind: string }) => p.kind === 'WELCOME')).toMatchObject({ title: 'Begrüßung', startsAtLocal: '2019-09-12T10:00:00' });
  // The programme lies within the event (10:00 to 16:30).
  for (const p of event.programme) expect([p.title, p.startsAtLocal >= event.startsAtLocal]).toEqual([p.title, true]);
  expect(event.sessions).toHaveLength(5);
  expect(event.sessions.every((s: { capacity: number; seatsLeft: number }) => s.capacity >= 12 && s.seatsLeft >= 0)).toBe(true);
  expect(event.documentation).toEqual([{ id: stableId('resource', 'Handreichung: Gleichstellung in der Migrationsgesellschaft') }]);
  const [{ attended, total }] = await sg.ds.query(
    `SELECT count(*) FILTER (WHERE status = 'ATTENDED')::int AS attended, count(*)::int AS total FROM registration WHERE event_id = $1`,
    [stableId('event', 'fachtag-2019')],
  );
  expect(total).toBe(110);
  expect(attended).toBeGreaterThan(90);
  // The small workshop is booked out and has a waiting list.
  const { events } = await gqlOk(sg.url, '{ events(filter: { kind: WORKSHOP, region: "03403" }, first: 10) { nodes { slug seatsLeft waitlistCount registrationState } } }');
  expect(events.nodes.find((e: { slug: string }) => e.slug.startsWith('workshop-jungenarbeit'))).toMatchObject({ seatsLeft: 0, waitlistCount: 3, registrationState: 'WAITLIST' });
});
