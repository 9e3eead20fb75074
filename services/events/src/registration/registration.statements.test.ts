import { gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { eventsSubgraph } from '../subgraph';
import { makeEvent, register } from '../test/helpers';

// What one registration costs in SQL statements, answer included (transaction control not
// counted): the event's lock, one read of seat counts and same-address registrations (plus one
// of the sessions when any were chosen), and one statement that writes registration, session
// choices, manage token and mail and returns the row. Nothing is read back.

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraph, { MAIL_WORKER: 'false' });
});
afterAll(async () => {
  await sg?.stop();
});

/** Registers and answers with the statements it cost and the registration as answered. */
async function registering(input: Record<string, unknown>) {
  sg.counter.reset();
  const res = await register(sg.url, input);
  const statements = sg.counter.count;
  expect(res.errors).toBeUndefined();
  return { statements, registration: res.data.registerForEvent as { id: string; status: string; waitlistPosition: number | null } };
}

const waitlistPlace = async (id: string) =>
  (
    await sg.ds.query(
      `SELECT place FROM (SELECT id, row_number() OVER (ORDER BY queue_seq)::int AS place FROM registration
         WHERE event_id = (SELECT event_id FROM registration WHERE id = $1) AND status = 'WAITLISTED') w WHERE id = $1`,
      [id],
    )
  )[0]?.place ?? null;

test('a registration costs three statements with a seat or on the waiting list, four with sessions, three when registered already', async () => {
  const { event, sessions } = await makeEvent(sg, { capacity: 1 }, [{ capacity: 1 }, { capacity: null }]);
  const email = (p: string) => `${p}.${event.slug}@example.org`;

  const seat = await registering({ eventId: event.id, name: 'Eins', email: email('eins'), sessionIds: [sessions[0].id] });
  expect(seat.registration).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
  expect(seat.statements).toBe(4);

  const waiting = await registering({ eventId: event.id, name: 'Zwei', email: email('zwei') });
  expect(waiting.registration).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
  expect(waiting.statements).toBe(3);

  const waitingWithSessions = await registering({ eventId: event.id, name: 'Drei', email: email('drei'), sessionIds: [sessions[0].id, sessions[1].id] });
  expect(waitingWithSessions.registration).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 2 });
  expect(waitingWithSessions.statements).toBe(4);

  // The waiting place in the answer comes from the transaction, and is the one the database holds.
  for (const r of [waiting, waitingWithSessions]) expect(await waitlistPlace(r.registration.id)).toBe(r.registration.waitlistPosition);
  const choices = await sg.ds.query('SELECT session_id, status FROM session_choice WHERE registration_id = $1 ORDER BY queue_seq', [waitingWithSessions.registration.id]);
  expect(choices).toEqual([
    { session_id: sessions[0].id, status: 'PENDING' },
    { session_id: sessions[1].id, status: 'PENDING' },
  ]);

  const again = await registering({ eventId: event.id, name: 'Drei', email: email('DREI') });
  expect(again.registration).toEqual(waitingWithSessions.registration);
  expect(again.statements).toBe(3);

  const other = await makeEvent(sg, { capacity: null });
  const unlimited = await registering({ eventId: other.event.id, name: 'Vier', email: email('vier') });
  expect(unlimited.registration).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
  expect(unlimited.statements).toBe(3);
  // The row the answer came from is the row stored.
  const { registration } = await gqlOk(sg.url, 'query ($t: String!) { registration(token: $t) { id status } }', {
    t: /anmeldung\?token=([A-Za-z0-9_-]+)/.exec((await sg.ds.query(`SELECT message->>'text' AS text FROM outbox_mail WHERE message->>'to' = $1`, [email('vier')]))[0].text)![1],
  });
  expect(registration).toEqual({ id: unlimited.registration.id, status: 'CONFIRMED' });
});

test('a burst of registrations costs at most three statements per person (four with sessions)', async () => {
  const { event, sessions } = await makeEvent(sg, { capacity: 20 }, [{ capacity: 5 }]);
  for (const withSessions of [false, true]) {
    sg.counter.reset();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        register(sg.url, { eventId: event.id, name: `P ${i}`, email: `b${i}-${withSessions}.${event.slug}@example.org`, sessionIds: withSessions ? [sessions[0].id] : [] }),
      ),
    );
    expect(answers.filter((a) => a.errors)).toEqual([]);
    expect(sg.counter.count).toBeLessThanOrEqual(60 * (withSessions ? 4 : 3));
  }
  const [{ confirmed, waiting }] = await sg.ds.query(
    `SELECT count(*) FILTER (WHERE status = 'CONFIRMED')::int AS confirmed, count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waiting FROM registration WHERE event_id = $1`,
    [event.id],
  );
  expect({ confirmed, waiting }).toEqual({ confirmed: 20, waiting: 100 });
});
