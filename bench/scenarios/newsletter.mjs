// An edition to the 50,000 seeded subscribers into a local SMTP sink: mails/s, the worker's peak
// memory; the newsletter processes are killed (SIGKILL) half-way and started again, then lost and
// duplicated mails are counted per recipient (both must be 0). Sending runs in BENCH_MAIL_WORKERS
// newsletter instances with MAIL_WORKER=true (default 2, one per core; they share the outbox with
// SKIP LOCKED, as several production instances would).
import { fork } from 'node:child_process';
import path from 'node:path';
import { freePort, peakRssMiB, SERVICES, startProcess, stopProcess, subgraphUrl, waitReady } from '../lib/stack.mjs';
import { SIZES } from '../lib/seed.mjs';

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function gql(url, query, variables, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}

function startSink() {
  const child = fork(path.join(import.meta.dirname, '../lib/smtp-sink.mjs'), [], { stdio: 'inherit' });
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

export const newsletter = {
  file: 'newsletter',
  title: `Newsletter sending (${SIZES.subscribers.toLocaleString('en')} recipients, worker killed half-way)`,
  async run({ db, p, keys, targets, subgraphs }) {
    const sink = await startSink();
    const index = SERVICES.indexOf('newsletter');
    await stopProcess(subgraphs[index]);
    const workers = Math.max(1, Number(process.env.BENCH_MAIL_WORKERS ?? 2));
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

    // Kill every worker hard half-way.
    for (;;) {
      measurePeak();
      if ((await sink.stats()).mails >= SIZES.subscribers / 2) break;
      await wait(200);
    }
    const killedAt = (await sink.stats()).mails;
    const killTime = performance.now();
    for (const w of instances) w.child.kill('SIGKILL');
    await Promise.all(instances.map((w) => w.exited));
    instances = await start();
    subgraphs[index] = instances[0];

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
    const steadyRate = killedAt / ((killTime - started) / 1000);
    const recoverySeconds = (performance.now() - killTime) / 1000;
    const stats = await sink.stats();
    sink.stop();
    await Promise.all(instances.slice(1).map(stopProcess)); // the first stays the subgraph until the run ends
    const lost = SIZES.subscribers - stats.recipients;
    return {
      lines: [
        '| measure | value |',
        '|---|---:|',
        `| recipients | ${SIZES.subscribers} |`,
        `| mails received (all workers killed with SIGKILL after ${killedAt}) | ${stats.mails} |`,
        `| mails/s until the kill (queuing and sending together) | ${steadyRate.toFixed(0)} (target ≥ 500) |`,
        `| from the kill to the last mail (restart, then the killed worker's claims expire after 45 s) | ${recoverySeconds.toFixed(0)} s |`,
        `| worker processes | ${workers} |`,
        `| worker peak RSS (largest process) | ${peak.toFixed(0)} MiB |`,
        `| lost (no mail) | ${lost} (must be 0) |`,
        `| duplicated (more than one mail) | ${stats.duplicates} (must be 0) |`,
      ],
      ok: lost === 0 && stats.duplicates === 0,
    };
  },
};

export { subgraphUrl };
