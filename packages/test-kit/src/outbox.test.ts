import { spawnSync } from 'node:child_process';
import { createDataSource, createLogger, CREATE_OUTBOX_TABLE, createMailTransport, enqueueMail, ensureDatabase, OutboxMail, createOutboxWorker, openSendJournal } from '@mitgen/subgraph-kit';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
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

/** An SMTP server that shows what it has received of the message in progress. */
async function startWatchedServer() {
  const state = { partial: '', accepted: [] as string[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      state.partial = '';
      stream.on('data', (c: Buffer) => (state.partial += c.toString('latin1')));
      stream.on('end', () => {
        state.accepted.push(state.partial);
        callback();
      });
    },
  });
  server.on('error', () => undefined); // the tests cut connections on purpose
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const mail = (subject: string) => ({ to: 'x@example.org', subject, text: `Text von ${subject}`, from: 'noreply@mitgen.example', messageId: `<${subject}@mitgen.example>` });

test('the transport runs beforeAccept when the server holds the whole message but has not accepted it', async () => {
  const server = await startWatchedServer();
  const transport = createMailTransport({ smtpUrl: server.url, mailDir: '/nonexistent' });
  try {
    let atMark: { partial: string; accepted: number } | undefined;
    await transport.send(mail('Gated'), {
      beforeAccept: async () => {
        await new Promise((r) => setTimeout(r, 100)); // time for the bytes to arrive
        atMark = { partial: server.state.partial, accepted: server.state.accepted.length };
      },
    });
    expect(atMark?.accepted).toBe(0);
    expect(atMark?.partial).toContain('Subject: Gated');
    expect(atMark?.partial).toContain('Text von'); // the server's parser keeps the last bytes until it sees what ends the data
    expect(server.state.accepted).toHaveLength(1);
  } finally {
    transport.close();
    await server.close();
  }
});

test('when beforeAccept fails the server discards the message, send fails with that error, and the next mail goes out', async () => {
  const server = await startWatchedServer();
  const transport = createMailTransport({ smtpUrl: server.url, mailDir: '/nonexistent' });
  try {
    await expect(transport.send(mail('Abandoned'), { beforeAccept: () => Promise.reject(new Error('database gone')) })).rejects.toThrow('database gone');
    await transport.send(mail('Next'));
    await new Promise((r) => setTimeout(r, 100));
    expect(server.state.accepted).toHaveLength(1);
    expect(server.state.accepted[0]).toContain('Subject: Next');
  } finally {
    transport.close();
    await server.close();
  }
});

test('a worker stopped dead before the final "." delivers nothing; the mail goes out once when its claim runs out', async () => {
  const server = await startWatchedServer();
  const smtp = createMailTransport({ smtpUrl: server.url, mailDir: '/nonexistent' });
  // Worker A freezes right before the "." (as if killed there), then its connections are cut.
  const frozen = createOutboxWorker({
    ds,
    log,
    transport: { send: (m) => smtp.send(m, { beforeAccept: () => new Promise(() => undefined) }), close: () => smtp.close() },
    from: 'noreply@mitgen.example',
    messageIdDomain: 'mitgen.example',
    claimSeconds: 1,
  });
  try {
    await enqueueMail(ds.manager, 'once', { to: 'once@example.org', subject: 'Once', text: 'x' });
    frozen.start();
    const deadline = Date.now() + 10_000;
    while (!server.state.partial.includes('Subject: Once') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(server.state.partial).toContain('Subject: Once');
    smtp.close();
    await new Promise((r) => setTimeout(r, 1200));
    expect(server.state.accepted).toHaveLength(0);
    const b = createOutboxWorker({ ds, log, transport: createMailTransport({ smtpUrl: server.url, mailDir: '/nonexistent' }), from: 'noreply@mitgen.example', messageIdDomain: 'mitgen.example' });
    await b.drain();
    await b.stop();
    expect(server.state.accepted).toHaveLength(1);
    const [row] = await ds.query("SELECT status, attempts FROM outbox_mail WHERE dedupe_key = 'once'");
    expect(row).toEqual({ status: 'SENT', attempts: 2 });
  } finally {
    await server.close();
  }
});

test('without SMTP a mail becomes an .eml file only once beforeAccept has run', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-eml-'));
  try {
    const transport = createMailTransport({ mailDir: dir });
    let filesAtMark: string[] = [];
    await transport.send(mail('Datei'), { beforeAccept: async () => void (filesAtMark = readdirSync(dir)) });
    expect(filesAtMark.filter((f) => f.endsWith('.eml'))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    await expect(transport.send(mail('Nicht'), { beforeAccept: () => Promise.reject(new Error('no')) })).rejects.toThrow('no');
    expect(readdirSync(dir)).toHaveLength(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The id of a process that has ended (a worker that died). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

test('handedOver runs once the final "." has left for the server, before its answer; not for a message cut off before', async () => {
  const server = await startWatchedServer();
  const transport = createMailTransport({ smtpUrl: server.url, mailDir: '/nonexistent' });
  try {
    let settled = false;
    let atHandOver: boolean | undefined;
    const sent = transport.send(mail('Handed'), { handedOver: () => void (atHandOver = settled) }).then(() => (settled = true));
    await sent;
    expect(atHandOver).toBe(false); // called before send resolved, i.e. before the server's "250"
    expect(server.state.accepted).toHaveLength(1);

    let called = false;
    const cut = transport.send(mail('Cut'), { beforeAccept: () => new Promise(() => undefined), handedOver: () => void (called = true) });
    cut.catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (!server.state.partial.includes('Subject: Cut') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    transport.close(); // the connection is cut before the "."
    await new Promise((r) => setTimeout(r, 200));
    expect(called).toBe(false);
    expect(server.state.accepted).toHaveLength(1);
  } finally {
    transport.close();
    await server.close();
  }
});

test('a worker killed before its final "." left has nothing in its journal: the mail is sent once when the claim runs out, not lost', async () => {
  const server = await startWatchedServer();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-journal-'));
  const smtp = createMailTransport({ smtpUrl: server.url, mailDir: '/nonexistent' });
  // Worker A (a process that is gone by now) stops dead right before the "." of its mail.
  const killed = createOutboxWorker({
    ds,
    log,
    transport: {
      // Whatever the worker does before the "." runs; then it never comes.
      send: (m, options) => smtp.send(m, { ...options, beforeAccept: async () => ((await options?.beforeAccept?.()), new Promise(() => undefined)) }),
      close: () => smtp.close(),
    },
    from: 'noreply@mitgen.example',
    messageIdDomain: 'mitgen.example',
    claimSeconds: 1,
    journal: { dir, name: 'outbox-test', owner: deadPid() },
  });
  try {
    await enqueueMail(ds.manager, 'not-lost', { to: 'not-lost@example.org', subject: 'NotLost', text: 'x' });
    killed.start();
    const deadline = Date.now() + 10_000;
    while (!server.state.partial.includes('Subject: NotLost') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    smtp.close();
    await new Promise((r) => setTimeout(r, 1200)); // its claim has run out
    const next = createOutboxWorker({
      ds,
      log,
      transport: createMailTransport({ smtpUrl: server.url, mailDir: '/nonexistent' }),
      from: 'noreply@mitgen.example',
      messageIdDomain: 'mitgen.example',
      journal: { dir, name: 'outbox-test' },
    });
    await next.drain();
    await next.stop();
    expect(server.state.accepted.filter((m) => m.includes('Subject: NotLost'))).toHaveLength(1);
    const [row] = await ds.query("SELECT status, attempts FROM outbox_mail WHERE dedupe_key = 'not-lost'");
    expect(row).toEqual({ status: 'SENT', attempts: 2 });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a worker killed after the server accepted a mail but before the database knew: its journal is replayed and nobody gets the mail twice', async () => {
  const server = await startWatchedServer();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-journal-'));
  const smtp = createMailTransport({ smtpUrl: server.url, mailDir: '/nonexistent' });
  // Worker A (a process that is gone by now) gets the mail accepted and never learns of it.
  const killed = createOutboxWorker({
    ds,
    log,
    transport: { send: (m, options) => smtp.send(m, options).then(() => new Promise(() => undefined)), close: () => smtp.close() },
    from: 'noreply@mitgen.example',
    messageIdDomain: 'mitgen.example',
    claimSeconds: 1,
    journal: { dir, name: 'outbox-test', owner: deadPid() },
  });
  try {
    await enqueueMail(ds.manager, 'journal', { to: 'journal@example.org', subject: 'Journal', text: 'x' });
    killed.start();
    const deadline = Date.now() + 10_000;
    while (server.state.accepted.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(server.state.accepted).toHaveLength(1);
    smtp.close();
    await new Promise((r) => setTimeout(r, 1200)); // its claim has run out
    const next = createOutboxWorker({
      ds,
      log,
      transport: createMailTransport({ smtpUrl: server.url, mailDir: '/nonexistent' }),
      from: 'noreply@mitgen.example',
      messageIdDomain: 'mitgen.example',
      journal: { dir, name: 'outbox-test' },
    });
    await next.drain();
    await next.stop();
    expect(server.state.accepted).toHaveLength(1);
    const [row] = await ds.query("SELECT status, attempts, sent_at IS NOT NULL AS sent FROM outbox_mail WHERE dedupe_key = 'journal'");
    expect(row).toEqual({ status: 'SENT', attempts: 1, sent: true });
    expect(readdirSync(dir)).toEqual([]); // the replayed journal is removed, and the stopped worker removed its own
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two workers replaying the same dead journal both succeed: the second finds it gone (seen in the benchmark as a failed round)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-journal-'));
  try {
    const dead = openSendJournal(dir, 'svc', deadPid());
    dead.handedOver('a');
    const first = openSendJournal(dir, 'svc');
    const second = openSendJournal(dir, 'svc', process.ppid);
    const [seenByFirst, seenBySecond] = [first.orphans(), second.orphans()];
    expect(seenByFirst.map((o) => o.ids)).toEqual([['a']]);
    expect(seenBySecond.map((o) => o.file)).toEqual(seenByFirst.map((o) => o.file));
    first.remove(seenByFirst[0].file);
    expect(() => second.remove(seenBySecond[0].file)).not.toThrow();
    expect(readdirSync(dir).filter((f) => f === path.basename(seenByFirst[0].file))).toEqual([]);
    dead.close(false);
    first.close(true);
    second.close(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the journal of a dead worker counts what it handed over and not what the server refused; journals of running workers are left alone', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-journal-'));
  try {
    const dead = openSendJournal(dir, 'svc', deadPid());
    dead.handedOver('a');
    dead.handedOver('b');
    dead.refused('b');
    dead.handedOver('c');
    const running = openSendJournal(dir, 'svc', process.ppid);
    running.handedOver('d');
    const otherService = openSendJournal(dir, 'other', deadPid());
    otherService.handedOver('e');
    const me = openSendJournal(dir, 'svc');
    const orphans = me.orphans();
    expect(orphans.map((o) => o.ids)).toEqual([['a', 'c']]);
    me.remove(orphans[0].file);
    expect(me.orphans()).toEqual([]);
    for (const j of [dead, running, otherService]) j.close(false);
    me.close(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
