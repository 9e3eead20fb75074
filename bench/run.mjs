// `npm run bench`: the project's benchmark. Starts the stack on embedded PostgreSQL with seeded data
// of realistic size and measures, side by side in one run: our gateway, Hive Gateway on the same
// supergraph, and the subgraph directly; SQL statements per request at growing list sizes; and the
// scenarios added by bench/scenarios/*.mjs. Writes a table to the console and bench/results/<date>.md.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, measure, operation, statementsPerRequest } from './lib/load.mjs';
import { devKeys, peakRssMiB, ports, ROOT, SERVICES, startDatabase, startHiveGateway, startOurGateway, startSubgraphs, stopProcess, subgraphUrl, writeSupergraph } from './lib/stack.mjs';
import { partnerId, seedEvents, upcomingEvents, seedPartners, seedResources, seedSubscribers, SIZES } from './lib/seed.mjs';
import { stableId } from './lib/ids.mjs';
import { scenarios } from './scenarios/index.mjs';

/**
 * BENCH_ONLY: a comma list of the parts to run — `operations` (requests/s table), `sql` (statements per
 * request) and scenario names (`contention`, `newsletter`, `soak`); all when unset. A shared machine
 * can so run, e.g., only `BENCH_ONLY=newsletter`.
 */
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean)) : undefined;
const wants = (part) => !only || only.has(part);

const settings = {
  duration: Number(process.env.BENCH_DURATION ?? 8),
  warmup: Number(process.env.BENCH_WARMUP ?? 2),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
};

const OPERATIONS = [
  { name: 'directory', title: 'partner directory page (3 subgraphs)' },
  { name: 'resource-search', title: 'resource search with filters' },
  { name: 'event-page', title: 'event page with organisers' },
  { name: 'edition-render', title: 'edition render (events + resources + partners)' },
  { name: 'single-subgraph', title: 'single-subgraph query', direct: 'partners' },
];

const log = (line) => console.log(`[bench] ${line}`);
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');

async function main() {
  const started = Date.now();
  const cleanup = [];
  const report = { rows: [], sql: [], scenarios: [], notes: [] };
  try {
    const db = await startDatabase();
    cleanup.push(() => db.stop());
    const p = await ports();
    const keys = devKeys();

    log('migrating and seeding …');
    let subgraphs = await startSubgraphs(db, p, keys, { MAIL_WORKER: 'false' });
    await Promise.all(subgraphs.map(stopProcess));
    const t0 = Date.now();
    await seedPartners(db.databaseUrl('partners'));
    await seedResources(db.databaseUrl('resources'));
    await seedEvents(db.databaseUrl('events'));
    await seedSubscribers(db.databaseUrl('newsletter'));
    log(`seeded ${SIZES.partners} partners, ${SIZES.resources} resources, ${SIZES.events} events, ${SIZES.subscribers} subscribers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    subgraphs = await startSubgraphs(db, p, keys, { MAIL_WORKER: 'false' });
    cleanup.push(() => Promise.all(subgraphs.map(stopProcess)));
    const supergraph = writeSupergraph(p);
    const ours = await startOurGateway(p, keys, supergraph);
    cleanup.push(() => stopProcess(ours));
    const cached = await startOurGateway(p, keys, supergraph, { port: p.cached, responseCache: true });
    cleanup.push(() => stopProcess(cached));
    const hive = wants('operations') ? await startHiveGateway(p, supergraph) : undefined;
    if (hive) cleanup.push(() => stopProcess(hive));
    const targets = {
      ours: { url: `http://127.0.0.1:${p.gateway}/graphql`, pid: ours.child.pid },
      hive: { url: `http://127.0.0.1:${p.hive}/graphql`, pid: hive?.child.pid },
      'ours + response cache': { url: `http://127.0.0.1:${p.cached}/graphql`, pid: cached.child.pid },
    };

    // Ids for the edition render: three upcoming events, published resources and partners.
    const upcoming = await upcomingEvents(db.databaseUrl('events'), 3);
    const ids = {
      EVENT_1: upcoming[0], EVENT_2: upcoming[1], EVENT_3: upcoming[2],
      RESOURCE_1: stableId('resource', 'bench-1'), RESOURCE_2: stableId('resource', 'bench-2'), RESOURCE_3: stableId('resource', 'bench-3'),
      PARTNER_1: partnerId(1), PARTNER_2: partnerId(2), PARTNER_3: partnerId(3),
    };
    for (const op of wants('operations') ? OPERATIONS : []) {
      const query = operation(op.name, ids);
      const runs = { ours: targets.ours, hive: targets.hive, 'ours + response cache': targets['ours + response cache'], ...(op.direct ? { direct: { url: subgraphUrl(p, op.direct), pid: subgraphs[SERVICES.indexOf(op.direct)].child.pid } } : {}) };
      for (const [target, t] of Object.entries(runs)) {
        await check(t.url, query);
        log(`${op.name} via ${target} …`);
        const m = await measure({ url: t.url, query, ...settings });
        report.rows.push({ op: op.title, target, ...m, rssMiB: peakRssMiB(t.pid) });
      }
    }

    if (wants('sql')) log('SQL statements per request at list sizes 10, 100, 1000 …');
    const directory = operation('directory');
    for (const [size, vars] of !wants('sql') ? [] : [
      [10, { first: 10, nested: 1 }],
      [100, { first: 100, nested: 1 }],
      [1000, { first: 100, nested: 10 }],
    ]) {
      report.sql.push({ size, statements: await statementsPerRequest(db.serverUrl, targets.ours.url, directory, vars) });
    }

    for (const s of scenarios.filter((x) => wants(x.name))) {
      log(`scenario: ${s.title} …`);
      report.scenarios.push({ title: s.title, ...(await s.run({ db, p, keys, targets, subgraphs, log, ids, supergraph, settings })) });
    }
  } finally {
    for (const fn of cleanup.reverse()) await fn().catch?.(() => undefined);
  }
  report.seconds = (Date.now() - started) / 1000;
  write(report);
}

function ratio(a, b) {
  return a && b ? a / b : NaN;
}

function write(report) {
  const lines = [];
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  const when = new Date().toISOString();
  lines.push(`# Benchmark ${when.slice(0, 10)} (commit ${commit})`, '');
  lines.push(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}.`,
    `Load: autocannon, ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per case; one gateway process each; rate limiting off.`,
    `Data: ${SIZES.partners} partners, ${SIZES.resources} resources, ${SIZES.events} events, ${SIZES.registrations} registrations, ${SIZES.subscribers} subscribers (deterministic, bench/lib/seed.mjs).`,
    ...(only ? ['', `Only these parts were run (BENCH_ONLY): ${[...only].join(', ')}.`] : []),
  );
  if (report.rows.length) lines.push('', '| operation | target | req/s | p50 ms | p99 ms | errors | peak RSS MiB |', '|---|---|---:|---:|---:|---:|---:|');
  for (const r of report.rows) lines.push(`| ${r.op} | ${r.target} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.errors} | ${fmt(r.rssMiB)} |`);
  if (report.rows.length) lines.push('', '**Ratios** (same run):', '');
  const byOp = {};
  for (const r of report.rows) (byOp[r.op] ??= []).push(r);
  let oursSum = 0;
  let hiveSum = 0;
  for (const [op, rows] of Object.entries(byOp)) {
    const get = (t) => rows.find((r) => r.target === t)?.rps;
    oursSum += get('ours') ?? 0;
    hiveSum += get('hive') ?? 0;
    lines.push(`- ${op}: ours/Hive ${fmt(ratio(get('ours'), get('hive')), 2)}×${get('direct') ? `, gateway/direct ${fmt(ratio(get('ours'), get('direct')), 2)}×` : ''}`);
  }
  if (report.rows.length) lines.push(`- operation mix (sum of req/s): ours/Hive ${fmt(ratio(oursSum, hiveSum), 2)}× (target ≥ 1.2×; both without a response cache)`);
  if (report.sql.length) {
    lines.push('', '**SQL statements per request** (directory query through the gateway; must not grow with the list):', '');
    lines.push('| items in the answer | statements |', '|---:|---:|');
    for (const s of report.sql) lines.push(`| ${s.size} | ${s.statements} |`);
    const constant = new Set(report.sql.map((s) => s.statements)).size === 1;
    lines.push('', `Constant across sizes: ${constant ? 'yes' : 'NO'}.`);
  }
  for (const s of report.scenarios) {
    lines.push('', `**${s.title}**`, '', ...(s.lines ?? []));
  }
  lines.push('', `Whole run: ${report.seconds.toFixed(0)} s.`);
  const text = lines.join('\n') + '\n';
  console.log(`\n${text}`);
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${when.slice(0, 10)}-${commit}${only ? `-${[...only].join('-')}` : ''}.md`);
  writeFileSync(file, text);
  log(`report written to ${path.relative(process.cwd(), file)}`);
}

main().catch((e) => {
  console.error('[bench] failed:', e);
  process.exit(1);
});
