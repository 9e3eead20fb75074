// 500 concurrent registrations for an event with 100 seats, through our gateway: registrations/s,
// exactly 100 confirmed, no email registered twice (20 of the 500 repeat an earlier email in another
// letter case).
import { createRequire } from 'node:module';
import os from 'node:os';
import { CONTENTION_EVENT } from '../lib/seed.mjs';
import { cpuSeconds, postgresCpuSeconds, SERVICES } from '../lib/stack.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const REGISTER = `mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { status waitlistPosition } }`;

export const contention = {
  title: 'Registration under contention (500 concurrent registrations, 100 seats)',
  async run({ db, targets, subgraphs }) {
    const emails = Array.from({ length: 480 }, (_, i) => `andrang-${i}@bench.example.org`);
    const requests = [...emails, ...emails.slice(0, 20).map((e) => e.toUpperCase())];
    // CPU time of each part of the stack during the burst: what limits the rate on this machine.
    const eventsPid = subgraphs[SERVICES.indexOf('events')].child.pid;
    const cpu = () => ({ gateway: cpuSeconds(targets.ours.pid), events: cpuSeconds(eventsPid), postgres: postgresCpuSeconds(), client: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 });
    const cpuBefore = cpu();
    const started = performance.now();
    const answers = await Promise.all(
      requests.map(async (email, i) => {
        const res = await fetch(targets.ours.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: REGISTER, variables: { i: { eventId: CONTENTION_EVENT, name: `Person ${i}`, email, consent: true } } }),
        });
        return res.json();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpu();
    const msPer = Object.fromEntries(Object.keys(cpuBefore).map((k) => [k, ((cpuAfter[k] - cpuBefore[k]) * 1000) / requests.length]));
    const totalMs = Object.values(msPer).reduce((a, b) => a + b, 0);
    const cores = os.availableParallelism();
    const errors = answers.filter((a) => a.errors).length;
    const client = new Client({ connectionString: db.databaseUrl('events') });
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE status = 'CONFIRMED')::int AS confirmed,
              count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted,
              count(*)::int AS total, count(DISTINCT lower(email))::int AS emails,
              (SELECT count(*)::int FROM (SELECT waitlist_position FROM (
                 SELECT row_number() OVER (ORDER BY queue_seq) AS waitlist_position FROM registration
                  WHERE event_id = $1 AND status = 'WAITLISTED') w) x) AS positions
         FROM registration WHERE event_id = $1 AND status <> 'CANCELLED'`,
      [CONTENTION_EVENT],
    );
    await client.end();
    const r = rows[0];
    const positions = answers.map((a) => a.data?.registerForEvent?.waitlistPosition).filter((p) => p != null);
    const distinctPositions = new Set(positions).size;
    return {
      lines: [
        `| measure | value |`,
        `|---|---:|`,
        `| requests (480 people, 20 repeats in other letter case) | ${requests.length} |`,
        `| registrations/s (all answered) | ${(requests.length / seconds).toFixed(0)} (target ≥ 300) |`,
        `| GraphQL errors | ${errors} |`,
        `| confirmed | ${r.confirmed} (must be 100) |`,
        `| waiting list | ${r.waitlisted} |`,
        `| registrations stored / distinct emails | ${r.total} / ${r.emails} (must be equal: no email twice) |`,
        `| waiting-list positions answered: distinct / highest | ${distinctPositions} / ${Math.max(0, ...positions)} |`,
        `| CPU per registration: gateway / events / PostgreSQL / load client (ms) | ${['gateway', 'events', 'postgres', 'client'].map((k) => msPer[k].toFixed(1)).join(' / ')} |`,
        `| CPU-bound ceiling on ${cores} cores (${cores} × 1000 ms / ${totalMs.toFixed(1)} ms) | ${((cores * 1000) / totalMs).toFixed(0)} registrations/s |`,
        `| CPU per registration that 300/s would allow on ${cores} cores (all parts together) | ${((cores * 1000) / 300).toFixed(1)} ms |`,
      ],
      ok: r.confirmed === 100 && r.total === r.emails,
    };
  },
};
