import { stableId } from '@mitgen/subgraph-kit';
import { gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { demoLookup, eventsSubgraphWith } from '../test/fake-lookup';
import { as, PARTNER_A, PARTNER_B } from '../test/helpers';

// Nobody borrows another organisation's name: a partner editor who names another organisation as
// co-organiser, presenting partner or speaker's organisation makes a request; the event shows that
// organisation (and its editors gain rights) only once its editors or a coordinator accepted.
// Coordinators set organisers directly. Requests and decisions are in the event's audit log.

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraphWith(demoLookup()), { MAIL_WORKER: 'false' });
});
afterAll(() => sg?.stop());

const VNB = stableId('partner', 'vnb-ev');
const CREATE = 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id version organizers { id } } }';
const UPDATE = 'mutation ($id: ID!, $i: UpdateEventInput!) { updateEvent(id: $id, input: $i) { id version organizers { id } } }';
const VIEW = `query ($id: ID!) { event(id: $id) { version organizers { id } partnerRequests { id role status partner { id } requestedBy { id } }
  programme { title partner { id } speakers { name partner { id } } } auditLog { nodes { action } } } }`;
const REQUESTS = 'query ($s: EventPartnerRequestStatus) { eventPartnerRequests(status: $s, first: 50) { nodes { id role status event { id title } partner { id } } } }';
const ACCEPT = 'mutation ($id: ID!) { acceptEventPartnerRequest(id: $id) { id status decidedAt } }';
const DECLINE = 'mutation ($id: ID!) { declineEventPartnerRequest(id: $id) { id status } }';

let n = 0;
const input = (extra: Record<string, unknown> = {}) => ({
  slug: `gemeinsam-${++n}`,
  title: `Gemeinsames Treffen ${n}`,
  kind: 'WORKSHOP',
  startsAt: '2031-06-05T10:00:00+02:00',
  endsAt: '2031-06-05T14:00:00+02:00',
  ...extra,
});
const actions = (event: { auditLog: { nodes: Array<{ action: string }> } }) => event.auditLog.nodes.map((e) => e.action).sort();
const view = async (id: string) => (await gqlOk(sg.url, VIEW, { id }, await as.coordinator())).event;

test('an editor naming another organisation as co-organiser makes a request; the event shows it only once accepted', async () => {
  const { createEvent } = await gqlOk(sg.url, CREATE, { i: input({ organizerIds: [PARTNER_A, PARTNER_B] }) }, await as.editorA());
  expect(createEvent.organizers).toEqual([{ id: PARTNER_A }]);
  await gqlOk(sg.url, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: createEvent.id }, await as.editorA());
  // Not shown publicly, no rights for B's editors yet.
  expect((await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { organizers { id } } }', { id: createEvent.id })).event.organizers).toEqual([{ id: PARTNER_A }]);
  expect((await gql(sg.url, UPDATE, { id: createEvent.id, i: { version: 2, title: 'Übernommen' } }, await as.editorB())).errors?.[0].extensions?.code).toBe('FORBIDDEN');

  // B's editors see what they are asked to join; A's editor, anonymous callers cannot decide it.
  const asked = (await gqlOk(sg.url, REQUESTS, { s: 'PENDING' }, await as.editorB())).eventPartnerRequests.nodes.find((r: { event: { id: string } }) => r.event.id === createEvent.id);
  expect(asked).toMatchObject({ role: 'ORGANIZER', status: 'PENDING', partner: { id: PARTNER_B }, event: { title: 'Gemeinsames Treffen 1' } });
  expect((await gqlOk(sg.url, REQUESTS, { s: 'PENDING' }, await as.editorA())).eventPartnerRequests.nodes.map((r: { id: string }) => r.id)).not.toContain(asked.id);
  expect((await gql(sg.url, ACCEPT, { id: asked.id }, await as.editorA())).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await gql(sg.url, ACCEPT, { id: asked.id })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await gql(sg.url, ACCEPT, { id: asked.id }, await as.apiKeyA())).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

  const { acceptEventPartnerRequest } = await gqlOk(sg.url, ACCEPT, { id: asked.id }, await as.editorB());
  expect(acceptEventPartnerRequest).toMatchObject({ status: 'ACCEPTED', decidedAt: expect.any(String) });
  const after = await view(createEvent.id);
  expect(after.organizers).toEqual([{ id: PARTNER_A }, { id: PARTNER_B }]);
  // (Entries of one transaction share its time: compared as a set.)
  expect(actions(after)).toEqual(['ACCEPT_ORGANIZER', 'CREATE', 'PUBLISH', 'REQUEST_ORGANIZER']);
  // Now B's editors may administer it (with the version the acceptance made).
  expect((await gqlOk(sg.url, UPDATE, { id: createEvent.id, i: { version: after.version, title: 'Gemeinsam geplant' } }, await as.editorB())).updateEvent.id).toBe(createEvent.id);
  // Accepting twice changes nothing.
  expect((await gqlOk(sg.url, ACCEPT, { id: asked.id }, await as.editorB())).acceptEventPartnerRequest.status).toBe('ACCEPTED');
});

test('a declined request leaves the event without the organisation; asking again makes a new request; dropping the name withdraws it', async () => {
  const { createEvent } = await gqlOk(sg.url, CREATE, { i: input({ organizerIds: [PARTNER_A, PARTNER_B] }) }, await as.editorA());
  const request = (await view(createEvent.id)).partnerRequests[0];
  expect(request).toMatchObject({ role: 'ORGANIZER', status: 'PENDING', partner: { id: PARTNER_B }, requestedBy: { id: PARTNER_A } });
  expect((await gqlOk(sg.url, DECLINE, { id: request.id }, await as.editorB())).declineEventPartnerRequest.status).toBe('DECLINED');
  expect((await gql(sg.url, ACCEPT, { id: request.id }, await as.editorB())).errors?.[0].extensions?.code).toBe('REQUEST_DECIDED');
  let event = await view(createEvent.id);
  expect(event.organizers).toEqual([{ id: PARTNER_A }]);

  await gqlOk(sg.url, UPDATE, { id: createEvent.id, i: { version: event.version, organizerIds: [PARTNER_A, PARTNER_B] } }, await as.editorA());
  event = await view(createEvent.id);
  expect(event.partnerRequests).toEqual([expect.objectContaining({ id: request.id, status: 'PENDING' })]);
  await gqlOk(sg.url, UPDATE, { id: createEvent.id, i: { version: event.version, organizerIds: [PARTNER_A] } }, await as.editorA());
  event = await view(createEvent.id);
  expect(event.partnerRequests).toEqual([]);
  expect(actions(event)).toEqual(['CREATE', 'DECLINE_ORGANIZER', 'REQUEST_ORGANIZER', 'REQUEST_ORGANIZER', 'UPDATE', 'UPDATE']);
});

test('coordinators set organisers directly, without a request', async () => {
  const { createEvent } = await gqlOk(sg.url, CREATE, { i: input({ organizerIds: [PARTNER_A, PARTNER_B] }) }, await as.coordinator());
  expect(createEvent.organizers).toEqual([{ id: PARTNER_A }, { id: PARTNER_B }]);
  expect((await view(createEvent.id)).partnerRequests).toEqual([]);
});

test('a programme shows another organisation (presenting partner, speaker’s organisation) only once it accepted; coordinators’ choices count', async () => {
  const programme = [
    { startsAt: '2031-06-05T10:00:00+02:00', title: 'Projektvorstellung', kind: 'SPEED_DATING', partnerId: VNB },
    { startsAt: '2031-06-05T11:00:00+02:00', title: 'Vortrag', kind: 'TALK', speakers: [{ name: 'Dr. Ina Beispiel', affiliation: 'Frauenberatung', partnerId: PARTNER_B }, { name: 'Lea', partnerId: PARTNER_A }] },
  ];
  const { createEvent } = await gqlOk(sg.url, CREATE, { i: input({ organizerIds: [PARTNER_A], programme }) }, await as.editorA());
  let event = await view(createEvent.id);
  // The printed affiliation stays; the organisations do not show yet (the own one does).
  expect(event.programme).toEqual([
    { title: 'Projektvorstellung', partner: null, speakers: [] },
    { title: 'Vortrag', partner: null, speakers: [{ name: 'Dr. Ina Beispiel', partner: null }, { name: 'Lea', partner: { id: PARTNER_A } }] },
  ]);
  expect(event.partnerRequests.map((r: { role: string; partner: { id: string } }) => [r.role, r.partner.id]).sort()).toEqual([
    ['PROGRAMME', PARTNER_B],
    ['PROGRAMME', VNB],
  ].sort());
  const b = event.partnerRequests.find((r: { partner: { id: string } }) => r.partner.id === PARTNER_B);
  await gqlOk(sg.url, ACCEPT, { id: b.id }, await as.editorB());
  event = await view(createEvent.id);
  expect(event.programme[1].speakers[0].partner).toEqual({ id: PARTNER_B });
  expect(event.programme[0].partner).toBeNull();
  expect(event.organizers).toEqual([{ id: PARTNER_A }]); // named in the programme, not an organiser

  // A coordinator's programme needs no request.
  const { createEvent: byCoordinator } = await gqlOk(sg.url, CREATE, { i: input({ organizerIds: [PARTNER_A], programme }) }, await as.coordinator());
  const direct = await view(byCoordinator.id);
  expect(direct.programme[0].partner).toEqual({ id: VNB });
  expect(direct.partnerRequests.every((r: { status: string }) => r.status === 'ACCEPTED')).toBe(true);
});
