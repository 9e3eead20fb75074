// `npm run bench`: the project's benchmark. Starts the stack on embedded PostgreSQL with seeded data
// of realistic size and measures, side by side in one run: our gateway, Hive Gateway (with its
// JavaScript and with its Rust query planner) on the same supergraph, the subgraph directly and the
// limit (the same SQL from a minimal `pg` handler); SQL statements per request at growing list sizes;
// and the scenarios added by bench/scenarios/*.mjs. Every request draws its own variables from the
// seeded data (bench/lib/variables.mjs); one column repeats a single identical request, to show what
// the gateway's deduplication adds. With BENCH_BASELINE=<a built checkout of an earlier commit>, that
// checkout's gateway and subgraphs run beside ours as "before". Writes bench/results/<date>-<commit>.md.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, measure, operation, statementsPerRequest } from './lib/load.mjs';
import { cpuSeconds, devKeys, migrateSubgraphs, peakRssMiB, rssMiB, ports, ROOT, SERVICES, startDatabase, startHiveGateway, startLimit, startOurGateway, startSubgraphs, stopProcess, subgraphUrl, treeCpuSeconds, writeSupergraph } from './lib/stack.mjs';
import { partnerId, seedEvents, upcomingEvents, seedPartners, seedResources, seedSubscribers, SIZES } from './lib/seed.mjs';
import { stableId } from './lib/ids.mjs';
import { variableSources } from './lib/variables.mjs';
import { scenarios } from './scenarios/index.mjs';

/**
 * BENCH_ONLY: a comma list of the parts to run — `operations` (requests/s table), `sql` (statements per
 * request) and scenario names (`contention`, `newsletter`, `soak`); all when unset. A shared machine
 * can so run, e.g., only `BENCH_ONLY=newsletter`.
 */
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean)) : undefined;
const wants = (part) => !only || only.has(part);

const settings = {
  // 1 s warm-up + 6 s per case: longer windows moved no ratio beyond the run-to-run noise of a shared machine.
  duration: Number(process.env.BENCH_DURATION ?? 6),
  warmup: Number(process.env.BENCH_WARMUP ?? 1),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
};
const BASELINE = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null;
/** BENCH_OPERATIONS=single-subgraph,directory: measure only these operations (while profiling). */
const ONLY = process.env.BENCH_OPERATIONS?.split(',');

const OPERATIONS = [
  { name: 'directory', title: 'partner directory page (3 subgraphs)' },
  { name: 'resource-search', title: 'resource search with filters' },
  { name: 'event-page', title: 'event page with organisers' },
  { name: 'edition-render', title: 'edition render (events + resources + partners)' },
  { name: 'single-subgraph', title: 'single-subgraph query', direct: 'partners', limit: true },
].filter((op) => !ONLY || ONLY.includes(op.name));

/** Labels of the targets in the report. */
const T = {
  ours: 'ours',
  identical: 'ours, identical requests (deduplication)',
  before: 'ours before (baseline)',
  hive: 'Hive Gateway',
  hiveRouter: 'Hive Gateway + Rust planner',
  cached: 'ours + response cache',
  direct: 'direct subgraph',
  directIdentical: 'direct subgraph, identical requests',
  directBefore: 'direct subgraph before (baseline)',
  limit: 'limit: minimal pg handler',
};

/** Seconds after the first answer (no request since) at which the idle memory is read. */
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 15);
const sleepUntil = (at) => new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));

const log = (line) => console.log(`[bench] ${line}`);
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');

async function main() {
  const started = Date.now();
  const cleanup = [];
  const report = { rows: [], sql: [], scenarios: [], notes: [], parts: [] };
  let lap = Date.now();
  /** Seconds since the last call, kept for the report under `name`. */
  const took = (name) => {
    const now = Date.now();
    report.parts.push([name, (now - lap) / 1000]);
    lap = now;
  };
  try {
    const db = await startDatabase();
    cleanup.push(() => db.stop());
    const p = await ports();
    const keys = devKeys();

    // Hive Gateway (both runtimes) needs neither the database nor our stack: it starts while the seed is written.
    const supergraph = writeSupergraph(p);
    const [hiveStart, hiveRouterStart] = wants('operations') ? [startHiveGateway(p, supergraph), startHiveGateway(p, supergraph, { port: p.hiveRouter, router: true })] : [];
    for (const start of [hiveStart, hiveRouterStart].filter(Boolean)) {
      start.catch(() => undefined); // reported where it is awaited
      cleanup.push(() => start.then(stopProcess, () => undefined));
    }

    log('migrating and seeding …');
    // One-shot migrations (`main.js migrate`), then the seed; the stack itself starts once, below.
    await migrateSubgraphs(db, keys);
    const t0 = Date.now();
    await Promise.all([
      seedPartners(db.databaseUrl('partners')),
      seedResources(db.databaseUrl('resources')),
      seedEvents(db.databaseUrl('events')),
      seedSubscribers(db.databaseUrl('newsletter')),
    ]);
    log(`seeded ${SIZES.partners} partners, ${SIZES.resources} resources, ${SIZES.events} events, ${SIZES.subscribers} subscribers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // Start: the built subgraphs and the gateway (what `npm start` runs once built), until the first answer.
    const startedAt = performance.now();
    const subgraphs = await startSubgraphs(db, p, keys, { MAIL_WORKER: 'false' });
    cleanup.push(() => Promise.all(subgraphs.map((s) => stopProcess(s))));
    const subgraphPids = subgraphs.map((s) => s.child.pid);
    const ours = await startOurGateway(p, keys, supergraph);
    cleanup.push(() => stopProcess(ours));
    await check(`http://127.0.0.1:${p.gateway}/graphql`, operation('single-subgraph'));
    report.start = { seconds: (performance.now() - startedAt) / 1000 };
    // Idle memory is read IDLE_SECONDS after the first answer, without a request in between (the peers
    // and the baseline start meanwhile, in processes of their own): the launcher's idle-memory preload
    // hands the young generation back after a few quiet seconds.
    const oursIdleAt = performance.now() + IDLE_SECONDS * 1000;
    const idleRss = (procs, gateway) => [...procs.map((s) => [s.name, rssMiB(s.child.pid)]), [gateway.name, rssMiB(gateway.child.pid)]];
    const eventsPid = subgraphPids[SERVICES.indexOf('events')];
    const targets = {
      ours: { url: `http://127.0.0.1:${p.gateway}/graphql`, pid: ours.child.pid, subgraphPids },
      registration: { url: `http://127.0.0.1:${p.gateway}/graphql`, pid: ours.child.pid, eventsPid },
    };
    // The peers, the cached gateway and the limit serve only the operations table: started only for it,
    // all at once (and beside the baseline), Hive Gateway already during the seed.
    let limit;
    let before = null;
    const starting = [];
    if (wants('operations')) {
      starting.push(
        startOurGateway(p, keys, supergraph, { port: p.cached, responseCache: true }).then((cached) => {
          cleanup.push(() => stopProcess(cached));
          targets.cached = { url: `http://127.0.0.1:${p.cached}/graphql`, pid: cached.child.pid, subgraphPids };
        }),
        hiveStart.then((hive) => {
          targets.hive = { url: `http://127.0.0.1:${p.hive}/graphql`, pid: hive.child.pid, subgraphPids };
        }),
        hiveRouterStart.then(
          (hiveRouter) => {
            targets.hiveRouter = { url: `http://127.0.0.1:${p.hiveRouter}/graphql`, pid: hiveRouter.child.pid, subgraphPids };
          },
          (e) => report.notes.push(`Hive Gateway with @graphql-hive/router-runtime did not start: ${e.message}`),
        ),
        startLimit(db, p.limit).then((proc) => {
          limit = proc;
          cleanup.push(() => stopProcess(limit));
        }),
      );
    }
    // The baseline runs beside ours in the operations table and the registration burst.
    if (BASELINE && (wants('operations') || wants('contention'))) {
      if (!existsSync(path.join(BASELINE, 'gateway/dist/main.js'))) throw new Error(`BENCH_BASELINE=${BASELINE} has no built gateway`);
      starting.push(
        (async () => {
          const pb = await ports();
          const baseSubgraphs = await startSubgraphs(db, pb, keys, { MAIL_WORKER: 'false' }, BASELINE);
          cleanup.push(() => Promise.all(baseSubgraphs.map((s) => stopProcess(s))));
          const baseGateway = await startOurGateway(pb, keys, writeSupergraph(pb, '-baseline'), { root: BASELINE });
          cleanup.push(() => stopProcess(baseGateway));
          const basePids = baseSubgraphs.map((s) => s.child.pid);
          await sleepUntil(performance.now() + IDLE_SECONDS * 1000);
          report.start.idleBefore = idleRss(baseSubgraphs, baseGateway);
          before = {
            gateway: { url: `http://127.0.0.1:${pb.gateway}/graphql`, pid: baseGateway.child.pid, subgraphPids: basePids },
            direct: (name) => ({ url: subgraphUrl(pb, name), pid: basePids[SERVICES.indexOf(name)], subgraphPids: [] }),
            registration: { url: `http://127.0.0.1:${pb.gateway}/graphql`, pid: baseGateway.child.pid, eventsPid: basePids[SERVICES.indexOf('events')] },
          };
        })(),
      );
    }
    starting.push(
      sleepUntil(oursIdleAt).then(() => {
        report.start.idle = idleRss(subgraphs, ours);
      }),
    );
    // Every start settles before a failure is thrown, so that cleanup stops what did start.
    const failed = (await Promise.allSettled(starting)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;

    took('set-up (database, migrations, seed, start of every process)');
    const upcoming = await upcomingEvents(db.databaseUrl('events'), 1000);
    const sources = variableSources({ upcoming });
    // The identical-request column: one fixed set of variables (what the earlier benchmarks sent).
    const ids = {
      EVENT_1: upcoming[0], EVENT_2: upcoming[1], EVENT_3: upcoming[2],
      RESOURCE_1: stableId('resource', 'bench-1'), RESOURCE_2: stableId('resource', 'bench-2'), RESOURCE_3: stableId('resource', 'bench-3'),
      PARTNER_1: partnerId(1), PARTNER_2: partnerId(2), PARTNER_3: partnerId(3),
    };
    for (const op of wants('operations') ? OPERATIONS : []) {
      const query = operation(op.name, ids);
      const vary = sources[op.name];
      const direct = op.direct ? { url: subgraphUrl(p, op.direct), pid: subgraphs[SERVICES.indexOf(op.direct)].child.pid, subgraphPids: [] } : null;
      const runs = [
        [T.ours, targets.ours, vary],
        [T.identical, targets.ours, null],
        ...(before ? [[T.before, before.gateway, vary]] : []),
        [T.hive, targets.hive, vary],
        ...(targets.hiveRouter ? [[T.hiveRouter, targets.hiveRouter, vary]] : []),
        [T.cached, targets.cached, vary],
        ...(direct ? [[T.direct, direct, vary], [T.directIdentical, direct, null]] : []),
        ...(direct && before ? [[T.directBefore, before.direct(op.direct), vary]] : []),
        ...(op.limit ? [[T.limit, { url: `http://127.0.0.1:${p.limit}/`, pid: limit.child.pid, subgraphPids: [] }, vary]] : []),
      ];
      for (const [target, t, v] of runs) {
        // A few drawn requests must answer without errors before the target is measured.
        for (let i = 0; i < 5; i++) await check(t.url, query, v ? v() : {});
        log(`${op.name} via ${target} …`);
        const cpu = () => ({ target: treeCpuSeconds(t.pid), subgraphs: t.subgraphPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) });
        const c0 = cpu();
        const m = await measure({ url: t.url, query, vary: v ?? undefined, ...settings });
        const c1 = cpu();
        // CPU per request over warm-up and measurement (both under the same load).
        const requests = m.total * ((settings.warmup + settings.duration) / settings.duration);
        report.rows.push({
          op: op.title,
          target,
          ...m,
          cpuMs: ((c1.target - c0.target) * 1000) / requests,
          subgraphCpuMs: t.subgraphPids.length ? ((c1.subgraphs - c0.subgraphs) * 1000) / requests : NaN,
          rssMiB: peakRssMiB(t.pid),
        });
      }
    }

    if (wants('operations')) took('operations table');
    if (wants('sql')) log('SQL statements per request at list sizes 10, 100, 1000 …');
    const directory = operation('directory');
    for (const [size, vars] of !wants('sql') ? [] : [
      [10, { first: 10, nested: 1 }],
      [100, { first: 100, nested: 1 }],
      [1000, { first: 100, nested: 10 }],
    ]) {
      report.sql.push({ size, statements: await statementsPerRequest(db.serverUrl, targets.ours.url, directory, vars) });
    }

    if (wants('sql')) took('SQL statements per request');
    for (const s of scenarios.filter((x) => wants(x.name))) {
      log(`scenario: ${s.title} …`);
      report.scenarios.push({ title: s.title, ...(await s.run({ db, p, keys, targets, before, subgraphs, log, ids, supergraph, settings })) });
      took(`scenario ${s.name}`);
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
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end${process.env.BENCH_SHARED_NOTE ? ` (${process.env.BENCH_SHARED_NOTE})` : ''}.`,
    `Load: autocannon, ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per case; one gateway process each; rate limiting off.`,
    'Requests: every request draws its own variables from the seeded data (pages and cursors, slugs, search terms, regions, ids; bench/lib/variables.mjs), except the rows marked "identical requests", which send one fixed body (what the gateway\'s in-flight deduplication and the connection reuse add; no real traffic looks like that).',
    `Data: ${SIZES.partners} partners, ${SIZES.resources} resources, ${SIZES.events} events, ${SIZES.registrations} registrations, ${SIZES.subscribers} subscribers (deterministic, bench/lib/seed.mjs).`,
    ...(only ? ['', `Only these parts were run (BENCH_ONLY): ${[...only].join(', ')}.`] : []),
    'CPU ms/request: CPU time of the target process (with Hive Gateway\'s forked worker) and of all subgraphs together, divided by the requests answered.',
    '',
    '| operation | target | req/s | p50 ms | p99 ms | errors | CPU ms/req (target) | CPU ms/req (subgraphs) | peak RSS MiB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  if (report.rows.length) for (const r of report.rows) lines.push(`| ${r.op} | ${r.target} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.errors} | ${fmt(r.cpuMs, 2)} | ${fmt(r.subgraphCpuMs, 2)} | ${fmt(r.rssMiB)} |`);
  for (const n of report.notes) lines.push('', `Note: ${n}`);
  lines.push('', '**Ratios** (same run, req/s, realistic variables unless said otherwise):', '');
  const byOp = {};
  for (const r of report.rows) (byOp[r.op] ??= []).push(r);
  const sums = {};
  for (const [op, rows] of Object.entries(byOp)) {
    const get = (t) => rows.find((r) => r.target === t)?.rps;
    for (const t of Object.values(T)) sums[t] = (sums[t] ?? 0) + (get(t) ?? 0);
    const parts = [`ours/Hive ${fmt(ratio(get(T.ours), get(T.hive)), 2)}×`];
    if (get(T.hiveRouter)) parts.push(`ours/Hive+Rust planner ${fmt(ratio(get(T.ours), get(T.hiveRouter)), 2)}×`);
    parts.push(`identical/realistic requests ${fmt(ratio(get(T.identical), get(T.ours)), 2)}× (what deduplication adds)`);
    if (get(T.before)) parts.push(`after/before ${fmt(ratio(get(T.ours), get(T.before)), 2)}×`);
    if (get(T.direct)) parts.push(`gateway/direct ${fmt(ratio(get(T.ours), get(T.direct)), 2)}× (target ≥ 0.8×; identical requests ${fmt(ratio(get(T.identical), get(T.directIdentical)), 2)}×)`);
    if (get(T.limit)) parts.push(`direct/limit ${fmt(ratio(get(T.direct), get(T.limit)), 2)}× (target ≥ 0.5×)`);
    if (get(T.directBefore)) parts.push(`direct after/before ${fmt(ratio(get(T.direct), get(T.directBefore)), 2)}×`);
    lines.push(`- ${op}: ${parts.join(', ')}`);
  }
  lines.push(`- operation mix (sum of req/s over the operations): ours/Hive ${fmt(ratio(sums[T.ours], sums[T.hive]), 2)}× (target ≥ 1.5×)${sums[T.hiveRouter] ? `, ours/Hive+Rust planner ${fmt(ratio(sums[T.ours], sums[T.hiveRouter]), 2)}× (target ≥ 1.0×)` : ''}${sums[T.before] ? `, after/before ${fmt(ratio(sums[T.ours], sums[T.before]), 2)}×` : ''}; no response cache on either side`);
  if (report.sql.length) {
    lines.push('', '**SQL statements per request** (directory query through the gateway; must not grow with the list):', '');
    lines.push('| items in the answer | statements |', '|---:|---:|');
    for (const s of report.sql) lines.push(`| ${s.size} | ${s.statements} |`);
    const constant = new Set(report.sql.map((s) => s.statements)).size === 1;
    lines.push('', `Constant across sizes: ${constant ? 'yes' : 'NO'}.`);
  }
  if (report.start) {
    const total = report.start.idle.reduce((sum, [, mib]) => sum + mib, 0);
    lines.push('', `**Start and memory** (built stack: subgraphs and gateway, PostgreSQL already running; started together, as the launcher does; idle RSS ${IDLE_SECONDS} s after the first answer)`, '');
    lines.push('| measure | value |', '|---|---:|');
    lines.push(`| from start to the first answer through the gateway | ${report.start.seconds.toFixed(1)} s |`);
    const before = report.start.idleBefore;
    const totalBefore = before?.reduce((sum, [, mib]) => sum + mib, 0);
    if (before) lines.push(`| idle RSS before (baseline), the stack | ${fmt(totalBefore)} MiB |`);
    for (const [name, mib] of report.start.idle) lines.push(`| idle RSS, ${name} | ${fmt(mib)} MiB${before ? ` (before ${fmt(before.find(([n]) => n === `${name} (baseline)`)?.[1])})` : ''} |`);
    lines.push(`| idle RSS of the stack (without PostgreSQL) | ${fmt(total)} MiB (target ≤ 600 MB = 572 MiB) |`);
  }
  for (const s of report.scenarios) {
    lines.push('', `**${s.title}**`, '', ...(s.lines ?? []));
  }
  lines.push('', `Whole run: ${report.seconds.toFixed(0)} s${report.parts.length ? ` (${report.parts.map(([name, sec]) => `${name} ${sec.toFixed(0)} s`).join(', ')})` : ''}.`);
  const text = lines.join('\n') + '\n';
  console.log(`\n${text}`);
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${when.slice(0, 10)}-${commit}${only ? `-${[...only].join('-')}` : ''}${process.env.BENCH_TAG ? `-${process.env.BENCH_TAG}` : ''}.md`);
  writeFileSync(file, text);
  log(`report written to ${path.relative(process.cwd(), file)}`);
}

main().catch((e) => {
  console.error('[bench] failed:', e);
  process.exit(1);
});
