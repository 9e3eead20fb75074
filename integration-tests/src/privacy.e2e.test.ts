import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERASURE_COORDINATOR, erasureMutationName, signingKey, signUserToken } from '@mitgen/subgraph-kit';
import { asPrincipal, entitiesQuery, gql, gqlOk, TEST_KEYS } from '@mitgen/test-kit';
import { Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { REPO_ROOT } from '@mitgen/registry';
import { stopHttp } from './test/outage';
import { ERASURE_PARTICIPANTS } from './test/participants';
import { ADMIN, coordinatorToken, PARTNER_A, PARTNER_B, setUpCallers } from './test/principals';
import { SUBGRAPHS } from './test/services';
import { startStack, type TestStack } from './test/stack';

// Export and erasure of one person's data across all services through the gateway. The export is
// one query (and one JSON download); the erasure is one mutation that stores an erasure request,
// whatever the client selects, and the partners service's erasure coordinator carries it out
// through each service's erasure mutation — a service that is down stays PENDING and is called
// again by the worker until it confirms.

/** Seconds between attempts at a service that has not confirmed (the default of ERASURE_RETRY_SECONDS). */
const RETRY_SECONDS = 5;

let stack: TestStack;
let coordinator: Record<string, string>;
beforeAll(async () => {
  stack = await startStack({}, {}, { ERASURE_WORKER: 'true', ERASURE_RETRY_SECONDS: String(RETRY_SECONDS) });
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
});
afterAll(() => stack?.stop());

const EXPORT = `query ($e: String!) { dataSubject(email: $e) { email
  account { id email role disabled }
  contactPersons { totalCount nodes { name email partner { slug } } }
  registrations(first: 50) { totalCount nodes { id status name needs { childcare } event { id title } } }
  registrationMails { totalCount }
  newsletterSubscription { email status topics { slug } consent { consentTextVersion } }
  newsletterConsentProofs { totalCount }
  newsletterMails { totalCount } } }`;

const REQUEST = 'id status emailHash requestedAt completedAt requestedBy { email } services { service status counts { what count } reason attempts }';
const ERASE = `mutation ($e: String!) { eraseDataSubject(email: $e) { ${REQUEST} } }`;
const READ = `query ($id: ID!) { erasureRequest(id: $id) { ${REQUEST} } }`;

interface ErasureRequest {
  id: string;
  status: 'PENDING' | 'DONE' | 'FAILED';
  completedAt: string | null;
  services: Array<{ service: string; status: string; counts: Array<{ what: string; count: number }>; reason: string | null; attempts: number }>;
}

const readRequest = async (id: string): Promise<ErasureRequest> => (await gqlOk(stack.url, READ, { id }, coordinator)).erasureRequest;

/** The requests about an address, newest first. */
const requestsAbout = async (email: string): Promise<ErasureRequest[]> =>
  (await gqlOk(stack.url, `query ($e: String!) { erasureRequests(email: $e, first: 10) { nodes { ${REQUEST} } } }`, { e: email }, coordinator)).erasureRequests.nodes;

/** Polls the request until `done` holds (the worker works in the background; jest's timeout bounds the wait). */
async function until(id: string, done: (r: ErasureRequest) => boolean): Promise<ErasureRequest> {
  for (;;) {
    const request = await readRequest(id);
    if (done(request)) return request;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Each service's counts as `{ service: { what: count } }`. */
const countsOf = (r: ErasureRequest) => Object.fromEntries(r.services.map((s) => [s.service, Object.fromEntries(s.counts.map((c) => [c.what, c.count]))]));

/** An operation of docs/privacy.md by name: the examples coordinators copy must work as written. */
function documented(name: string): string {
  const blocks = [...readFileSync(path.join(REPO_ROOT, 'docs/privacy.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  const block = blocks.find((b) => new RegExp(`^(query|mutation) ${name}\\b`).test(b));
  if (!block) throw new Error(`docs/privacy.md has no operation ${name}`);
  return block;
}

const STATS = 'query ($id: ID!) { event(id: $id) { registrationStats { registrations confirmed attended cancelled } } }';
const statsOf = async (id: string) => (await gqlOk(stack.url, STATS, { id }, coordinator)).event.registrationStats;

/** Upcoming events that take registrations now (demo data). */
async function openEvents(): Promise<string[]> {
  const { events } = await gqlOk(stack.url, '{ events(filter: { upcoming: true }, first: 50) { nodes { id registrationState } } }');
  return events.nodes.filter((e: { registrationState: string }) => e.registrationState === 'OPEN').map((e: { id: string }) => e.id);
}

/** An event that ended ten days ago, with the person checked in: written as registration had written it then. */
async function pastEventAttendedBy(name: string, email: string): Promise<string> {
  const ended = new Date(Date.now() - 10 * 24 * 3600_000);
  const { createEvent } = await gqlOk(
    stack.url,
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    {
      i: {
        title: `Netzwerktreffen Weser-Ems ${randomUUID().slice(0, 8)}`,
        kind: 'NETZWERKTREFFEN',
        startsAt: new Date(ended.getTime() - 4 * 3600_000).toISOString(),
        endsAt: ended.toISOString(),
        city: 'Oldenburg',
        regionCode: '03403',
        organizerIds: [PARTNER_A],
      },
    },
    coordinator,
  );
  await gqlOk(stack.url, 'mutation ($id: ID!) { publishEvent(id: $id) { status } }', { id: createEvent.id }, coordinator);
  await stack.subgraphs.events.ds.query(
    `INSERT INTO registration (event_id, name, email, organisation, region_code, needs, status, consent_at, consent_ip, confirmed_at, checked_in_at)
     VALUES ($1, $2, $3, 'Stadt Oldenburg', '03403', '{"childcare": true}', 'ATTENDED', $4, '203.0.113.9', $4, $5),
            ($1, 'Kollegin', $6, 'Stadt Oldenburg', '03403', '{}', 'ATTENDED', $4, NULL, $4, $5)`,
    [createEvent.id, name, email, new Date(ended.getTime() - 30 * 24 * 3600_000), ended, `kollegin.${randomUUID()}@example.org`],
  );
  return createEvent.id;
}

/**
 * A person with data in every service: an editor account, a contact-person entry, registrations
 * (one checked in at an event to come, one confirmed, one at a past event) and a confirmed
 * newsletter subscription.
 */
async function personEverywhere() {
  const id = randomUUID().slice(0, 8);
  const name = `Aylin Yılmaz ${id}`;
  const email = `Aylin.Yilmaz.${id}@beispiel.de`;
  await gqlOk(stack.url, 'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }', {
    i: { email, displayName: name, role: 'PARTNER_EDITOR', partnerId: PARTNER_B, password: 'ein-langes-passwort-1' },
  }, coordinator);
  await gqlOk(stack.url, 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { id } }', {
    i: { partnerId: PARTNER_A, name, role: 'Beraterin', email: email.toLowerCase(), phone: '+49 511 0000777' },
  }, coordinator);

  const [checkedIn, confirmed] = await openEvents();
  const registered: string[] = [];
  for (const eventId of [checkedIn, confirmed]) {
    const { registerForEvent } = await gqlOk(stack.url, 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { id status } }', {
      i: { eventId, name, email, regionCode: '03241', consent: true, needs: { childcare: true } },
    });
    expect(registerForEvent.status).toBe('CONFIRMED');
    registered.push(registerForEvent.id);
  }
  await gqlOk(stack.url, 'mutation ($id: ID!) { checkInRegistration(id: $id) { status } }', { id: registered[0] }, coordinator);
  const past = await pastEventAttendedBy(name, email);

  await gqlOk(stack.url, 'mutation ($i: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $i) { message } }', { i: { email, name, topics: ['gewaltschutz'] } });
  const [{ text }] = await stack.subgraphs.newsletter.ds.query(`SELECT message->>'text' AS text FROM outbox_mail WHERE lower(message->>'to') = lower($1)`, [email]);
  const token = /confirm\?token=([A-Za-z0-9_-]+)/.exec(text)![1];
  await gqlOk(stack.url, 'mutation ($t: String!) { confirmSubscription(token: $t) { subscription { status } } }', { t: token });
  return { name, email, events: { checkedIn, confirmed, past } };
}

/** Rows in any table of any service's database whose text holds `needle` (letter case ignored). */
async function traces(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const [service, sg] of Object.entries(stack.subgraphs)) {
    const tables: { table_name: string }[] = await sg.ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    for (const { table_name } of tables) {
      const [{ hits }] = await sg.ds.query(`SELECT count(*)::int AS hits FROM "${table_name}" t WHERE t::text ILIKE $1`, [`%${needle}%`]);
      if (hits) found.push(`${service}.${table_name}: ${hits}`);
    }
  }
  return found;
}

const NOTHING_LEFT = (email: string) => ({
  email: email.toLowerCase(),
  account: null,
  contactPersons: { totalCount: 0, nodes: [] },
  registrations: { totalCount: 0, nodes: [] },
  registrationMails: { totalCount: 0 },
  newsletterSubscription: null,
  newsletterConsentProofs: { totalCount: 0 },
  newsletterMails: { totalCount: 0 },
});

const ERASED_NOTHING = {
  partners: { accountsAnonymised: 0, contactPersonsDeleted: 0 },
  events: { registrationsAnonymised: 0, registrationsCancelled: 0, mailsWithdrawn: 0, mailsScrubbed: 0 },
  newsletter: { subscriptionsDeleted: 0, consentProofsDeleted: 0, mailsWithdrawn: 0, mailsScrubbed: 0 },
};

test('one query exports what every service holds; an erasure with only __typename selected erases it in every service; statistics still count; again is DONE with zeros', async () => {
  const p = await personEverywhere();
  const { dataSubject } = await gqlOk(stack.url, EXPORT, { e: p.email.toUpperCase() }, coordinator);
  expect(dataSubject).toMatchObject({
    email: p.email.toLowerCase(),
    account: { email: p.email.toLowerCase(), role: 'PARTNER_EDITOR', disabled: false },
    contactPersons: { totalCount: 1, nodes: [{ name: p.name, email: p.email.toLowerCase(), partner: { slug: 'g-mit-niedersachsen' } }] },
    registrations: { totalCount: 3 },
    newsletterSubscription: { email: p.email.toLowerCase(), status: 'CONFIRMED', topics: [{ slug: 'gewaltschutz' }], consent: { consentTextVersion: expect.any(String) } },
    newsletterConsentProofs: { totalCount: 1 },
    newsletterMails: { totalCount: 1 },
  });
  expect(dataSubject.registrations.nodes.map((r: { event: { id: string } }) => r.event.id).sort()).toEqual(Object.values(p.events).sort());
  expect(dataSubject.registrations.nodes.every((r: { name: string; needs: { childcare: boolean } }) => r.name === p.name && r.needs.childcare)).toBe(true);
  expect(dataSubject.registrationMails.totalCount).toBeGreaterThanOrEqual(2);
  // The documented export selects every field of every service and runs as written.
  const documentedExport = (await gqlOk(stack.url, documented('Auskunft'), { email: p.email }, coordinator)).dataSubject;
  expect(Object.keys(documentedExport).sort()).toEqual(Object.keys(dataSubject).sort());
  expect(documentedExport.registrations.nodes[0]).toMatchObject({ name: p.name, consentIpAddress: expect.any(String), event: { title: expect.any(String) } });

  const before = { checkedIn: await statsOf(p.events.checkedIn), confirmed: await statsOf(p.events.confirmed), past: await statsOf(p.events.past) };
  // Nothing selected but the type: the erasure happens all the same.
  const erased = await gql(stack.url, 'mutation ($e: String!) { eraseDataSubject(email: $e) { __typename } }', { e: p.email }, coordinator);
  expect(erased.errors).toBeUndefined();
  expect(erased.data.eraseDataSubject).toEqual({ __typename: 'ErasureRequest' });
  const [stored] = await requestsAbout(p.email);
  const request = await until(stored.id, (r) => r.status !== 'PENDING');
  expect(request).toMatchObject({ status: 'DONE', requestedBy: { email: ADMIN.email }, completedAt: expect.any(String) });
  expect(request.services.map((s) => [s.service, s.status])).toEqual(ERASURE_PARTICIPANTS.slice().sort().map((s) => [s, 'DONE']));
  expect(countsOf(request)).toEqual({
    partners: { accountsAnonymised: 1, contactPersonsDeleted: 1 },
    events: { registrationsAnonymised: 3, registrationsCancelled: 1, mailsWithdrawn: expect.any(Number), mailsScrubbed: expect.any(Number) },
    newsletter: { subscriptionsDeleted: 1, consentProofsDeleted: 1, mailsWithdrawn: expect.any(Number), mailsScrubbed: expect.any(Number) },
  });

  // The export is empty in every service; nothing in any database holds the address or the name.
  expect((await gqlOk(stack.url, EXPORT, { e: p.email }, coordinator)).dataSubject).toEqual(NOTHING_LEFT(p.email));
  expect(await traces(p.email)).toEqual([]);
  expect(await traces(p.name)).toEqual([]);

  // Counts for funders: checked in and past attendance stay; the seat still to come was given back.
  expect(await statsOf(p.events.checkedIn)).toEqual(before.checkedIn);
  expect(await statsOf(p.events.past)).toEqual(before.past);
  expect(before.past).toMatchObject({ registrations: 2, attended: 2 });
  expect(await statsOf(p.events.confirmed)).toEqual({ ...before.confirmed, registrations: before.confirmed.registrations - 1, confirmed: before.confirmed.confirmed - 1, cancelled: before.confirmed.cancelled + 1 });

  // Each service recorded its erasure under the request's id, by the erasure coordinator, with counts only;
  // the partners service recorded who asked and what each service did.
  for (const service of ERASURE_PARTICIPANTS) {
    const entries = await stack.subgraphs[service].ds.query(`SELECT actor_role, changes FROM audit_entry WHERE entity_type = 'DataSubject' AND action = 'ERASE' AND entity_id = $1`, [request.id]);
    expect([service, entries.length, entries[0]?.actor_role]).toEqual([service, 1, 'SYSTEM']);
  }
  const proof = await stack.subgraphs.partners.ds.query(`SELECT action, actor_role FROM audit_entry WHERE entity_type = 'ErasureRequest' AND entity_id = $1 ORDER BY at`, [request.id]);
  expect(proof).toEqual([
    { action: 'REQUEST', actor_role: 'COORDINATOR' },
    { action: 'COMPLETE', actor_role: 'SYSTEM' },
  ]);

  // Erasing again: a new request, DONE, with zero counts everywhere.
  const again = (await gqlOk(stack.url, ERASE, { e: p.email }, coordinator)).eraseDataSubject;
  expect(again.id).not.toBe(request.id);
  const second = await until(again.id, (r) => r.status !== 'PENDING');
  expect(second.status).toBe('DONE');
  expect(countsOf(second)).toEqual(ERASED_NOTHING);
});

test('erased while the newsletter subgraph is stopped: newsletter PENDING, the others DONE; after it is back the request reaches DONE by itself within seconds', async () => {
  const p = await personEverywhere();
  const start = await stopHttp(stack.subgraphs.newsletter);
  let request: ErasureRequest;
  let backAt: number;
  try {
    const res = await gql(stack.url, ERASE, { e: p.email }, coordinator);
    expect(res.errors).toBeUndefined();
    request = res.data.eraseDataSubject;
    expect(request.status).toBe('PENDING');
    expect(request.services.find((s) => s.service === 'newsletter')).toMatchObject({ status: 'PENDING', reason: expect.stringMatching(/^SERVICE_UNAVAILABLE: The newsletter service/) });
    // The others confirm (at once, unless the machine is slow); the worker keeps calling the
    // newsletter service while it is down, and the request never reports DONE meanwhile.
    const retried = await until(request.id, (r) => r.services.find((s) => s.service === 'newsletter')!.attempts >= 2 && r.services.filter((s) => s.service !== 'newsletter').every((s) => s.status === 'DONE'));
    expect(retried.status).toBe('PENDING');
    expect(retried.services.map((s) => [s.service, s.status])).toEqual([
      ['events', 'DONE'],
      ['newsletter', 'PENDING'],
      ['partners', 'DONE'],
    ]);
    expect((await stack.subgraphs.newsletter.ds.query('SELECT count(*)::int AS n FROM subscriber WHERE lower(email) = lower($1)', [p.email]))[0].n).toBe(1);
  } finally {
    await start();
    backAt = Date.now();
  }

  const done = await until(request.id, (r) => r.status !== 'PENDING');
  const completedAfterMs = Date.now() - backAt;
  console.log(`erasure request ${request.id}: DONE ${completedAfterMs} ms after the newsletter subgraph was back (ERASURE_RETRY_SECONDS=${RETRY_SECONDS}, worker polls every second)`);
  expect(done.status).toBe('DONE');
  expect(countsOf(done).newsletter).toMatchObject({ subscriptionsDeleted: 1, consentProofsDeleted: 1 });
  expect((await gqlOk(stack.url, EXPORT, { e: p.email }, coordinator)).dataSubject).toEqual(NOTHING_LEFT(p.email));
  expect(await traces(p.email)).toEqual([]);
});

test('a DataSubjectErasure representation sent to any subgraph directly erases nothing', async () => {
  const p = await personEverywhere();
  for (const s of SUBGRAPHS) {
    const sg = stack.subgraphs[s.name];
    const headers = await asPrincipal({ role: 'COORDINATOR', subject: '00000000-0000-4000-8000-00000000c001' }, s.name);
    for (const selection of ['__typename', `${s.name} { __typename }`]) {
      const res = await gql(sg.url, entitiesQuery('DataSubjectErasure', selection), { r: [{ __typename: 'DataSubjectErasure', email: p.email }] }, headers);
      expect([s.name, res.data?._entities ?? null, res.errors?.[0].extensions?.code]).toEqual([s.name, null, 'GRAPHQL_VALIDATION_FAILED']);
    }
  }
  const { dataSubject } = await gqlOk(stack.url, EXPORT, { e: p.email }, coordinator);
  expect(dataSubject).toMatchObject({ account: { disabled: false }, contactPersons: { totalCount: 1 }, registrations: { totalCount: 3 }, newsletterSubscription: { status: 'CONFIRMED' } });
});

test('the erasure coordinator’s principal (signed by the partners service) reaches the erasure mutations through the gateway, and nothing else', async () => {
  const worker = { authorization: `Bearer ${await signUserToken(await signingKey(TEST_KEYS.user.privateKey), ERASURE_COORDINATOR, 60)}` };
  const p = await personEverywhere();
  for (const query of [
    '{ accounts { totalCount } }',
    `query { dataSubject(email: "${p.email}") { registrations { totalCount } } }`,
    `mutation { eraseDataSubject(email: "${p.email}") { id } }`,
    '{ erasureRequests { totalCount } }',
  ]) {
    const res = await gql(stack.url, query, {}, worker);
    expect([query, res.errors?.[0].extensions?.code]).toEqual([query, 'FORBIDDEN']);
  }
  // What the coordinator does for a request: the service erases and answers its counts.
  const res = await gqlOk(
    stack.url,
    `mutation ($r: ID!, $e: String!) { ${erasureMutationName('newsletter')}(requestId: $r, email: $e) { service counts { what count } } }`,
    { r: randomUUID(), e: p.email },
    worker,
  );
  expect(res[erasureMutationName('newsletter')]).toMatchObject({ service: 'newsletter', counts: expect.arrayContaining([{ what: 'subscriptionsDeleted', count: 1 }]) });
});

test('bad input: an invalid address is BAD_USER_INPUT, your own address CANNOT_ERASE_OWN_DATA, an unknown address a DONE request with zero counts', async () => {
  for (const e of ['keine-adresse', '  ', 'anna@']) {
    const res = await gql(stack.url, ERASE, { e }, coordinator);
    expect([e, res.errors?.[0].extensions]).toEqual([e, expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'email' })]);
  }
  const own = await gql(stack.url, ERASE, { e: ADMIN.email.toUpperCase() }, coordinator);
  expect(own.errors?.[0]).toMatchObject({ message: expect.stringMatching(/own data/), extensions: { code: 'CANNOT_ERASE_OWN_DATA', field: 'email' } });
  expect((await gqlOk(stack.url, '{ me { email disabled } }', {}, coordinator)).me).toEqual({ email: ADMIN.email, disabled: false });
  expect(await requestsAbout(ADMIN.email)).toEqual([]);

  const unknown = `niemand.${randomUUID()}@beispiel.de`;
  const { eraseDataSubject } = await gqlOk(stack.url, ERASE, { e: unknown }, coordinator);
  const request = await until(eraseDataSubject.id, (r) => r.status !== 'PENDING');
  expect(request.status).toBe('DONE');
  expect(countsOf(request)).toEqual(ERASED_NOTHING);
});

test('the JSON download has every service’s part of the person’s data and nobody else’s; coordinators only; no partial file', async () => {
  const p = await personEverywhere();
  const download = (email: unknown, headers: Record<string, string> = coordinator) =>
    fetch(new URL('/privacy/export', stack.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email }) });
  const res = await download(p.email.toUpperCase());
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="datenauskunft-\d{4}-\d{2}-\d{2}\.json"$/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const file = (await res.json()) as any;
  expect(file).toMatchObject({ email: p.email.toLowerCase(), exportedAt: expect.any(String) });
  // Every service that holds personal data is in it, with every field it adds to DataSubject.
  expect(Object.keys(file.services).sort()).toEqual(ERASURE_PARTICIPANTS.slice().sort());
  const { __type } = await gqlOk(stack.url, '{ __type(name: "DataSubject") { fields { name } } }', {}, coordinator);
  expect(Object.values(file.services).flatMap((part) => Object.keys(part as object)).sort()).toEqual(
    __type.fields.map((f: { name: string }) => f.name).filter((f: string) => f !== 'email').sort(),
  );
  expect(file.services.partners.account).toMatchObject({ email: p.email.toLowerCase(), displayName: p.name, role: 'PARTNER_EDITOR' });
  expect(file.services.partners.contactPersons).toMatchObject({ totalCount: 1, nodes: [{ name: p.name, phone: '+49 511 0000777', partner: { name: expect.any(String) } }] });
  expect(file.services.events.registrations.totalCount).toBe(3);
  expect(file.services.events.registrations.nodes).toHaveLength(3);
  expect(file.services.events.registrations.nodes[0]).toMatchObject({ name: p.name, needs: { childcare: true }, event: { id: expect.any(String), title: expect.any(String) } });
  expect(file.services.newsletter.newsletterSubscription).toMatchObject({ email: p.email.toLowerCase(), status: 'CONFIRMED' });
  expect(file.services.newsletter.newsletterConsentProofs.totalCount).toBe(1);
  // Nobody else's data: the colleague at the past event is not in the file, nor are the event's registrations or attendee list.
  const text = JSON.stringify(file);
  expect(text).not.toMatch(/kollegin\./);
  expect(text).not.toMatch(/attendeeListCsv/);

  // Only coordinators; bad input; no file while a service's part is missing.
  const callers = await setUpCallers(stack.url, `-export-${randomUUID().slice(0, 8)}`);
  expect((await download(p.email, {})).status).toBe(401);
  expect((await download(p.email, callers.headers.apiKey)).status).toBe(401);
  expect((await download(p.email, callers.headers.editorA)).status).toBe(403);
  expect((await download('keine-adresse')).status).toBe(400);
  expect((await download(undefined)).status).toBe(400);
  const start = await stopHttp(stack.subgraphs.events);
  try {
    const missing = await download(p.email);
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as any).errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'events' });
  } finally {
    await start();
  }
});

test('the documented export selects every field that any service contributes; the documented erasure runs as written', async () => {
  const fieldsOf = async (type: string) =>
    (await gqlOk(stack.url, 'query ($t: String!) { __type(name: $t) { fields { name } } }', { t: type }, coordinator)).__type.fields.map((f: { name: string }) => f.name).sort();
  const op = parse(documented('Auskunft')).definitions[0] as OperationDefinitionNode;
  const root = op.selectionSet.selections[0] as FieldNode;
  expect(root.selectionSet!.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD).map((f) => f.name.value).sort()).toEqual(await fieldsOf('DataSubject'));
  // The old erasure entity is gone from the graph.
  expect((await gqlOk(stack.url, '{ __type(name: "DataSubjectErasure") { name } }', {}, coordinator)).__type).toBeNull();

  const { eraseDataSubject } = await gqlOk(stack.url, documented('Loeschung'), { email: `niemand.${randomUUID()}@beispiel.de` }, coordinator);
  expect(eraseDataSubject).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/^(PENDING|DONE)$/) });
  const { erasureRequest } = await gqlOk(stack.url, documented('Loeschstand'), { id: eraseDataSubject.id }, coordinator);
  expect(erasureRequest.id).toBe(eraseDataSubject.id);
});
