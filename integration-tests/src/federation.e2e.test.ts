import { gql, gqlOk } from '@mitgen/test-kit';
import { startStack, type TestStack } from './test/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const DIRECTORY = `{
  partners(first: 5) {
    totalCount
    nodes {
      name
      resources(first: 3) { nodes { title provider { name } } }
      events(first: 3) { nodes { title startsAt organizers { name } } }
    }
  }
}`;

test('the cross-subgraph directory query answers with seeded data in every list', async () => {
  const { partners } = await gqlOk(stack.url, DIRECTORY);
  expect(partners.totalCount).toBeGreaterThanOrEqual(5);
  expect(partners.nodes).toHaveLength(5);
  for (const partner of partners.nodes) {
    expect(partner.resources.nodes.length).toBeGreaterThan(0);
    expect(partner.events.nodes.length).toBeGreaterThan(0);
    // provider and organizers come back from the partners subgraph through the gateway
    for (const r of partner.resources.nodes) expect(r.provider.name).toBe(partner.name);
    for (const e of partner.events.nodes) expect(e.organizers.map((o: { name: string }) => o.name)).toContain(partner.name);
  }
});

test('topics link to resources and upcoming events across three subgraphs', async () => {
  const { topic } = await gqlOk(
    stack.url,
    `{ topic(slug: "gleichstellung") { name resources(first: 10) { totalCount nodes { title } } upcomingEvents(first: 10) { nodes { title startsAt } } } }`,
  );
  expect(topic.name).toBe('Gleichstellung');
  expect(topic.resources.totalCount).toBeGreaterThan(0);
  expect(topic.upcomingEvents.nodes.length).toBeGreaterThan(0);
  for (const e of topic.upcomingEvents.nodes) expect(new Date(e.startsAt).getTime()).toBeGreaterThan(Date.now() - 86_400_000);
});

test('the seeded Fachtag 2019 is served with its venue and time in UTC', async () => {
  const { event } = await gqlOk(stack.url, '{ event(slug: "fachtag-2019") { title kind startsAt endsAt venueName street postalCode city } }');
  expect(event).toMatchObject({
    kind: 'FACHTAG',
    startsAt: '2019-09-12T08:00:00.000Z', // 10:00 in Hannover (CEST)
    endsAt: '2019-09-12T14:30:00.000Z',
    venueName: 'Kulturzentrum Pavillon',
    street: 'Lister Meile 4',
    postalCode: '30161',
    city: 'Hannover',
  });
  expect(event.title).toMatch(/^Geschlechtergleichstellung im gesellschaftlichen Wandel/);
});

test('a bad argument gets BAD_USER_INPUT through the gateway', async () => {
  const res = await gql(stack.url, '{ partners(first: 1000) { totalCount } }');
  expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.errors?.[0].message).toMatch(/first must be between 0 and 100/);
});
