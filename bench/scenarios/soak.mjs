// Memory under sustained load: BENCH_SOAK_SECONDS (default 75, so that `npm run bench` stays within
// ten minutes: 30 s of warm-up leave a second half of 37 s, long enough for a leak to show as growth;
// a dedicated leak hunt runs 600 or more with BENCH_ONLY=soak) of mixed reads by a partner's server
// (API key, so no answer comes from a cache) through our gateway, with writes in between (a
// registration and a newsletter sign-up every two seconds). Every process's resident memory is
// sampled every five seconds; the report gives it after the warm-up, half-way and at the end, and
// the growth over the second half: a leak keeps growing there, a warm process does not.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { operation } from '../lib/load.mjs';
import { SERVICES } from '../lib/stack.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident memory (VmRSS) of a process in MiB, from /proc; NaN when it is gone. */
function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function gql(url, query, variables, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body.data;
}

const seconds = Math.max(10, Number(process.env.BENCH_SOAK_SECONDS ?? 75));

export const soak = {
  title: `Memory under load (${seconds} s of mixed API-key reads with writes in between)`,
  async run({ targets, subgraphs, ids, log }) {
    const url = targets.ours.url;
    const { login } = await gql(url, 'mutation { login(email: "admin@mitgen.local", password: "mitgen-admin-dev") { token } }');
    const { createApiKey } = await gql(
      url,
      'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
      { i: { partnerId: ids.PARTNER_1, name: 'Soak' } },
      { authorization: `Bearer ${login.token}` },
    );
    const headers = { 'content-type': 'application/json', 'x-api-key': createApiKey.key };
    const reads = ['directory', 'resource-search', 'event-page', 'edition-render', 'single-subgraph'].map((name) => ({
      method: 'POST',
      path: '/graphql',
      headers,
      body: JSON.stringify({ query: operation(name, ids) }),
    }));
    const processes = [{ name: 'gateway', pid: targets.ours.pid }, ...SERVICES.map((name, i) => ({ name, pid: subgraphs[i].child.pid }))];
    const samples = processes.map(() => []);
    const sample = () => processes.forEach((p, i) => samples[i].push(rssMiB(p.pid)));

    // Writes in between: a registration and a newsletter sign-up every two seconds.
    let writes = 0;
    let writeErrors = 0;
    let stop = false;
    const writer = (async () => {
      for (let n = 0; !stop; n++) {
        const email = `dauerlast-${Date.now()}-${n}@bench.example.org`;
        await Promise.all([
          gql(url, 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { status } }', { i: { eventId: ids.EVENT_1, name: `Person ${n}`, email, consent: true } }),
          gql(url, 'mutation ($i: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $i) { message } }', { i: { email } }),
        ]).then(
          () => (writes += 2),
          (e) => {
            writeErrors++;
            if (writeErrors <= 3) log(`soak write failed: ${e.message}`);
          },
        );
        await wait(2000);
      }
    })();
    const sampler = setInterval(sample, 5000);
    sample();
    const result = await new Promise((resolve, reject) =>
      autocannon({ url: targets.ours.url.replace('/graphql', ''), requests: reads, connections: Number(process.env.BENCH_CONNECTIONS ?? 16), duration: seconds }, (err, r) =>
        err ? reject(err) : resolve(r),
      ),
    );
    clearInterval(sampler);
    sample();
    stop = true;
    await writer;

    // After the warm-up (the first tenth, at least 30 s), half-way and at the end.
    const at = (list, fraction) => list[Math.min(list.length - 1, Math.round((list.length - 1) * fraction))];
    const warm = Math.min(0.5, Math.max(0.1, 30 / seconds));
    const rows = processes.map((p, i) => {
      const s = samples[i];
      const [start, half, end] = [at(s, warm), at(s, 0.5 + warm / 2), s.at(-1)];
      return { name: p.name, start, half, end, peak: Math.max(...s.filter(Number.isFinite)), secondHalf: end - half };
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    return {
      lines: [
        `${result.requests.total} reads (${result.requests.average.toFixed(0)}/s, ${errors} errors), ${writes} writes (${writeErrors} failed), ${samples[0].length} samples per process.`,
        '',
        '| process | RSS after warm-up (MiB) | half-way | end | peak | growth in the second half |',
        '|---|---:|---:|---:|---:|---:|',
        ...rows.map((r) => `| ${r.name} | ${r.start.toFixed(0)} | ${r.half.toFixed(0)} | ${r.end.toFixed(0)} | ${r.peak.toFixed(0)} | ${r.secondHalf >= 0 ? '+' : ''}${r.secondHalf.toFixed(0)} |`),
      ],
      rows,
      ok: errors === 0 && writeErrors === 0,
    };
  },
};
