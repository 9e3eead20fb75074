// Measures sending one edition to many subscribers into a local SMTP sink:
//   node services/newsletter/dist/bench/send-bench.js [subscribers=50000] [rate=1000] [connections=8]
// Uses PostgreSQL at BENCH_PG_URL (a server URL; a scratch database is created and dropped), else
// starts an embedded server in a temporary folder. Prints mails per second (queuing and sending run
// together, as in production), the process's peak memory, and whether anyone got a mail twice.
// A tool for people, not a test: the project's benchmark owns the official numbers.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres } from '@mitgen/embedded-db';
import { createLogger, createMailTransport, createSubgraph } from '@mitgen/subgraph-kit';
import { dropDatabase } from '@mitgen/test-kit';
import { SMTPServer } from 'smtp-server';
import type { NewsletterDeps } from '../context';
import { Edition, EditionItemKind, EditionStatus } from '../edition/edition.entity';
import { renderEdition } from '../edition/edition.render';
import { freeze } from '../edition/edition.service';
import { newsletterEnv } from '../env';
import { newsletterSubgraph } from '../subgraph';
import { createNewsletterWorker } from '../worker';

const [subscribers = 50_000, rate = 1000, connections = 8] = process.argv.slice(2).filter((a) => a !== 'sink').map(Number);

/** An SMTP server that only counts recipients and how often each was mailed (runs in its own process). */
async function runSink(): Promise<void> {
  const seen = new Map<string, number>();
  let mails = 0;
  let last = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        const to = session.envelope.rcptTo[0]?.address ?? '';
        seen.set(to, (seen.get(to) ?? 0) + 1);
        mails++;
        last = Date.now();
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.send!({ port: (server.server.address() as AddressInfo).port });
  process.on('message', () => process.send!({ mails, recipients: seen.size, duplicates: mails - seen.size, last }));
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

interface SinkStats {
  mails: number;
  recipients: number;
  duplicates: number;
  last: number;
}

/** Starts the counting sink as a child process (as a real mail server would be: not on our event loop). */
async function startSink() {
  const child = fork(__filename, ['sink'], { stdio: 'inherit' });
  const { port } = await new Promise<{ port: number }>((r) => child.once('message', (m) => r(m as { port: number })));
  return {
    url: `smtp://127.0.0.1:${port}`,
    stats: () =>
      new Promise<SinkStats>((r) => {
        child.once('message', (m) => r(m as SinkStats));
        child.send('stats');
      }),
    close: () => child.disconnect(),
  };
}

async function main() {
  let serverUrl = process.env.BENCH_PG_URL;
  let stopPg: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-bench-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), flags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] });
    serverUrl = pg.serverUrl;
    stopPg = () => pg.stop();
  }
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/bench_newsletter_${Date.now()}`;
  const sink = await startSink();
  const env = newsletterEnv.parse({
    NODE_ENV: 'production',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    MAIL_WORKER: 'false',
    SMTP_URL: sink.url,
    MAIL_RATE_PER_SECOND: String(rate),
    MAIL_SMTP_CONNECTIONS: String(connections),
  });
  const app = await createSubgraph(newsletterSubgraph, env, { log: createLogger('bench', 'warn') });
  const services = app.services as NewsletterDeps;
  try {
    await app.ds.query(
      `INSERT INTO subscriber (email, name, status, confirmed_at) SELECT 'person-' || i || '@bench.example', 'Person ' || i, 'CONFIRMED', now() FROM generate_series(1, $1) AS i`,
      [subscribers],
    );
    const edition = await app.ds.getRepository(Edition).save({
      title: 'Benchmark-Ausgabe',
      intro: 'Liebe Leser*innen,\n\n' + 'Neuigkeiten aus dem Netzwerk. '.repeat(40),
      items: Array.from({ length: 8 }, (_, i) => ({ kind: EditionItemKind.TEXT, title: `Beitrag ${i + 1}`, text: 'Ein Absatz Text. '.repeat(30), url: null })),
      status: EditionStatus.DRAFT,
    });
    await freeze(app.ds, edition, await renderEdition(services.graph, services.links, edition), new Date(), [EditionStatus.DRAFT]);

    const worker = createNewsletterWorker(app, {
      transport: createMailTransport({ smtpUrl: sink.url, mailDir: os.tmpdir(), maxConnections: connections }),
    });
    let peakRss = 0;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 200);
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    worker.start();
    let s = await sink.stats();
    while (s.mails < subscribers) {
      await new Promise((r) => setTimeout(r, 200));
      s = await sink.stats();
    }
    const seconds = (s.last - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // On a shared machine wall time depends on the neighbours; CPU time per mail does not.
    const cpuMsPerMail = (cpu.user + cpu.system) / 1000 / s.mails;
    clearInterval(sampler);
    await worker.stop();
    const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
    console.log(
      JSON.stringify(
        {
          subscribers,
          configuredRatePerSecond: rate,
          smtpConnections: connections,
          mails: s.mails,
          duplicates: s.duplicates,
          seconds: Number(seconds.toFixed(2)),
          mailsPerSecond: Math.round(s.mails / seconds),
          workerCpuMsPerMail: Number(cpuMsPerMail.toFixed(3)),
          mailsPerCpuSecond: Math.round(1000 / cpuMsPerMail),
          peakRss: mb(peakRss),
          peakHeapUsed: mb(peakHeap),
        },
        null,
        2,
      ),
    );
  } finally {
    await app.close();
    sink.close();
    await dropDatabase(dbUrl.toString());
    await stopPg?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

(process.argv[2] === 'sink' ? runSink() : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
