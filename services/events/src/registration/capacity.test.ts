import { gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { eventsSubgraph } from '../subgraph';
import { makeEvent, register, tokenIn } from '../test/helpers';

// Capacity under contention, as in production: two instances of the service on one database,
// 300 people registering at the same moment, cancellations racing each other. The row lock on the
// event must hand out every seat exactly once and keep the waiting lists gapless.

let a: TestSubgraph;
let b: TestSubgraph;
beforeAll(async () => {
  // No mail worker: the mails stay in the outbox, where the test reads the manage links. Default
  // pool size (10): the burst must not exhaust it.
  const settings = { MAIL_WORKER: 'false' };
  a = await startTestSubgraph(eventsSubgraph, settings);
  b = await startTestSubgraph(eventsSubgraph, { ...settings, DATABASE_URL: a.env.DATABASE_URL });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const instance = (i: number) => (i % 2 ? b : a).url;

/** Manage tokens from the outbox, by recipient. */
async function tokensByEmail(eventSlug: string): Promise<Map<string, string>> {
  const rows: { to: string; text: string }[] = await a.ds.query(
    `SELECT message->>'to' AS to, message->>'text' AS text FROM outbox_mail WHERE message->>'to' LIKE $1 ORDER BY created_at`,
    [`%.${eventSlug}@example.org`],
  );
  return new Map(rows.map((r) => [r.to, tokenIn(r)]));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

async function waitlistPlaces(eventId: string): Promise<number[]> {
  const rows = await a.ds.query(
    `SELECT row_number() OVER (ORDER BY queue_seq)::int AS place FROM registration WHERE event_id = $1 AND status = 'WAITLISTED'`,
    [eventId],
  );
  return rows.map((r: { place: number }) => r.place);
}

test('300 simultaneous registrations for 50 seats on two instances: exactly 50 confirmed, 250 waiting at places 1..250', async () => {
  const { event } = await makeEvent(a, { capacity: 50, waitlistEnabled: true });
  const emails = range(300).map((i) => `person${i}.${event.slug}@example.org`);
  const answers = await Promise.all(emails.map((email, i) => register(instance(i), { eventId: event.id, name: `Person ${i}`, email })));
  expect(answers.filter((r) => r.errors).map((r) => r.errors)).toEqual([]);
  const results = answers.map((r) => r.data.registerForEvent);
  expect(results.filter((r) => r.status === 'CONFIRMED')).toHaveLength(50);
  const waiting = results.filter((r) => r.status === 'WAITLISTED');
  expect(waiting.map((r) => r.waitlistPosition).sort((x, y) => x - y)).toEqual(range(250));

  const [counts] = await a.ds.query(
    `SELECT count(*) FILTER (WHERE status = 'CONFIRMED')::int AS confirmed, count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waiting FROM registration WHERE event_id = $1`,
    [event.id],
  );
  expect(counts).toEqual({ confirmed: 50, waiting: 250 });
  expect(await waitlistPlaces(event.id)).toEqual(range(250));
  // Every registration got exactly its one mail, in the same transaction.
  const [{ mails }] = await a.ds.query(`SELECT count(*)::int AS mails FROM outbox_mail WHERE message->>'to' LIKE $1`, [`%.${event.slug}@example.org`]);
  expect(mails).toBe(300);
  const { event: seen } = await gqlOk(a.url, 'query ($id: ID!) { event(id: $id) { seatsLeft waitlistCount registrationState } }', { id: event.id });
  expect(seen).toEqual({ seatsLeft: 0, waitlistCount: 250, registrationState: 'WAITLIST' });

  // 20 confirmed people cancel at the same moment on both instances: the first 20 waiting move up.
  const tokens = await tokensByEmail(event.slug);
  const confirmed: { email: string }[] = await a.ds.query(`SELECT email FROM registration WHERE event_id = $1 AND status = 'CONFIRMED' ORDER BY random() LIMIT 20`, [event.id]);
  const firstWaiting: { id: string }[] = await a.ds.query(`SELECT id FROM registration WHERE event_id = $1 AND status = 'WAITLISTED' ORDER BY queue_seq LIMIT 20`, [event.id]);
  const cancels = await Promise.all(
    confirmed.map((c, i) => gqlOk(instance(i), 'mutation ($t: String!) { cancelRegistration(token: $t) { status } }', { t: tokens.get(c.email) })),
  );
  expect(cancels.every((c) => c.cancelRegistration.status === 'CANCELLED')).toBe(true);
  const after: { id: string; status: string }[] = await a.ds.query(`SELECT id, status FROM registration WHERE event_id = $1`, [event.id]);
  expect(after.filter((r) => r.status === 'CONFIRMED')).toHaveLength(50);
  expect(after.filter((r) => r.status === 'CANCELLED')).toHaveLength(20);
  const promotedIds = new Set(firstWaiting.map((w) => w.id));
  expect(after.filter((r) => promotedIds.has(r.id)).every((r) => r.status === 'CONFIRMED')).toBe(true);
  expect(await waitlistPlaces(event.id)).toEqual(range(230));
  const [{ promotions }] = await a.ds.query(`SELECT count(*)::int AS promotions FROM outbox_mail WHERE dedupe_key LIKE 'registration:%:promoted' AND message->>'to' LIKE $1`, [
    `%.${event.slug}@example.org`,
  ]);
  expect(promotions).toBe(20);
});

test('the same for a theme table: 300 people choose a table of 20 seats; cancellations promote exactly as many', async () => {
  const { event, sessions } = await makeEvent(a, { capacity: null, waitlistEnabled: true }, [{ capacity: 20 }, { capacity: null }]);
  const table = sessions[0].id;
  const emails = range(300).map((i) => `guest${i}.${event.slug}@example.org`);
  const answers = await Promise.all(
    emails.map((email, i) => register(instance(i), { eventId: event.id, name: `Gast ${i}`, email, sessionIds: i % 3 ? [table] : [table, sessions[1].id] })),
  );
  expect(answers.filter((r) => r.errors).map((r) => r.errors)).toEqual([]);
  expect(answers.every((r) => r.data.registerForEvent.status === 'CONFIRMED')).toBe(true);

  const places = async () =>
    (
      await a.ds.query(`SELECT row_number() OVER (ORDER BY queue_seq)::int AS place FROM session_choice WHERE session_id = $1 AND status = 'WAITLISTED'`, [table])
    ).map((r: { place: number }) => r.place);
  const confirmedAtTable = async () => (await a.ds.query(`SELECT count(*)::int AS n FROM session_choice WHERE session_id = $1 AND status = 'CONFIRMED'`, [table]))[0].n;
  expect(await confirmedAtTable()).toBe(20);
  expect(await places()).toEqual(range(280));
  const { event: seen } = await gqlOk(a.url, 'query ($id: ID!) { event(id: $id) { sessions { seatsLeft waitlistCount } } }', { id: event.id });
  expect(seen.sessions).toEqual([
    { seatsLeft: 0, waitlistCount: 280 },
    { seatsLeft: null, waitlistCount: 0 },
  ]);

  // 10 people with a seat at the table leave it at the same moment (5 cancel, 5 switch to the other session).
  const tokens = await tokensByEmail(event.slug);
  const seated: { email: string }[] = await a.ds.query(
    `SELECT r.email FROM registration r JOIN session_choice c ON c.registration_id = r.id WHERE c.session_id = $1 AND c.status = 'CONFIRMED' LIMIT 10`,
    [table],
  );
  const nextInLine: { registration_id: string }[] = await a.ds.query(
    `SELECT registration_id FROM session_choice WHERE session_id = $1 AND status = 'WAITLISTED' ORDER BY queue_seq LIMIT 10`,
    [table],
  );
  await Promise.all(
    seated.map((s, i) =>
      i % 2
        ? gqlOk(instance(i), 'mutation ($t: String!) { cancelRegistration(token: $t) { status } }', { t: tokens.get(s.email) })
        : gqlOk(instance(i), 'mutation ($t: String!, $s: [ID!]!) { changeRegistrationSessions(token: $t, sessionIds: $s) { id } }', {
            t: tokens.get(s.email),
            s: [sessions[1].id],
          }),
    ),
  );
  expect(await confirmedAtTable()).toBe(20);
  expect(await places()).toEqual(range(270));
  const promoted: { status: string }[] = await a.ds.query(`SELECT status FROM session_choice WHERE session_id = $1 AND registration_id = ANY($2::uuid[])`, [
    table,
    nextInLine.map((n) => n.registration_id),
  ]);
  expect(promoted.map((p) => p.status)).toEqual(Array(10).fill('CONFIRMED'));
});

test('registrations racing for the last seats of an event without waiting list: the rest get EVENT_FULL', async () => {
  const { event } = await makeEvent(a, { capacity: 7, waitlistEnabled: false });
  const answers = await Promise.all(range(40).map((i) => register(instance(i), { eventId: event.id, name: `Person ${i}`, email: `late${i}.${event.slug}@example.org` })));
  expect(answers.filter((r) => r.data?.registerForEvent?.status === 'CONFIRMED')).toHaveLength(7);
  expect(answers.filter((r) => r.errors?.[0].extensions?.code === 'EVENT_FULL')).toHaveLength(33);
  const [{ n }] = await a.ds.query('SELECT count(*)::int AS n FROM registration WHERE event_id = $1', [event.id]);
  expect(n).toBe(7);
});

test('a full theme table without waiting list: the racers left over get SESSION_FULL, and their failed registrations hold no seat', async () => {
  const { event, sessions } = await makeEvent(a, { capacity: 10, waitlistEnabled: false }, [{ capacity: 3 }]);
  const table = sessions[0].id;
  const first = await Promise.all(
    range(8).map((i) => register(instance(i), { eventId: event.id, name: `Gast ${i}`, email: `table${i}.${event.slug}@example.org`, sessionIds: [table] })),
  );
  expect(first.filter((r) => r.data?.registerForEvent?.status === 'CONFIRMED')).toHaveLength(3);
  const refused = first.filter((r) => r.errors);
  expect(refused.map((r) => r.errors?.[0].extensions)).toEqual(Array(5).fill(expect.objectContaining({ code: 'SESSION_FULL', field: 'sessionIds' })));
  // The seven seats left go to people without sessions; nobody else gets one.
  const rest = await Promise.all(range(12).map((i) => register(instance(i), { eventId: event.id, name: `Person ${i}`, email: `rest${i}.${event.slug}@example.org` })));
  expect(rest.filter((r) => r.data?.registerForEvent?.status === 'CONFIRMED')).toHaveLength(7);
  expect(rest.filter((r) => r.errors?.[0].extensions?.code === 'EVENT_FULL')).toHaveLength(5);
  const [{ registrations, choices, mails }] = await a.ds.query(
    `SELECT (SELECT count(*)::int FROM registration WHERE event_id = $1) AS registrations,
            (SELECT count(*)::int FROM session_choice WHERE session_id = $2) AS choices,
            (SELECT count(*)::int FROM outbox_mail WHERE message->>'to' LIKE $3) AS mails`,
    [event.id, table, `%.${event.slug}@example.org`],
  );
  expect({ registrations, choices, mails }).toEqual({ registrations: 10, choices: 3, mails: 10 });
});
