import { gql, gqlOk } from '@mitgen/test-kit';
import { PARTNER_A, PARTNER_B, setUpCallers, type Callers } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// Nobody borrows another organisation's name, through the gateway: an editor of partner A names
// partner B as co-organiser; until B's editor accepts, the event is not on B's page, B is not among
// its organisers, and B's editors have no rights over it.

let stack: TestStack;
let callers: Callers;
beforeAll(async () => {
  stack = await startStack();
  callers = await setUpCallers(stack.url);
});
afterAll(() => stack?.stop());

const onPageOf = async (partnerId: string, eventId: string) =>
  (await gqlOk(stack.url, 'query ($id: ID!) { partner(id: $id) { events(first: 100) { nodes { id } } } }', { id: partnerId })).partner.events.nodes.some((e: { id: string }) => e.id === eventId);

test('a co-organiser named by another partner’s editor shows only after accepting', async () => {
  const { editorA, editorB } = callers.headers;
  const { createEvent } = await gqlOk(
    stack.url,
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id organizers { id } } }',
    { i: { title: 'Gemeinsamer Workshop', kind: 'WORKSHOP', startsAt: '2031-10-01T10:00:00+02:00', endsAt: '2031-10-01T13:00:00+02:00', organizerIds: [PARTNER_A, PARTNER_B] } },
    editorA,
  );
  expect(createEvent.organizers).toEqual([{ id: PARTNER_A }]);
  await gqlOk(stack.url, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: createEvent.id }, editorA);
  expect(await onPageOf(PARTNER_A, createEvent.id)).toBe(true);
  expect(await onPageOf(PARTNER_B, createEvent.id)).toBe(false);
  const denied = await gql(stack.url, 'mutation ($id: ID!) { cancelEvent(id: $id) { id } }', { id: createEvent.id }, editorB);
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const { eventPartnerRequests } = await gqlOk(
    stack.url,
    '{ eventPartnerRequests(status: PENDING, first: 10) { nodes { id role event { title } requestedBy { name } } } }',
    undefined,
    editorB,
  );
  expect(eventPartnerRequests.nodes).toEqual([expect.objectContaining({ role: 'ORGANIZER', event: { title: 'Gemeinsamer Workshop' }, requestedBy: { name: expect.stringContaining('G mit Niedersachsen') } })]);
  await gqlOk(stack.url, 'mutation ($id: ID!) { acceptEventPartnerRequest(id: $id) { status } }', { id: eventPartnerRequests.nodes[0].id }, editorB);
  expect(await onPageOf(PARTNER_B, createEvent.id)).toBe(true);
  const { event } = await gqlOk(stack.url, 'query ($id: ID!) { event(id: $id) { organizers { id } } }', { id: createEvent.id });
  expect(event.organizers).toEqual([{ id: PARTNER_A }, { id: PARTNER_B }]);
});
