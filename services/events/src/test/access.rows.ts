import { randomUUID } from 'node:crypto';
import { ACCOUNTS, EVERYONE, OWNER_A, PARTNER_A, PARTNER_B, gqlOk, type Caller, type MatrixEnv, type Row } from '@mitgen/test-kit';

// Events service: administration (organisers of the event and coordinators), registration (anyone),
// the organisers' views of registrations. Each operation acts on a fresh event of partner A.

const CREATE = 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id version } }';

function eventInput(organizerIds: string[]) {
  const start = new Date(Date.now() + 60 * 86_400_000);
  return {
    slug: `matrix-${randomUUID()}`,
    title: 'Matrix-Treffen',
    kind: 'NETZWERKTREFFEN',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
    capacity: 10,
    organizerIds,
  };
}

/** A new event of partner A made by the coordinator; published unless asked otherwise. */
async function eventOfA(env: MatrixEnv, publish = true): Promise<{ id: string; version: number }> {
  const coordinator = env.callers.headers.coordinator;
  const { createEvent } = await gqlOk(env.url, CREATE, { i: eventInput([PARTNER_A]) }, coordinator);
  if (!publish) return createEvent;
  const { publishEvent } = await gqlOk(env.url, 'mutation ($id: ID!) { publishEvent(id: $id) { id version } }', { id: createEvent.id }, coordinator);
  return publishEvent;
}

/** A pending request to partner B to co-organise a fresh event of partner A (made by partner A's editor); returns its id. */
async function requestToB(env: MatrixEnv): Promise<string> {
  const { createEvent } = await gqlOk(env.url, 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }', { i: eventInput([PARTNER_A, PARTNER_B]) }, env.callers.headers.editorA);
  const { event } = await gqlOk(env.url, 'query ($id: ID!) { event(id: $id) { partnerRequests { id } } }', { id: createEvent.id }, env.callers.headers.coordinator);
  return event.partnerRequests[0].id;
}

/** A registration for a fresh event of partner A; returns its id (read by the coordinator). */
async function registrationOfA(env: MatrixEnv): Promise<string> {
  const event = await eventOfA(env);
  await gqlOk(env.url, 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { id } }', {
    i: { eventId: event.id, name: 'Matrix Person', email: `matrix-${randomUUID()}@example.org`, consent: true },
  });
  const { event: e } = await gqlOk(env.url, 'query ($id: ID!) { event(id: $id) { registrations { nodes { id } } } }', { id: event.id }, env.callers.headers.coordinator);
  return e.registrations.nodes[0].id;
}

/** A programme item of a fresh published event of partner A, translated into English (by the coordinator); returns its id. */
async function programmeItemOfA(env: MatrixEnv): Promise<string> {
  const coordinator = env.callers.headers.coordinator;
  const input = eventInput([PARTNER_A]);
  const { createEvent } = await gqlOk(env.url, 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id programme { id } } }', {
    i: { ...input, programme: [{ startsAt: input.startsAt, title: 'Begrüßung', kind: 'WELCOME' }] },
  }, coordinator);
  const id = createEvent.programme[0].id;
  await gqlOk(env.url, 'mutation ($id: ID!) { translateProgrammeItem(id: $id, language: "en", input: { title: "Welcome" }) { id } }', { id }, coordinator);
  return id;
}

/** A fresh published event of partner A translated into English (by the coordinator). */
async function translatedEventOfA(env: MatrixEnv): Promise<string> {
  const e = await eventOfA(env);
  await gqlOk(env.url, 'mutation ($id: ID!) { translateEvent(id: $id, language: "en", input: { title: "Matrix meeting" }) { id } }', { id: e.id }, env.callers.headers.coordinator);
  return e.id;
}

const ownOrganisation: Record<Caller, string> = { anonymous: PARTNER_A, apiKey: PARTNER_A, editorA: PARTNER_A, editorB: PARTNER_B, coordinator: PARTNER_A };

/** A token no registration has: the operations answer NOT_FOUND to everyone (there is no role check). */
const UNKNOWN_TOKEN = 'A'.repeat(43);

export const ACCESS_ROWS: Row[] = [
  {
    name: 'createEvent (for the caller’s own organisation)',
    allowed: ACCOUNTS,
    op: (_env, caller) => ({ query: CREATE, variables: { i: eventInput([ownOrganisation[caller]]) } }),
  },
  {
    name: 'updateEvent (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => {
      const e = await eventOfA(env);
      return { query: 'mutation ($id: ID!, $i: UpdateEventInput!) { updateEvent(id: $id, input: $i) { id } }', variables: { id: e.id, i: { version: e.version, capacity: 12 } } };
    },
  },
  {
    name: 'publishEvent (draft of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', variables: { id: (await eventOfA(env, false)).id } }),
  },
  {
    name: 'archiveEvent (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { archiveEvent(id: $id) { id } }', variables: { id: (await eventOfA(env)).id } }),
  },
  {
    name: 'cancelEvent (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { cancelEvent(id: $id, reason: "Matrix") { id } }', variables: { id: (await eventOfA(env)).id } }),
  },
  {
    name: 'translateEvent (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({
      query: 'mutation ($id: ID!) { translateEvent(id: $id, language: "ar", input: { title: "لقاء", description: "نص" }) { id } }',
      variables: { id: (await eventOfA(env)).id },
    }),
  },
  {
    name: 'removeEventTranslation (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { removeEventTranslation(id: $id, language: "en") { id } }', variables: { id: await translatedEventOfA(env) } }),
  },
  {
    name: 'translateProgrammeItem (item of an event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({
      query: 'mutation ($id: ID!) { translateProgrammeItem(id: $id, language: "ar", input: { title: "الترحيب" }) { id } }',
      variables: { id: await programmeItemOfA(env) },
    }),
  },
  {
    name: 'removeProgrammeItemTranslation (item of an event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { removeProgrammeItemTranslation(id: $id, language: "en") { id } }', variables: { id: await programmeItemOfA(env) } }),
  },
  {
    name: 'registerForEvent',
    allowed: EVERYONE,
    op: async (env, caller) => ({
      query: 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { status } }',
      variables: { i: { eventId: (await eventOfA(env)).id, name: `Person ${caller}`, email: `matrix-${caller}-${randomUUID()}@example.org`, consent: true } },
    }),
  },
  {
    name: 'cancelRegistration (unknown token: NOT_FOUND for everyone; the token is the permission)',
    allowed: EVERYONE,
    op: () => ({ query: 'mutation ($t: String!) { cancelRegistration(token: $t) { id } }', variables: { t: UNKNOWN_TOKEN } }),
  },
  {
    name: 'changeRegistrationSessions (unknown token: NOT_FOUND for everyone)',
    allowed: EVERYONE,
    op: () => ({ query: 'mutation ($t: String!) { changeRegistrationSessions(token: $t, sessionIds: []) { id } }', variables: { t: UNKNOWN_TOKEN } }),
  },
  {
    name: 'checkInRegistration (registration for an event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { checkInRegistration(id: $id) { status } }', variables: { id: await registrationOfA(env) } }),
  },
  {
    name: 'query Event.registrations (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'query ($id: ID!) { event(id: $id) { registrations { totalCount } } }', variables: { id: (await eventOfA(env)).id } }),
  },
  {
    name: 'query Event.attendeeListCsv (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'query ($id: ID!) { event(id: $id) { attendeeListCsv } }', variables: { id: (await eventOfA(env)).id } }),
  },
  {
    name: 'query Event.attendeeListDownload (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'query ($id: ID!) { event(id: $id) { attendeeListDownload { url } } }', variables: { id: (await eventOfA(env)).id } }),
  },
  {
    name: 'query Event.registrationStats (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'query ($id: ID!) { event(id: $id) { registrationStats { registrations } } }', variables: { id: (await eventOfA(env)).id } }),
  },
  {
    name: 'acceptEventPartnerRequest (request to partner B)',
    allowed: ['editorB', 'coordinator'],
    op: async (env) => ({ query: 'mutation ($id: ID!) { acceptEventPartnerRequest(id: $id) { status } }', variables: { id: await requestToB(env) } }),
  },
  {
    name: 'declineEventPartnerRequest (request to partner B)',
    allowed: ['editorB', 'coordinator'],
    op: async (env) => ({ query: 'mutation ($id: ID!) { declineEventPartnerRequest(id: $id) { status } }', variables: { id: await requestToB(env) } }),
  },
  {
    name: 'query eventPartnerRequests (own organisation’s; all for coordinators)',
    allowed: ACCOUNTS,
    op: () => ({ query: '{ eventPartnerRequests(first: 5) { totalCount } }' }),
  },
  {
    name: 'query Event.partnerRequests (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'query ($id: ID!) { event(id: $id) { partnerRequests { id } } }', variables: { id: (await eventOfA(env)).id } }),
  },
  {
    name: 'query Event.auditLog (event of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'query ($id: ID!) { event(id: $id) { auditLog { totalCount } } }', variables: { id: (await eventOfA(env)).id } }),
  },
];
