// 500 concurrent registrations for an event with 100 seats, through our gateway: registrations/s,
// exactly 100 confirmed, no email registered twice (20 of the 500 repeat an earlier email in another
// letter case). With a baseline (BENCH_BASELINE), the same burst also goes through the baseline's
// gateway and events service, alternately with ours (BENCH_CONTENTION_ROUNDS bursts each, default
// 2; the event is emptied before each burst), so that the CPU per registration is a ratio.
import { createRequire } from 'node:module';
import os from 'node:os';
import { CONTENTION_EVENT } from '../lib/seed.mjs';
import { cpuSeconds, postgresCpuSeconds } from '../lib/stack.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const REGISTER = `mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { status waitlistPosition } }`;
const PARTS = ['gateway', 'events', 'postgres', 'client'];

/** One burst of 500 registrations through `target`; the event is emptied first. */
async function burst(db, target) {
  const client = new Client({ connectionString: db.databaseUrl('events') });
  await client.connect();
  try {
    await client.query('DELETE FROM registration WHERE event_id = $1', [CONTENTION_EVENT]);
    const emails = Array.from({ length: 480 }, (_, i) => `andrang-${i}@bench.example.org`);
    const requests = [...emails, ...emails.slice(0, 20).map((e) => e.toUpperCase())];
    // CPU time of each part of the stack during the burst: what limits the rate on this machine.
    const cpu = () => ({ gateway: cpuSeconds(target.pid), events: cpuSeconds(target.eventsPid), postgres: postgresCpuSeconds(db), client: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 });
    const cpuBefore = cpu();
    const started = performance.now();
    const answers = await Promise.all(
      requests.map(async (email, i) => {
        const res = await fetch(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: REGISTER, variables: { i: { eventId: CONTENTION_EVENT, name: `Person ${i}`, email, consent: true } } }),
        });
        return res.json();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpu();
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE status = 'CONFIRMED')::int AS confirmed,
              count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted,
              count(*)::int AS total, count(DISTINCT lower(email))::int AS emails
         FROM registration WHERE event_id = $1 AND status <> 'CANCELLED'`,
      [CONTENTION_EVENT],
    );
    const positions = answers.map((a) => a.data?.registerForEvent?.waitlistPosition).filter((p) => p != null);
    return {
      requests: requests.length,
      seconds,
      cpuMs: Object.fromEntries(PARTS.map((k) => [k, (cpuAfter[k] - cpuBefore[k]) * 1000])),
      errors: answers.filter((a) => a.errors).length,
      ...rows[0],
      distinctPositions: new Set(positions).size,
      highestPosition: Math.max(0, ...positions),
    };
  } finally {
    await client.end();
  }
}

/** The bursts of one target together: rates and CPU over all of them, the checks of the worst. */
function summary(runs) {
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const msPer = Object.fromEntries(PARTS.map((k) => [k, runs.reduce((n, r) => n + r.cpuMs[k], 0) / requests]));
  const worst = (k, f) => runs.map((r) => r[k]).reduce((a, b) => f(a, b));
  return {
    rate: requests / runs.reduce((n, r) => n + r.seconds, 0),
    msPer,
    totalMs: PARTS.reduce((n, k) => n + msPer[k], 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    confirmed: runs.map((r) => r.confirmed).join(', '),
    waitlisted: runs.map((r) => r.waitlisted).join(', '),
    stored: runs.map((r) => `${r.total} / ${r.emails}`).join(', '),
    positions: runs.map((r) => `${r.distinctPositions} / ${r.highestPosition}`).join(', '),
    ok: runs.every((r) => r.confirmed === 100 && r.total === r.emails),
    requests: runs[0].requests,
    worstTotal: worst('total', Math.max),
  };
}

export const contention = {
  title: 'Registration under contention (500 concurrent registrations, 100 seats)',
  async run({ db, targets, before, log }) {
    const rounds = Math.max(1, Number(process.env.BENCH_CONTENTION_ROUNDS ?? 2));
    const sides = [['ours', targets.registration], ...(before ? [['before', before.registration]] : [])];
    const runs = Object.fromEntries(sides.map(([name]) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const [name, target] of round % 2 ? [...sides].reverse() : sides) {
        log?.(`contention burst ${round + 1}/${rounds} via ${name} …`);
        runs[name].push(await burst(db, target));
      }
    }
    const s = Object.fromEntries(sides.map(([name]) => [name, summary(runs[name])]));
    const cores = os.availableParallelism();
    const col = (f) => sides.map(([name]) => f(s[name], name)).join(' | ');
    const gwEvents = (x) => x.msPer.gateway + x.msPer.events;
    return {
      lines: [
        `Bursts per side: ${rounds}${before ? ', ours and the baseline alternately' : ''}; per burst values separated by commas.`,
        '',
        `| measure | ${col((_, name) => (name === 'ours' ? 'ours' : 'before (baseline)'))} |`,
        `|---|${sides.map(() => '---:').join('|')}|`,
        `| requests (480 people, 20 repeats in other letter case) | ${col((x) => x.requests)} |`,
        `| registrations/s (all answered) | ${col((x) => `${x.rate.toFixed(0)} (target ≥ 250)`)} |`,
        `| GraphQL errors | ${col((x) => x.errors)} |`,
        `| confirmed | ${col((x) => `${x.confirmed} (must be 100)`)} |`,
        `| waiting list | ${col((x) => x.waitlisted)} |`,
        `| registrations stored / distinct emails | ${col((x) => `${x.stored} (must be equal: no email twice)`)} |`,
        `| waiting-list positions answered: distinct / highest | ${col((x) => x.positions)} |`,
        `| CPU per registration: gateway / events / PostgreSQL / load client (ms) | ${col((x) => PARTS.map((k) => x.msPer[k].toFixed(1)).join(' / '))} |`,
        `| CPU per registration, gateway + events (ms) | ${col((x) => `${gwEvents(x).toFixed(2)} (target ≤ 4)`)} |`,
        `| CPU-bound ceiling on ${cores} cores (${cores} × 1000 ms / all parts' CPU per registration) | ${col((x) => `${((cores * 1000) / x.totalMs).toFixed(0)} registrations/s (${x.totalMs.toFixed(1)} ms)`)} |`,
        `| CPU per registration that 250/s would allow on ${cores} cores (all parts together) | ${col(() => `${((cores * 1000) / 250).toFixed(1)} ms`)} |`,
        ...(before ? ['', `Ours / before: registrations/s ${(s.ours.rate / s.before.rate).toFixed(2)}×, CPU gateway + events per registration ${(gwEvents(s.ours) / gwEvents(s.before)).toFixed(2)}× (gateway ${(s.ours.msPer.gateway / s.before.msPer.gateway).toFixed(2)}×, events ${(s.ours.msPer.events / s.before.msPer.events).toFixed(2)}×).`] : []),
      ],
      ok: sides.every(([name]) => s[name].ok),
    };
  },
};
