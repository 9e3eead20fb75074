// `node bench/defaults-ab.mjs`: what the launcher's process defaults (packages/launcher/src/processes.ts:
// the idle-memory preload, MALLOC_ARENA_MAX=2) cost and save, each alone, beside the same commit
// without them. Four stacks of this checkout (subgraphs + gateway) on one seeded database: none,
// preload only, arenas only, both. Idle RSS per process BENCH_IDLE_SECONDS (15) after the last
// start; then BENCH_AB_ROUNDS (3) rounds in which every stack in turn answers the single-subgraph
// query and the edition render under load (16 connections, 1 s + 6 s): CPU ms per request of the
// gateway and all subgraphs together, summed over the rounds (rounds alternate, so that the load of
// a shared machine falls on every stack alike). Writes bench/results/<date>-<commit>-defaults-ab.md.
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, measure, operation } from './lib/load.mjs';
import { cpuSeconds, devKeys, migrateSubgraphs, ports, ROOT, rssMiB, startDatabase, startOurGateway, startSubgraphs, stopProcess, writeSupergraph } from './lib/stack.mjs';
import { partnerId, seedEvents, seedPartners, seedResources, upcomingEvents } from './lib/seed.mjs';
import { stableId } from './lib/ids.mjs';
import { variableSources } from './lib/variables.mjs';

const VARIANTS = [
  { name: 'none', defaults: { flags: false, env: false } },
  { name: 'idle-memory preload', defaults: { flags: true, env: false } },
  { name: 'MALLOC_ARENA_MAX=2', defaults: { flags: false, env: true } },
  { name: 'both (the launcher)', defaults: { flags: true, env: true } },
];
const OPS = ['single-subgraph', 'edition-render'];
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 3);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 15);
const settings = { duration: 6, warmup: 1, connections: 16 };
const log = (line) => console.log(`[defaults-ab] ${line}`);
const sum = (list) => list.reduce((a, b) => a + b, 0);

const db = await startDatabase();
const stacks = [];
try {
  const keys = devKeys();
  log('migrating and seeding …');
  await migrateSubgraphs(db, keys);
  await Promise.all([seedPartners(db.databaseUrl('partners')), seedResources(db.databaseUrl('resources')), seedEvents(db.databaseUrl('events'))]);
  for (const v of VARIANTS) {
    const p = await ports();
    const subgraphs = await startSubgraphs(db, p, keys, { MAIL_WORKER: 'false' }, ROOT, v.defaults);
    const gateway = await startOurGateway(p, keys, writeSupergraph(p, `-ab-${stacks.length}`), { defaults: v.defaults });
    stacks.push({ ...v, p, subgraphs, gateway, url: `http://127.0.0.1:${p.gateway}/graphql`, cpu: {}, requests: {} });
    log(`started: ${v.name}`);
  }
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  for (const s of stacks) s.idle = [...s.subgraphs.map((x) => [x.name, rssMiB(x.child.pid)]), ['gateway', rssMiB(s.gateway.child.pid)]];

  const upcoming = await upcomingEvents(db.databaseUrl('events'), 1000);
  const sources = variableSources({ upcoming });
  const ids = { EVENT_1: upcoming[0], EVENT_2: upcoming[1], EVENT_3: upcoming[2], RESOURCE_1: stableId('resource', 'bench-1'), RESOURCE_2: stableId('resource', 'bench-2'), RESOURCE_3: stableId('resource', 'bench-3'), PARTNER_1: partnerId(1), PARTNER_2: partnerId(2), PARTNER_3: partnerId(3) };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const op of OPS) {
      const query = operation(op, ids);
      // Each round starts with another stack, so that none always follows the same one.
      for (let k = 0; k < stacks.length; k++) {
        const s = stacks[(k + round - 1) % stacks.length];
        for (let i = 0; i < 3; i++) await check(s.url, query, sources[op]());
        const pids = [s.gateway.child.pid, ...s.subgraphs.map((x) => x.child.pid)];
        const c0 = sum(pids.map((pid) => cpuSeconds(pid)));
        const m = await measure({ url: s.url, query, vary: sources[op], ...settings });
        const c1 = sum(pids.map((pid) => cpuSeconds(pid)));
        s.cpu[op] = (s.cpu[op] ?? 0) + (c1 - c0);
        s.requests[op] = (s.requests[op] ?? 0) + m.total * ((settings.warmup + settings.duration) / settings.duration);
        log(`round ${round}, ${op}, ${s.name}: ${m.rps.toFixed(0)} req/s, ${m.errors} errors`);
      }
    }
  }
} finally {
  for (const s of stacks) await Promise.all([stopProcess(s.gateway), ...s.subgraphs.map((x) => stopProcess(x))]);
  await db.stop();
}

const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
const when = new Date().toISOString().slice(0, 10);
const none = stacks[0];
const cpuMs = (s, op) => (s.cpu[op] * 1000) / s.requests[op];
const lines = [
  `# Launcher defaults A/B ${when} (commit ${commit})`,
  '',
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (shared machine).`,
  `Four stacks of the same checkout (4 subgraphs + gateway each) on one seeded database; idle RSS ${IDLE_SECONDS} s after the last start; then ${ROUNDS} rounds, each stack in turn per operation (16 connections, 1 s + 6 s, realistic variables).`,
  '',
  `| defaults | idle RSS of the stack (MiB) | ${stacks[0].idle.map(([n]) => n).join(' | ')} | ${OPS.map((op) => `CPU ms/req ${op} (gateway + subgraphs)`).join(' | ')} | ${OPS.map((op) => `requests ${op}`).join(' | ')} |`,
  `|---|---:|${stacks[0].idle.map(() => '---:').join('|')}|${OPS.map(() => '---:').join('|')}|${OPS.map(() => '---:').join('|')}|`,
  ...stacks.map(
    (s) =>
      `| ${s.name} | ${sum(s.idle.map(([, m]) => m)).toFixed(0)} | ${s.idle.map(([, m]) => m.toFixed(0)).join(' | ')} | ${OPS.map((op) => `${cpuMs(s, op).toFixed(2)}${s === none ? '' : ` (${((cpuMs(s, op) / cpuMs(none, op) - 1) * 100).toFixed(0)} %)`}`).join(' | ')} | ${OPS.map((op) => s.requests[op].toFixed(0)).join(' | ')} |`,
  ),
];
const text = lines.join('\n') + '\n';
console.log(`\n${text}`);
const file = path.join(ROOT, 'bench/results', `${when}-${commit}-defaults-ab.md`);
writeFileSync(file, text);
log(`written to ${path.relative(process.cwd(), file)}`);
