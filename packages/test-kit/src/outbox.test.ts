import { createDataSource, createLogger, CREATE_OUTBOX_TABLE, createMailTransport, enqueueMail, ensureDatabase, OutboxMail, createOutboxWorker } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import { dropDatabase, freshDatabaseUrl } from './index';
import { startSmtpSink, type SmtpSink } from './smtp';

// The kit's mail outbox against real PostgreSQL and a real SMTP server.
let ds: DataSource;
let url: string;
let sink: SmtpSink;
const log = createLogger('outbox-test', 'silent');

beforeAll(async () => {
  url = freshDatabaseUrl('outbox');
  await ensureDatabase(url, 'outbox-test');
  ds = createDataSource({ url, entities: [OutboxMail], migrations: [] });
  await ds.initialize();
  for (const sql of CREATE_OUTBOX_TABLE) await ds.query(sql);
  sink = await startSmtpSink();
});
afterAll(async () => {
  await ds?.destroy();
  await sink?.close();
  await dropDatabase(url);
});
beforeEach(async () => {
  await ds.query('DELETE FROM outbox_mail');
  sink.messages.length = 0;
});

const worker = (extra = {}) =>
  createOutboxWorker({ ds, log, transport: createMailTransport({ smtpUrl: sink.url, mailDir: '/nonexistent' }), from: 'MitGeN <noreply@mitgen.example>', messageIdDomain: 'mitgen.example', idleMs: 50, ratePerSecond: 1000, ...extra });

test('a mail enqueued in a transaction that rolls back is never sent; one that commits is sent once', async () => {
  await ds.transaction(async (tx) => {
    await enqueueMail(tx, 'a', { to: 'a@example.org', subject: 'A', text: 'a' });
  });
  await ds
    .transaction(async (tx) => {
      await enqueueMail(tx, 'b', { to: 'b@example.org', subject: 'B', text: 'b' });
      throw new Error('rollback');
    })
    .catch(() => undefined);
  const w = worker();
  await w.drain();
  await w.stop();
  expect(sink.messages.map((m) => m.subject)).toEqual(['A']);
  expect(sink.messages[0].messageId).toMatch(/@mitgen\.example>$/);
});

test('enqueuing the same dedupe key twice sends one mail', async () => {
  expect(await enqueueMail(ds.manager, 'same', { to: 'x@example.org', subject: 'X', text: 'x' })).toBe(true);
  expect(await enqueueMail(ds.manager, 'same', { to: 'x@example.org', subject: 'X', text: 'x' })).toBe(false);
  const w = worker();
  await w.drain();
  await w.stop();
  expect(sink.messages).toHaveLength(1);
});

test('a temporary SMTP failure is retried later with the same Message-ID, and attachments arrive', async () => {
  await enqueueMail(ds.manager, 'r', {
    to: 'r@example.org',
    subject: 'Retry',
    text: 'hallo',
    headers: { 'List-Unsubscribe': '<https://example.org/u>' },
    attachments: [{ filename: 'termin.ics', contentType: 'text/calendar', contentBase64: Buffer.from('BEGIN:VCALENDAR').toString('base64') }],
  });
  sink.failNext(1);
  const w = worker();
  await w.drain();
  expect(sink.messages).toHaveLength(0);
  const [row] = await ds.query("SELECT status, attempts, last_error, send_after > now() AS later FROM outbox_mail WHERE dedupe_key = 'r'");
  expect(row).toMatchObject({ status: 'PENDING', attempts: 1, later: true });
  await ds.query("UPDATE outbox_mail SET send_after = now() WHERE dedupe_key = 'r'");
  await w.drain();
  await w.stop();
  expect(sink.messages).toHaveLength(1);
  expect(sink.messages[0].headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe('List-Unsubscribe: <https://example.org/u>');
  expect(sink.messages[0].attachments[0]).toMatchObject({ filename: 'termin.ics', contentType: 'text/calendar' });
});

test('two workers share the outbox without sending a mail twice', async () => {
  for (let i = 0; i < 60; i++) await enqueueMail(ds.manager, `m${i}`, { to: `p${i}@example.org`, subject: `M${i}`, text: 'x' });
  const a = worker({ batchSize: 5 });
  const b = worker({ batchSize: 5 });
  a.start();
  b.start();
  await sink.waitFor(60);
  await Promise.all([a.stop(), b.stop()]);
  const subjects = sink.messages.map((m) => m.subject);
  expect(new Set(subjects).size).toBe(60);
  expect(subjects).toHaveLength(60);
});
