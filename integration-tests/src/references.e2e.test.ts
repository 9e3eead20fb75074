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
  // The null stops at the nullable entry: the documented answer for a record not shown, no error.
  expect(res.body.errors).toBeUndefined();
  expect(res.body.extensions).toBeUndefined();
  expect(res.data.events.nodes.length).toBeGreaterThan(3);
  const meeting = res.data.events.nodes.find((e: any) => e.organizers.includes(null));
  expect(meeting).toBeDefined();
  expect(meeting.organizers.filter(Boolean).map((o: any) => o.name)).toContain('G mit Niedersachsen – Bildungs- und Beratungsstelle Geschlechtergleichstellung in der Migrationsgesellschaft');
});

test('a reference whose record is gone: REFERENCE_NOT_FOUND in errors, no valueCompletion naming schema internals', async () => {
  const resources = stack.subgraphs.resources.ds;
  const [[gone]] = await resources.query(
    `UPDATE resource SET topic_slugs = topic_slugs || '{geloeschtes-thema}' WHERE id = (SELECT id FROM resource WHERE status = 'PUBLISHED' ORDER BY title LIMIT 1) RETURNING id`,
  );
  try {
    const res = await gql(stack.url, '{ resources(first: 3) { nodes { title topics { slug name } } } }');
    expect(res.body.extensions?.valueCompletion).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(/INVALID_GRAPHQL|non-nullable|Topic\.name/);
    expect(res.errors).toEqual([
      { message: expect.stringMatching(/no longer available/), path: ['resources', 'nodes', 0, 'topics', 1, 'name'], extensions: { code: 'REFERENCE_NOT_FOUND' } },
    ]);
    // Without a field of the gone record, the list answers as before.
    const slugs = await gqlOk(stack.url, '{ resources(first: 3) { nodes { topics { slug } } } }');
    expect(slugs.resources.nodes[0].topics.map((t: { slug: string }) => t.slug)).toContain('geloeschtes-thema');
  } finally {
    await resources.query(`UPDATE resource SET topic_slugs = array_remove(topic_slugs, 'geloeschtes-thema') WHERE id = $1`, [gone.id]);
  }
});

test('topics and regions have one id wherever they are referenced, so that client caches keep one copy', async () => {
  const { topics, regions } = await gqlOk(stack.url, '{ topics(first: 100) { nodes { id slug } } regions(first: 100) { nodes { id code } } }');
  const topicIds = new Map(topics.nodes.map((t: { id: string; slug: string }) => [t.slug, t.id]));
  const regionIds = new Map(regions.nodes.map((r: { id: string; code: string }) => [r.code, r.id]));
  const { resources, events } = await gqlOk(
    stack.url,
    '{ resources(first: 100) { nodes { topics { id slug } regions { id code } } } events(first: 100) { nodes { topics { id slug } region { id code } } } }',
  );
  const seenTopics = [...resources.nodes, ...events.nodes].flatMap((n: { topics: { id: string; slug: string }[] }) => n.topics);
  const seenRegions = [...resources.nodes.flatMap((n: { regions: unknown[] }) => n.regions), ...events.nodes.map((n: { region: unknown }) => n.region).filter(Boolean)] as {
    id: string;
    code: string;
  }[];
  expect(seenTopics.length).toBeGreaterThan(0);
  expect(seenRegions.length).toBeGreaterThan(0);
  for (const t of seenTopics) expect(t.id).toBe(topicIds.get(t.slug));
  for (const r of seenRegions) expect(r.id).toBe(regionIds.get(r.code));
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
