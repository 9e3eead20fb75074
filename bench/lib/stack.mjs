// Starting the stack for the benchmark: embedded PostgreSQL, the subgraphs of the registry, our gateway and
// Hive Gateway on the same supergraph — each gateway one process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(import.meta.dirname, '../..');
const embedded = require('@mitgen/embedded-db');
const { NODE_FLAGS, PROCESS_ENV, startProcess, waitReady, stopProcess } = require(path.join(ROOT, 'packages/launcher/dist/processes.js'));
const { generateKeyPairPem } = require('@mitgen/subgraph-kit/runtime');

const { subgraphs } = require(path.join(ROOT, 'packages/registry/dist/index.js'));

/** The subgraphs of the registry (supergraph.yaml). */
export const REGISTRY = subgraphs();
/** Their names, in registry order. */
export const SERVICES = REGISTRY.map((s) => s.name);
const entryOf = (name) => REGISTRY.find((s) => s.name === name);

/** Resident memory now (VmRSS) of a process in MiB, from /proc. */
export function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Peak resident memory (VmHWM) of a process in MiB, from /proc. */
export function peakRssMiB(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU time (user + system) a process has used, in seconds; with `children`, also its ended children's. */
export function cpuSeconds(pid, { children = false } = {}) {
  try {
    // Fields after the command name (which may contain spaces): utime is the 12th, cutime the 14th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of a process and all its live descendants (Hive Gateway forks its worker). */
export function treeCpuSeconds(pid) {
  let total = cpuSeconds(pid);
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return total;
  }
  for (const tid of tasks) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    } catch {
      continue;
    }
    for (const child of children ? children.split(' ') : []) total += treeCpuSeconds(child);
  }
  return total;
}

/**
 * CPU seconds of the benchmark's PostgreSQL server (`db` from startDatabase): the postmaster, its
 * ended children and its live ones. Without `db`, of every PostgreSQL server on the machine — which
 * on a shared machine counts other sessions' databases too.
 */
export function postgresCpuSeconds(db) {
  const postmaster = db?.postmasterPid();
  if (postmaster) {
    let total = cpuSeconds(postmaster, { children: true });
    for (const tid of (() => { try { return readdirSync(`/proc/${postmaster}/task`); } catch { return []; } })()) {
      let children = '';
      try {
        children = readFileSync(`/proc/${postmaster}/task/${tid}/children`, 'utf8').trim();
      } catch {
        continue;
      }
      for (const child of children ? children.split(' ') : []) total += cpuSeconds(child);
    }
    return total;
  }
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let comm;
    try {
      comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm !== 'postgres') continue;
    const ppidIsPostgres = (() => {
      try {
        const ppid = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1];
        return readFileSync(`/proc/${ppid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })();
    total += cpuSeconds(entry, { children: !ppidIsPostgres });
  }
  return total;
}

export async function startDatabase() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-bench-'));
  chmodSync(dataDir, 0o755);
  const port = await embedded.freePort();
  const pg = await embedded.startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'pg'),
    port,
    // pg_stat_statements counts SQL per GraphQL request; durability off: this is a benchmark.
    flags: ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'shared_buffers=256MB'],
  });
  return {
    serverUrl: pg.serverUrl,
    /** The postmaster's process id (first line of postmaster.pid). */
    postmasterPid: () => {
      try {
        return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
      } catch {
        return undefined;
      }
    },
    databaseUrl: (service) => embedded.databaseUrl(pg.serverUrl, entryOf(service).database),
    async stop() {
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port that is free now. */
export const freePort = () => embedded.freePort();

/** Ports for everything, free now. */
export async function ports() {
  const names = ['gateway', 'cached', 'hive', 'hiveRouter', 'limit', 'baseline', 'baselinePartners', ...SERVICES, 'smtp'];
  const values = await Promise.all(names.map(() => embedded.freePort()));
  return Object.fromEntries(names.map((n, i) => [n, values[i]]));
}

/**
 * Like `startProcess`, for a script of the checkout `root` (another one: the baseline of a comparison).
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each process there when it stops.
 */
let profiles = 0;
function startAt(root, name, script, env, defaults) {
  const prof = process.env.BENCH_CPU_PROF;
  if (root === ROOT && !prof && !defaults) return startProcess(name, script, env);
  const args = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=${name}${root === ROOT ? '' : '-baseline'}-${++profiles}.cpuprofile`] : [];
  // This checkout's processes get the launcher's Node flags and environment defaults (as `npm start` runs them),
  // unless `defaults` says otherwise (bench/defaults-ab.mjs); a baseline runs as it was.
  const ours = root === ROOT;
  const { flags = ours, env: envDefaults = ours } = defaults ?? {};
  const child = spawn(process.execPath, [...args, ...(flags ? NODE_FLAGS : []), path.join(root, script)], { env: { ...(envDefaults ? PROCESS_ENV : {}), ...process.env, ...env }, detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return { name: ours ? name : `${name} (baseline)`, child, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

/** The settings of a subgraph process in the benchmark. */
function subgraphEnv(db, keys, name, port, extraEnv) {
  return {
    PORT: String(port),
    DATABASE_URL: db.databaseUrl(name),
    DATABASE_POOL_SIZE: '20',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    SEED_DEMO: 'false',
    GATEWAY_PUBLIC_KEY: keys.gateway.publicKey,
    AUTH_PRIVATE_KEY: keys.user.privateKey,
    // The erasure worker polls PostgreSQL every second: its statements would count as the request's in
    // "SQL statements per request" (the bench erases nothing).
    ERASURE_WORKER: 'false',
    ...extraEnv,
    ...(extraEnv[name] ?? {}),
  };
}

/** Creates the subgraphs' databases and applies their migrations (`main.js migrate`, all at once), then returns. */
export async function migrateSubgraphs(db, keys) {
  await Promise.all(
    SERVICES.map(
      (name) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, [path.join(ROOT, entryOf(name).dir, 'dist/main.js'), 'migrate'], {
            env: { ...process.env, ...subgraphEnv(db, keys, name, 0, {}) },
            stdio: ['ignore', 'ignore', 'inherit'],
          });
          child.once('error', reject);
          child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name}: migrations failed (exit code ${code})`))));
        }),
    ),
  );
}

/** Starts the subgraphs with migrations and the given extra settings (from the checkout `root`). */
export async function startSubgraphs(db, p, keys, extraEnv = {}, root = ROOT, defaults = undefined) {
  const procs = SERVICES.map((name) =>
    startAt(
      root,
      name,
      `${entryOf(name).dir}/dist/main.js`,
      {
        // The graph as the services ask it (reference checks, the content languages): our gateway of this run.
        GRAPH_URL: `http://127.0.0.1:${p.gateway}/graphql`,
        ...subgraphEnv(db, keys, name, p[name], extraEnv),
      },
      defaults,
    ),
  );
  await Promise.all(procs.map((proc, i) => waitReady(proc, `http://127.0.0.1:${p[SERVICES[i]]}/ready`)));
  return procs;
}

/** The URL of a subgraph in the port map `p`. */
export function subgraphUrl(p, name) {
  return `http://127.0.0.1:${p[name]}/graphql`;
}

/** The committed supergraph with this run's subgraph URLs, for both gateways. */
export function writeSupergraph(p, tag = '') {
  let sdl = readFileSync(path.join(ROOT, 'gateway/supergraph.graphql'), 'utf8');
  for (const s of REGISTRY) sdl = sdl.replaceAll(s.routingUrl, subgraphUrl(p, s.name));
  const file = path.join(os.tmpdir(), `mitgen-bench-supergraph-${process.pid}${tag}.graphql`);
  writeFileSync(file, sdl);
  return file;
}

export async function startOurGateway(p, keys, supergraphFile, { port = p.gateway, responseCache = false, root = ROOT, env = {}, defaults } = {}) {
  const proc = startAt(root, 'gateway', 'gateway/dist/main.js', {
    PORT: String(port),
    // The gateway comparison runs without the response cache (Hive Gateway has none by default).
    RESPONSE_CACHE_ENABLED: String(responseCache),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    SUPERGRAPH_PATH: supergraphFile,
    RATE_LIMIT_ENABLED: 'false',
    AUTH_PUBLIC_KEY: keys.user.publicKey,
    GATEWAY_PRIVATE_KEY: keys.gateway.privateKey,
    ...Object.fromEntries(REGISTRY.map((s) => [s.urlSetting, subgraphUrl(p, s.name)])),
    ...env,
  }, defaults);
  await waitReady(proc, `http://127.0.0.1:${port}/health`);
  return proc;
}

/** Hive Gateway on the supergraph; with `router`, its Rust query-planner runtime (bench/hive-router). */
export async function startHiveGateway(p, supergraphFile, { port = p.hive, router = false } = {}) {
  const bin = path.join(ROOT, 'bench/node_modules/.bin/hive-gateway');
  const child = spawn(bin, ['supergraph', supergraphFile, '--port', String(port), '--host', '127.0.0.1', '--fork', '1'], {
    cwd: router ? path.join(ROOT, 'bench/hive-router') : path.join(ROOT, 'bench'),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const proc = { name: router ? 'hive-gateway (router runtime)' : 'hive-gateway', child, exited: new Promise((r) => child.once('exit', r)) };
  // It starts beside the seed (bench/run.mjs): time enough on a busy machine.
  await waitReady(proc, `http://127.0.0.1:${port}/healthcheck`, 180_000);
  return proc;
}

/** The minimal `pg` handler of the single-subgraph query (bench/lib/limit-server.mjs): the limit. */
export async function startLimit(db, port) {
  const proc = startProcess('limit', 'bench/lib/limit-server.mjs', { PORT: String(port), DATABASE_URL: db.databaseUrl('partners'), DATABASE_POOL_SIZE: '20' });
  await waitReady(proc, `http://127.0.0.1:${port}/`);
  return proc;
}

export function devKeys() {
  return { user: generateKeyPairPem(), gateway: generateKeyPairPem() };
}

export { stopProcess, startProcess, waitReady };
