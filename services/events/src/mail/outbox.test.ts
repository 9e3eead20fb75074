import { startSmtpSink, startTestSubgraph, type SmtpSink, type TestSubgraph } from '@mitgen/test-kit';
import { eventsSubgraph } from '../subgraph';
import { makeEvent, register } from '../test/helpers';

// A crash between the commit of a registration and the sending of its mail loses nothing: the
// mail is in the outbox, written in the same transaction, and the next worker sends it. A restart
// sends nothing twice.

let sink: SmtpSink;
let first: TestSubgraph | undefined;
let databaseUrl: string;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await first?.stop();
  await sink?.close();
});

test('mails written before a crash are sent after the restart, once', async () => {
  // An instance whose worker never gets to send (as if it died right after the commit).
  first = await startTestSubgraph(eventsSubgraph, { MAIL_WORKER: 'false', SMTP_URL: sink.url });
  databaseUrl = first.env.DATABASE_URL;
  const { event } = await makeEvent(first, { capacity: 1 });
  for (const name of ['Leyla Kaya', 'Svetlana Petrović', 'Mehmet Aydın']) {
    const res = await register(first.url, { eventId: event.id, name, email: `${name.split(' ')[0].toLowerCase()}.${event.slug}@example.org` });
    expect(res.errors).toBeUndefined();
  }
  expect(sink.messages).toHaveLength(0);
  const [{ pending }] = await first.ds.query(`SELECT count(*)::int AS pending FROM outbox_mail WHERE status = 'PENDING'`);
  expect(pending).toBe(3);

  // The restarted service (same database) sends them.
  const restarted = await startTestSubgraph(eventsSubgraph, { MAIL_WORKER: 'true', SMTP_URL: sink.url, DATABASE_URL: databaseUrl });
  await sink.waitFor(3);
  await restarted.close();
  expect(sink.messages.map((m) => m.subject).sort()).toEqual(
    [`Anmeldung bestätigt: ${event.title}`, `Warteliste: ${event.title}`, `Warteliste: ${event.title}`].sort(),
  );

  // Another restart sends only what is new: a marker mail enqueued after the restart arrives, and
  // nothing before it (the worker sends in queue order, so a repeat would have come first).
  const again = await startTestSubgraph(eventsSubgraph, { MAIL_WORKER: 'true', SMTP_URL: sink.url, DATABASE_URL: databaseUrl });
  await register(again.url, { eventId: event.id, name: 'Marker', email: `marker.${event.slug}@example.org` });
  await sink.waitFor(4);
  await again.close();
  expect(sink.messages).toHaveLength(4);
  expect(sink.messages[3].subject).toBe(`Warteliste: ${event.title}`);
  const [{ sent }] = await first.ds.query(`SELECT count(*)::int AS sent FROM outbox_mail WHERE status = 'SENT'`);
  expect(sent).toBe(4);
});
