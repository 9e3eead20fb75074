import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditEntry, type Clock } from '@mitgen/subgraph-kit';
import { callErasure, countsOf, entitiesQuery, forgedPrincipal, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { eventsEnv } from '../env';
import { demoLookup, eventsSubgraphWith } from '../test/fake-lookup';
import { as, makeEvent, register, tokenIn } from '../test/helpers';
import { createRegistrationRetention } from './retention';

// The events service's part of the privacy export and erasure, and the retention that anonymises
// registrations after their event, with an injected clock.

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A clock the tests set; starts at the real time (events are made relative to it). */
const clock = (() => {
  let now = new Date();
  return { now: () => now, set: (at: Date) => void (now = at), reset: () => void (now = new Date()) } satisfies Clock & Record<string, unknown>;
})();
const at = (ms: number) => new Date(clock.now().getTime() + ms);

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraphWith(demoLookup()), { MAIL_WORKER: 'false', PUBLIC_WEB_URL: 'https://mitgen.example' }, { clock });
});
afterAll(() => sg?.stop());
beforeEach(() => clock.reset());

let n = 0;
const personEmail = () => `Aylin.Yilmaz.${++n}@Example.org`;
/** The client as the gateway passes it on (recorded as consent details). */
const CLIENT = { 'x-mitgen-client-ip': '203.0.113.7', 'x-mitgen-client-ua': 'Mozilla/5.0 (Privacy-Test)' };

async function registerOk(input: Record<string, unknown>) {
  const res = await register(sg.url, { name: 'Aylin Yılmaz', organisation: 'Frauenberatung Osnabrück', regionCode: '03404', ...input }, CLIENT);
  expect(res.errors).toBeUndefined();
  return res.data.registerForEvent as { id: string; status: string };
}

const SUBJECT = `registrations(first: 50) { totalCount nodes { id status waitlistPosition name email organisation region { code }
    needs { accessibility childcare childcareDetails } sessions { status session { title } } event { id title }
    createdAt consentAt confirmedAt consentIpAddress consentUserAgent anonymisedAt } }
  registrationMails { totalCount nodes { subject status } }`;
const exportOf = async (email: string) =>
  (await gqlOk(sg.url, entitiesQuery('DataSubject', SUBJECT), { r: [{ __typename: 'DataSubject', email }] }, await as.coordinator()))._entities[0];

/** This service's part of an erasure request, as the erasure coordinator calls it. */
const erase = async (email: string, requestId = randomUUID()) => countsOf(await callErasure(sg.url, 'events', email, { requestId }));

const STATS = 'query ($id: ID!) { event(id: $id) { registrationStats { registrations confirmed waitlisted attended cancelled byRegion { region { code } registrations attended } } } }';
const statsOf = async (id: string) => (await gqlOk(sg.url, STATS, { id }, await as.coordinator())).event.registrationStats;

test('the export lists every registration of an address, in any letter case, with event, sessions, needs, status, dates and mails', async () => {
  const email = personEmail();
  const { event: a, sessions } = await makeEvent(sg, {}, [{ capacity: 5, title: 'Thementisch Gewaltschutz' }]);
  const { event: b } = await makeEvent(sg, { capacity: 1 });
  await registerOk({ eventId: b.id, email: `andere.${n}@example.org` });
  await registerOk({ eventId: a.id, email, sessionIds: [sessions[0].id], needs: { accessibility: 'Rollstuhl', childcare: true, childcareDetails: '1 Kind, 4 Jahre' } });
  await registerOk({ eventId: b.id, email: email.toUpperCase() });

  const subject = await exportOf(email.toLowerCase());
  expect(subject.registrations.totalCount).toBe(2);
  const [waiting, confirmed] = subject.registrations.nodes; // newest first
  expect(waiting).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1, email: email.toLowerCase(), event: { id: b.id }, confirmedAt: null });
  expect(confirmed).toMatchObject({
    status: 'CONFIRMED',
    name: 'Aylin Yılmaz',
    email: email.toLowerCase(),
    organisation: 'Frauenberatung Osnabrück',
    region: { code: '03404' },
    needs: { accessibility: 'Rollstuhl', childcare: true, childcareDetails: '1 Kind, 4 Jahre' },
    sessions: [{ status: 'CONFIRMED', session: { title: 'Thementisch Gewaltschutz' } }],
    event: { id: a.id, title: a.title },
    consentIpAddress: '203.0.113.7',
    consentUserAgent: 'Mozilla/5.0 (Privacy-Test)',
    anonymisedAt: null,
  });
  expect(confirmed.createdAt && confirmed.consentAt && confirmed.confirmedAt).toBeTruthy();
  expect(subject.registrationMails.totalCount).toBe(2);
  expect(subject.registrationMails.nodes.map((m: { subject: string }) => m.subject).sort()).toEqual([`Anmeldung bestätigt: ${a.title}`, `Warteliste: ${b.title}`]);
});

test('only coordinators export, only the erasure coordinator erases: nobody else gets anything through `_entities` or the erasure mutation', async () => {
  const email = personEmail();
  const { event } = await makeEvent(sg); // organised by partner A
  await registerOk({ eventId: event.id, email });
  const forged = await forgedPrincipal({ role: 'COORDINATOR', subject: '00000000-0000-4000-8000-00000000c00d' }, 'events');
  const callers: Array<[string, Record<string, string>, string]> = [
    ['anonymous', await as.anonymous(), 'UNAUTHENTICATED'],
    ['API key of partner A', await as.apiKeyA(), 'UNAUTHENTICATED'],
    ['forged coordinator', forged, 'UNAUTHENTICATED'],
    ['editor of the organising partner', await as.editorA(), 'FORBIDDEN'],
    ['editor of another partner', await as.editorB(), 'FORBIDDEN'],
  ];
  for (const [who, headers, code] of callers) {
    const exported = await gql(sg.url, entitiesQuery('DataSubject', 'registrations { totalCount nodes { name } } registrationMails { totalCount }'), { r: [{ __typename: 'DataSubject', email }] }, headers);
    expect([who, exported.data._entities, exported.errors?.[0].extensions?.code]).toEqual([who, [{ registrations: null, registrationMails: null }], code]);
    const erased = await callErasure(sg.url, 'events', email, { headers });
    expect([who, erased.data?.erasure ?? null, erased.errors?.[0].extensions?.code]).toEqual([who, null, code]);
  }
  // Coordinators too: an erasure runs only for a stored request (eraseDataSubject), never ad hoc.
  const byCoordinator = await callErasure(sg.url, 'events', email, { headers: await as.coordinator() });
  expect([byCoordinator.data?.erasure, byCoordinator.errors?.[0].extensions?.code]).toEqual([null, 'FORBIDDEN']);
  // The old erasure entity is gone: a representation of it reaches nothing that could erase.
  const entity = await gql(sg.url, entitiesQuery('DataSubjectErasure', '__typename'), { r: [{ __typename: 'DataSubjectErasure', email }] }, await as.coordinator());
  expect(entity.errors?.length).toBeGreaterThan(0);
  // Consent details are for the coordination, not for partner organisers.
  const { event: listed } = await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { registrations { nodes { name consentIpAddress confirmedAt } } } }', { id: event.id }, await as.editorA());
  expect(listed.registrations.nodes).toEqual([{ name: 'Aylin Yılmaz', consentIpAddress: null, confirmedAt: expect.any(String) }]);
  expect((await exportOf(email)).registrations.nodes[0]).toMatchObject({ name: 'Aylin Yılmaz', status: 'CONFIRMED' });
});

test('the export costs the same number of SQL statements for one registration or six', async () => {
  const count = async (registrations: number) => {
    const email = personEmail();
    for (let i = 0; i < registrations; i++) {
      const { event, sessions } = await makeEvent(sg, {}, [{ capacity: 3 }]);
      await registerOk({ eventId: event.id, email, sessionIds: [sessions[0].id], needs: { childcare: true } });
    }
    sg.counter.reset();
    const subject = await exportOf(email);
    expect(subject.registrations.totalCount).toBe(registrations);
    return sg.counter.count;
  };
  const one = await count(1);
  expect(await count(6)).toBe(one);
});

test('erasure cancels what is still to come (the next person moves up), anonymises what is over, keeps the counts, and is idempotent', async () => {
  const email = personEmail();
  // An event that will be over when the erasure runs, and one still to come with a full seat.
  const { event: past } = await makeEvent(sg, { startsAt: at(HOUR), endsAt: at(2 * HOUR) });
  const { event: coming, sessions } = await makeEvent(sg, { capacity: 1 }, [{ capacity: 1, title: 'Thementisch 1' }]);
  const attended = await registerOk({ eventId: past.id, email, needs: { accessibility: 'Rollstuhl' } });
  await registerOk({ eventId: past.id, email: `kollegin.${n}@example.org` });
  await gqlOk(sg.url, 'mutation ($id: ID!) { checkInRegistration(id: $id) { status } }', { id: attended.id }, await as.coordinator());
  await registerOk({ eventId: coming.id, email: email.toLowerCase(), sessionIds: [sessions[0].id] });
  const next = `naechste.${n}@example.org`;
  await registerOk({ eventId: coming.id, email: next, sessionIds: [sessions[0].id] });
  // One mail already went out (its content must go), the others are still pending (they must never go).
  await sg.ds.query(`UPDATE outbox_mail SET status = 'SENT', sent_at = now() WHERE dedupe_key = $1`, [`registration:${attended.id}:confirmed`]);
  const [{ text }] = await sg.ds.query(`SELECT message->>'text' AS text FROM outbox_mail WHERE lower(message->>'to') = lower($1) AND status = 'PENDING' LIMIT 1`, [email]);
  const manageToken = tokenIn({ text });

  clock.set(at(5 * DAY)); // the first event is over now
  const before = await statsOf(past.id);
  const requestId = randomUUID();
  const report = await erase(email.toLowerCase(), requestId);
  expect(report).toEqual({ registrationsAnonymised: 2, registrationsCancelled: 1, mailsWithdrawn: 1, mailsScrubbed: 1 });

  // Nothing is left under the address, and nothing opens with the old manage link.
  expect(await exportOf(email)).toEqual({ registrations: { totalCount: 0, nodes: [] }, registrationMails: { totalCount: 0, nodes: [] } });
  expect((await gql(sg.url, 'query ($t: String!) { registration(token: $t) { id } }', { t: manageToken })).errors?.[0].extensions?.code).toBe('NOT_FOUND');

  // The event that is over counts exactly as before; the row stays, without anything personal.
  expect(await statsOf(past.id)).toEqual(before);
  expect(before).toMatchObject({ registrations: 2, attended: 1, byRegion: [{ region: { code: '03404' }, registrations: 2, attended: 1 }] });
  const { event: listed } = await gqlOk(
    sg.url,
    'query ($id: ID!) { event(id: $id) { registrations { nodes { id status name email organisation needs { accessibility } anonymisedAt } } } }',
    { id: past.id },
    await as.coordinator(),
  );
  expect(listed.registrations.nodes.find((r: { id: string }) => r.id === attended.id)).toEqual({
    id: attended.id,
    status: 'ATTENDED',
    name: null,
    email: null,
    organisation: null,
    needs: { accessibility: null },
    anonymisedAt: clock.now().toISOString(),
  });

  const { event: csv } = await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { attendeeListCsv(status: [ATTENDED, CONFIRMED]) } }', { id: past.id }, await as.coordinator());
  expect(csv.attendeeListCsv.trim().split('\r\n')).toHaveLength(2); // the header and the colleague: a list of people
  expect(csv.attendeeListCsv).toContain(`kollegin.${n}@example.org`);

  // The event still to come: the seat and the theme-table place went to the next person, with a mail.
  const { event: upcoming } = await gqlOk(
    sg.url,
    'query ($id: ID!) { event(id: $id) { registrationStats { registrations confirmed waitlisted cancelled } registrations { nodes { email status sessions { status } } } } }',
    { id: coming.id },
    await as.coordinator(),
  );
  expect(upcoming.registrationStats).toEqual({ registrations: 1, confirmed: 1, waitlisted: 0, cancelled: 1 });
  expect(upcoming.registrations.nodes).toEqual([
    { email: null, status: 'CANCELLED', sessions: [] },
    { email: next, status: 'CONFIRMED', sessions: [{ status: 'CONFIRMED' }] },
  ]);
  const [{ promoted }] = await sg.ds.query(`SELECT count(*)::int AS promoted FROM outbox_mail WHERE message->>'to' = $1 AND message->>'subject' LIKE 'Sie sind nachgerückt%'`, [next]);
  expect(promoted).toBe(1);

  // Nothing in this service's database holds the address any more; the audit log says what was done.
  const tables: { table_name: string }[] = await sg.ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  for (const { table_name } of tables) {
    const [{ hits }] = await sg.ds.query(`SELECT count(*)::int AS hits FROM "${table_name}" t WHERE t::text ILIKE $1`, [`%${email}%`]);
    expect([table_name, hits]).toEqual([table_name, 0]);
  }
  const [entry] = await sg.ds.getRepository(AuditEntry).find({ where: { entityType: 'DataSubject', action: 'ERASE' }, order: { at: 'DESC' } });
  expect(entry).toMatchObject({ entityId: requestId, actorRole: 'SYSTEM', changes: { ...report, registrations: expect.arrayContaining([attended.id]) } });

  // Another attempt for the same request (its answer got lost) still reports what the request did;
  // a new request finds nothing left.
  expect(await erase(email, requestId)).toEqual(report);
  expect(await erase(email)).toEqual({ registrationsAnonymised: 0, registrationsCancelled: 0, mailsWithdrawn: 0, mailsScrubbed: 0 });
});

test('retention anonymises registrations once their event ended longer ago than the retention time, by itself', async () => {
  const retention = createRegistrationRetention({ ds: sg.ds, clock, log: sg.log, days: 90 });
  // Registrations of the other tests' events are out of the way first.
  clock.set(at(3 * 365 * DAY));
  await retention.runOnce();
  clock.reset();

  const { event: early } = await makeEvent(sg, { startsAt: at(HOUR), endsAt: at(2 * HOUR) });
  const { event: later } = await makeEvent(sg, { startsAt: at(10 * DAY), endsAt: at(10 * DAY + 2 * HOUR) });
  const e1 = personEmail();
  const e2 = personEmail();
  for (const email of [e1, e2]) for (const event of [early, later]) await registerOk({ eventId: event.id, email });
  await sg.ds.query(`UPDATE outbox_mail SET status = 'SENT' WHERE lower(message->>'to') = ANY($1)`, [[e1.toLowerCase(), e2.toLowerCase()]]);

  // 89 days after the first event: nothing is due yet.
  clock.set(new Date(early.endsAt.getTime() + 89 * DAY));
  expect(await retention.runOnce()).toEqual({ registrations: 0, events: 0 });

  // 91 days after it: its registrations lose their personal data, the later event's keep theirs.
  clock.set(new Date(early.endsAt.getTime() + 91 * DAY));
  const before = await statsOf(early.id);
  expect(await retention.runOnce()).toEqual({ registrations: 2, events: 1 });
  expect(await statsOf(early.id)).toEqual(before);
  const rows = async (eventId: string) =>
    sg.ds.query('SELECT name, email, organisation, needs, consent_ip, anonymised_at FROM registration WHERE event_id = $1', [eventId]) as Promise<Record<string, unknown>[]>;
  expect(await rows(early.id)).toEqual([
    { name: null, email: null, organisation: null, needs: {}, consent_ip: null, anonymised_at: clock.now() },
    { name: null, email: null, organisation: null, needs: {}, consent_ip: null, anonymised_at: clock.now() },
  ]);
  expect((await rows(later.id)).map((r) => r.name)).toEqual(['Aylin Yılmaz', 'Aylin Yılmaz']);
  // Their mails lost their content too; the later event's mails keep theirs.
  const [{ scrubbed, kept }] = await sg.ds.query(
    `SELECT count(*) FILTER (WHERE message ? 'scrubbed')::int AS scrubbed, count(*) FILTER (WHERE NOT message ? 'scrubbed')::int AS kept
       FROM outbox_mail WHERE dedupe_key LIKE ANY($1)`,
    [[...(await sg.ds.query('SELECT id FROM registration WHERE event_id = ANY($1)', [[early.id, later.id]])).map((r: { id: string }) => `registration:${r.id}:%`)]],
  );
  expect({ scrubbed, kept }).toEqual({ scrubbed: 2, kept: 2 });
  // The organisers see in the event's log why the names are gone.
  const { event } = await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { auditLog { nodes { action actorId actorRole changes } } } }', { id: early.id }, await as.editorA());
  expect(event.auditLog.nodes[0]).toEqual({ action: 'ANONYMISE_REGISTRATIONS', actorId: null, actorRole: 'SYSTEM', changes: { registrations: 2, retentionDays: 90 } });
  expect(await retention.runOnce()).toEqual({ registrations: 0, events: 0 });

  // The service runs it by itself where its worker runs, with the configured number of days.
  clock.set(new Date(later.endsAt.getTime() + 31 * DAY));
  const mailDir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-retention-'));
  const worker = await startTestSubgraph(eventsSubgraphWith(demoLookup()), { DATABASE_URL: sg.env.DATABASE_URL, REGISTRATION_RETENTION_DAYS: '30', MAIL_DIR: mailDir, MAIL_WORKER: 'true' }, { clock });
  try {
    const deadline = Date.now() + 20_000;
    while ((await rows(later.id)).some((r) => r.name !== null) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await rows(later.id)).map((r) => r.name)).toEqual([null, null]);
  } finally {
    await worker.stop();
    rmSync(mailDir, { recursive: true, force: true });
  }
});

test('the retention time is a setting of at least one day, 90 by default', () => {
  const base = { DATABASE_URL: 'postgres://localhost/x' };
  expect(eventsEnv.parse(base).REGISTRATION_RETENTION_DAYS).toBe(90);
  expect(eventsEnv.parse({ ...base, REGISTRATION_RETENTION_DAYS: '30' }).REGISTRATION_RETENTION_DAYS).toBe(30);
  expect(eventsEnv.safeParse({ ...base, REGISTRATION_RETENTION_DAYS: '0' }).success).toBe(false);
});
