// An edition to the 50,000 seeded subscribers into a local SMTP sink: mails/s, the worker's peak
// memory; every newsletter process is killed (SIGKILL) BENCH_MAIL_KILLS times (default 3, spread over
// the sending) and started again; then lost and duplicated mails are counted per recipient by the sink
// (which sees only complete messages, as a real server would). Sending runs in BENCH_MAIL_WORKERS
// newsletter instances with MAIL_WORKER=true (default 2, one per core; they share the outbox with
// SKIP LOCKED, as several production instances would). The guarantee measured: nothing lost, and
// duplicates at most the mails in flight at the kills (docs/newsletter.md).
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort, peakRssMiB, SERVICES, startProcess, stopProcess, subgraphUrl, waitReady } from '../lib/stack.mjs';
import { SIZES } from '../lib/seed.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function gql(url, query, variables, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}

function startSink() {
  // Only the seeded subscribers count: confirmation mails of earlier scenarios (the soak's sign-ups) go out too.
  const child = fork(path.join(import.meta.dirname, '../lib/smtp-sink.mjs'), ['0', 'abonnentin-'], { stdio: 'inherit' });
  child.on('error', () => undefined); // a dead sink shows as a failed stats() call instead
  return new Promise((resolve) => {
    child.once('message', ({ port }) =>
      resolve({
        url: `smtp://127.0.0.1:${port}`,
        stats: () =>
          new Promise((r, j) => {
            if (!child.connected) return j(new Error('the SMTP sink stopped'));
            child.once('message', r);
            child.send('stats');
          }),
        stop: () => child.disconnect(),
      }),
    );
  });
}

/** Outbox ids in the send journals of the (killed) workers: mails handed over to the server. */
function journaled(dir) {
  const ids = new Set();
  for (const f of readdirSync(dir)) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (line.startsWith('-')) ids.delete(line.slice(1));
      else if (line) ids.add(line);
    }
  }
  return [...ids];
}

export const newsletter = {
  title: `Newsletter sending (${SIZES.subscribers.toLocaleString('en')} recipients, every worker killed ${Math.max(1, Number(process.env.BENCH_MAIL_KILLS ?? 3))} times)`,
  async run({ db, p, keys, targets, subgraphs }) {
    const sink = await startSink();
    const index = SERVICES.indexOf('newsletter');
    await stopProcess(subgraphs[index]);
    const workers = Math.max(1, Number(process.env.BENCH_MAIL_WORKERS ?? 2));
    const kills = Math.max(1, Number(process.env.BENCH_MAIL_KILLS ?? 3));
    const journalDir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-bench-journal-'));
    // The first instance is the subgraph the gateway calls; the others only work the outbox.
    const instancePorts = [p.newsletter, ...(await Promise.all(Array.from({ length: workers - 1 }, () => freePort())))];
    const env = {
      DATABASE_URL: db.databaseUrl('newsletter'),
      LOG_LEVEL: 'warn',
      GATEWAY_PUBLIC_KEY: keys.gateway.publicKey,
      GRAPH_URL: targets.ours.url,
      SMTP_URL: sink.url,
      MAIL_WORKER: 'true',
      MAIL_RATE_PER_SECOND: '5000',
      MAIL_SMTP_CONNECTIONS: '4',
      MAIL_JOURNAL_DIR: journalDir,
    };
    const start = () =>
      Promise.all(
        instancePorts.map(async (port, i) => {
          const proc = startProcess(i ? `newsletter-${i + 1}` : 'newsletter', 'services/newsletter/dist/main.js', { ...env, PORT: String(port) });
          await waitReady(proc, `http://127.0.0.1:${port}/ready`);
          return proc;
        }),
      );
    let instances = await start();
    subgraphs[index] = instances[0];
    let peak = 0;
    const measurePeak = () => (peak = Math.max(peak, ...instances.map((w) => peakRssMiB(w.child.pid))));
    const outbox = new Client({ connectionString: db.databaseUrl('newsletter') });
    await outbox.connect();

    const { login } = await gql(targets.ours.url, 'mutation { login(email: "admin@mitgen.local", password: "mitgen-admin-dev") { token } }');
    const auth = { authorization: `Bearer ${login.token}` };
    const { createNewsletterEdition } = await gql(
      targets.ours.url,
      `mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }`,
      { i: { title: 'Lasttest', intro: 'Liebe Leser*innen,\n\ndies ist eine Ausgabe für den Benchmark.', items: [{ kind: 'TEXT', title: 'Fachtag', text: 'Der nächste Fachtag findet im Herbst statt.' }], audienceTopics: [] } },
      auth,
    );
    const id = createNewsletterEdition.id;
    const started = performance.now();
    await gql(targets.ours.url, 'mutation ($id: ID!) { sendNewsletterEdition(id: $id) { status } }', { id }, auth);

    // Kill every worker hard, `kills` times spread over the sending, and start them again.
    const rounds = [];
    let firstKillTime;
    for (let k = 1; k <= kills; k++) {
      const at = Math.round((SIZES.subscribers * k) / (kills + 1));
      for (;;) {
        measurePeak();
        if ((await sink.stats()).mails >= at) break;
        await wait(100);
      }
      for (const w of instances) w.child.kill('SIGKILL');
      await Promise.all(instances.map((w) => w.exited));
      firstKillTime ??= performance.now();
      const received = (await sink.stats()).mails;
      // Claimed by the killed workers and not marked sent: the most that can be in flight.
      const { rows } = await outbox.query(`SELECT count(*)::int AS n FROM outbox_mail WHERE status = 'PENDING' AND locked_until > now() AND dedupe_key LIKE 'edition:%'`);
      // Handed over but not marked: what only the journal keeps from being sent again.
      const { rows: only } = await outbox.query(`SELECT count(*)::int AS n FROM outbox_mail WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`, [journaled(journalDir)]);
      rounds.push({ received, claimed: rows[0].n, journaled: only[0].n });
      instances = await start();
      subgraphs[index] = instances[0];
    }
    const lastKillTime = performance.now();

    let last = -1;
    let stillSince = performance.now();
    for (;;) {
      measurePeak();
      const { mails } = await sink.stats();
      if (mails >= SIZES.subscribers) break;
      if (mails !== last) {
        last = mails;
        stillSince = performance.now();
      } else if (performance.now() - stillSince > 75_000) break; // nothing more arrives (claims of the killed worker expire after 45 s)
      await wait(200);
    }
    // Mails resent after the last one arrived would still count: give the workers a moment.
    await wait(3000);
    const steadyRate = rounds[0].received / ((firstKillTime - started) / 1000);
    const recoverySeconds = (performance.now() - lastKillTime) / 1000;
    const stats = await sink.stats();
    sink.stop();
    await outbox.end();
    await Promise.all(instances.slice(1).map(stopProcess)); // the first stays the subgraph until the run ends
    rmSync(journalDir, { recursive: true, force: true });
    const lost = SIZES.subscribers - stats.recipients;
    const inFlight = rounds.reduce((n, r) => n + r.claimed, 0);
    return {
      lines: [
        '| measure | value |',
        '|---|---:|',
        `| recipients | ${SIZES.subscribers} |`,
        `| worker processes | ${workers} |`,
        `| kills (every worker SIGKILL'd, then started again), after … mails | ${kills}: ${rounds.map((r) => r.received).join(', ')} |`,
        `| claimed and not marked sent at each kill (the most that can be in flight) | ${rounds.map((r) => r.claimed).join(', ')} |`,
        `| of those, handed to the server and only in the send journal (marked sent, not resent) | ${rounds.map((r) => r.journaled).join(', ')} |`,
        `| mails received | ${stats.mails} |`,
        `| mails/s until the first kill (queuing and sending together) | ${steadyRate.toFixed(0)} (target ≥ 500) |`,
        `| from the last kill to the last mail (restart, then the killed workers' claims expire after 45 s) | ${recoverySeconds.toFixed(0)} s |`,
        `| worker peak RSS (largest process) | ${peak.toFixed(0)} MiB |`,
        `| lost (no mail) | ${lost} (must be 0) |`,
        `| duplicated (a second mail to one recipient) | ${stats.duplicates} (at most the ${inFlight} in flight at the kills) |`,
        `| … the same Message-ID again (one outbox mail resent after a kill) / a different one (queued twice, must be 0) | ${stats.sameMessageId} / ${stats.differentMessageId} |`,
      ],
      ok: lost === 0 && stats.differentMessageId === 0 && stats.duplicates <= inFlight,
    };
  },
};

export { subgraphUrl };
