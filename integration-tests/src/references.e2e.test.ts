import { stableId } from '@mitgen/subgraph-kit';
import { gql, gqlOk } from '@mitgen/test-kit';
import { coordinatorToken } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// References to records the owning service does not show (an archived partner) come back as null,
// not as an error, so that lists of other services keep working.
let stack: TestStack;
let coordinator: Record<string, string>;
beforeAll(async () => {
  stack = await startStack();
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
});
afterAll(() => stack?.stop());

test('resources of an archived partner still name it (status ARCHIVED), without its contacts and outside the directory', async () => {
  const id = stableId('partner', 'netzwerk-migrantinnen-lueneburg');
  await gqlOk(stack.url, 'mutation ($id: ID!) { archivePartner(id: $id) { status } }', { id }, coordinator);
  const res = await gql(stack.url, '{ resources(first: 100) { nodes { title provider { id name } } } events(first: 100) { nodes { title organizers { id name } } } }');
  expect(res.body.errors ?? res.body.extensions ?? res.status).toBe(200);
  // Archived partners keep their public profile as references, marked ARCHIVED.
  const own = res.data.resources.nodes.filter((r: any) => r.title === 'Sprachcafé für Frauen');
  expect(own).toEqual([{ title: 'Sprachcafé für Frauen', provider: { id, name: 'Netzwerk Migrantinnen Lüneburg e.V.' } }]);
  expect((await gqlOk(stack.url, '{ partner(slug: "netzwerk-migrantinnen-lueneburg") { status contactPersons { totalCount } } }')).partner).toEqual({
    status: 'ARCHIVED',
    contactPersons: { totalCount: 0 },
  });
  // …but the directory and its lists leave them out.
  const { partners } = await gqlOk(stack.url, '{ partners(first: 100) { nodes { id } } }');
  expect(partners.nodes.map((p: any) => p.id)).not.toContain(id);
});

test('an organiser taken back to a draft shows as a null entry in the event, and the list still answers', async () => {
  const id = stableId('partner', 'frauenberatung-osnabrueck');
  await gqlOk(stack.url, 'mutation ($id: ID!) { unpublishPartner(id: $id) { status } }', { id }, coordinator);
  const res = await gql(stack.url, '{ events(first: 100) { nodes { slug organizers { id name } } } }');
  expect(res.data.events.nodes.length).toBeGreaterThan(3);
  const meeting = res.data.events.nodes.find((e: any) => e.organizers.includes(null));
  expect(meeting).toBeDefined();
  expect(meeting.organizers.filter(Boolean).map((o: any) => o.name)).toContain('G mit Niedersachsen – Bildungs- und Beratungsstelle Geschlechtergleichstellung in der Migrationsgesellschaft');
});

describe('references must exist (checked through the graph)', () => {
  const CREATE_EVENT = 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id organizers { id } } }';
  const event = (extra: Record<string, unknown>) => ({
    title: 'Referenzen',
    kind: 'WORKSHOP',
    startsAt: '2031-09-01T10:00:00+02:00',
    endsAt: '2031-09-01T12:00:00+02:00',
    organizerIds: [stableId('partner', 'g-mit-niedersachsen')],
    ...extra,
  });

  test('unknown partner, topic, region and resource ids are refused naming the field, and nothing dangles', async () => {
    const unknown = '00000000-0000-4000-8000-00000000dead';
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [CREATE_EVENT, { i: event({ organizerIds: [stableId('partner', 'g-mit-niedersachsen'), unknown] }) }, 'organizerIds'],
      [CREATE_EVENT, { i: event({ topicSlugs: ['gibt-es-nicht'] }) }, 'topicSlugs'],
      [CREATE_EVENT, { i: event({ regionCode: '03999' }) }, 'regionCode'],
      [CREATE_EVENT, { i: event({ documentationResourceIds: [unknown] }) }, 'documentationResourceIds'],
      [CREATE_EVENT, { i: event({ programme: [{ startsAt: '2031-09-01T10:00:00+02:00', title: 'Input', kind: 'TALK', speakers: [{ name: 'X', partnerId: unknown }] }] }) }, 'programme.0.speakers.0.partnerId'],
      ['mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }', { i: { title: 'Lücke', items: [{ kind: 'PARTNER', id: unknown }] } }, 'items.0.id'],
      ['mutation ($i: CreateResourceInput!) { createResource(input: $i) { id } }', { i: { title: 'Angebot', kind: 'COUNSELLING', providerId: unknown } }, 'providerId'],
    ];
    const { events: before } = await gqlOk(stack.url, '{ events(filter: { status: [DRAFT, PUBLISHED] }, first: 1) { totalCount } }', undefined, coordinator);
    for (const [query, variables, field] of cases) {
      const res = await gql(stack.url, query, variables, coordinator);
      expect({ field, error: res.errors?.[0]?.extensions }).toEqual({ field, error: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
    }
    expect((await gqlOk(stack.url, '{ events(filter: { status: [DRAFT, PUBLISHED] }, first: 1) { totalCount } }', undefined, coordinator)).events).toEqual(before);
    // Known ones pass: the whole event in one go.
    const { createEvent } = await gqlOk(
      stack.url,
      CREATE_EVENT,
      { i: event({ topicSlugs: ['gleichstellung'], regionCode: '03241', organizerIds: [stableId('partner', 'g-mit-niedersachsen'), stableId('partner', 'vnb-ev')] }) },
      coordinator,
    );
    expect(createEvent.organizers).toHaveLength(2);
  });
});
