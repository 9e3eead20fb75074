import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, isPortTaken } from '@mitgen/embedded-db';
import { subgraphs } from '@mitgen/registry';
import { Client } from 'pg';
import { gql, gqlOk } from '@mitgen/test-kit';

// These tests run `npm start`'s launcher as a real process tree: embedded PostgreSQL, four
// subgraphs and the gateway, each on free ports, in a temporary data folder.
const ROOT = path.resolve(__dirname, '../../..');
const LAUNCHER = path.join(ROOT, 'packages/launcher/dist/main.js');

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterAll(() => running.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL')));

function run(script: string, env: Record<string, string>, args: string[] = []): Proc {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(proc: Proc, pattern: RegExp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(proc.output())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${proc.output()}`);
    if (proc.child.exitCode !== null) throw new Error(`exited (${proc.child.exitCode}) before ${pattern}; output:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ports(): Promise<Record<string, string>> {
  const names = ['PORT', ...subgraphs().map((s) => s.portSetting), 'EMBEDDED_PG_PORT'];
  const values = await Promise.all(names.map(() => freePort()));
  return Object.fromEntries(names.map((n, i) => [n, String(values[i])]));
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-launcher-'));
  chmodSync(dir, 0o755); // the postgres user must be able to enter it
  dirs.push(dir);
  return dir;
}

const env = { DATABASE_URL: '', LOG_LEVEL: 'warn', NODE_ENV: 'development' };

test('npm start runs the graph with demo data, stops cleanly on Ctrl-C and keeps the data for the next start', async () => {
  const data = dataDir();
  const p = await ports();
  const first = run(LAUNCHER, { ...env, ...p, DATA_DIR: data });
  await waitFor(first, /MitGeN graph is running/);
  const url = `http://127.0.0.1:${p.PORT}/graphql`;
  const before = await gqlOk(url, '{ partners { totalCount } events { totalCount } }');
  expect(before.partners.totalCount).toBeGreaterThan(5);
  first.child.kill('SIGINT');
  expect(await first.exited).toBe(0);
  expect(existsSync(path.join(data, 'postgres', 'postmaster.pid'))).toBe(false);
  for (const port of Object.values(p)) expect(await isPortTaken(Number(port))).toBe(false);

  const second = run(LAUNCHER, { ...env, ...p, DATA_DIR: data });
  await waitFor(second, /MitGeN graph is running/);
  // the same data, not seeded twice
  expect(await gqlOk(url, '{ partners { totalCount } events { totalCount } }')).toEqual(before);
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
}, 240_000); // two full starts, the first with initdb, migrations and demo data: minutes on a busy 2-core machine

/** Processes below `root` (children, grandchildren, …) with their command lines, from /proc. */
function descendants(root: number): Array<{ pid: number; ppid: number; comm: string; cmdline: string }> {
  const all = readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return [{ pid: Number(e), ppid, comm, cmdline: readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ') }];
      } catch {
        return []; // gone meanwhile
      }
    });
  const found: typeof all = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const p of all.filter((x) => x.ppid === parent)) {
      found.push(p);
      queue.push(p.pid);
    }
  }
  return found;
}

const pidOf = (proc: Proc, script: string) => descendants(proc.child.pid!).find((p) => p.cmdline.includes(script))?.pid;

/** Retries `fn` until it returns something truthy (the launcher restarts things in its own time). */
async function eventually<T>(fn: () => Promise<T>, what: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what} did not happen: ${String(last)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('a crash heals itself: a killed subgraph and a killed PostgreSQL come back while the rest serves, and SIGTERM still ends the launcher', async () => {
  const p = await ports();
  const proc = run(LAUNCHER, { ...env, ...p, DATA_DIR: dataDir() });
  await waitFor(proc, /MitGeN graph is running/);
  const url = `http://127.0.0.1:${p.PORT}/graphql`;
  const before = await gqlOk(url, '{ partners { totalCount } events { totalCount } }');
  const others = ['gateway/dist/main.js', 'services/partners/dist/main.js'].map((s) => pidOf(proc, s));

  // kill -9 of one subgraph: the others keep answering, the launcher says so and starts it again.
  const events = pidOf(proc, 'services/events/dist/main.js')!;
  process.kill(events, 'SIGKILL');
  expect((await gqlOk(url, '{ meanwhile: partners { totalCount } }')).meanwhile).toEqual(before.partners);
  await waitFor(proc, /\[launcher\] events was killed \(SIGKILL\); restarting it in [\d.]+ s, the rest keeps running/);
  await waitFor(proc, /\[launcher\] events is back \(restart 1/);
  expect(await gqlOk(url, '{ back: events { totalCount } }')).toEqual({ back: before.events });
  expect(pidOf(proc, 'services/events/dist/main.js')).not.toBe(events);
  expect(['gateway/dist/main.js', 'services/partners/dist/main.js'].map((s) => pidOf(proc, s))).toEqual(others);

  // kill -9 of PostgreSQL. Its port is held for a moment so that the outage is certain to be seen:
  // answers say SERVICE_UNAVAILABLE (not INTERNAL_SERVER_ERROR) and /ready says 503.
  const postgres = descendants(proc.child.pid!).find((x) => x.comm === 'postgres' && x.cmdline.includes(' -D '))!;
  process.kill(postgres.pid, 'SIGKILL');
  const blocker = (await eventually(
    () =>
      new Promise<net.Server | undefined>((resolve) => {
        const server = net.createServer((socket) => socket.destroy());
        server.once('error', () => resolve(undefined));
        server.listen(Number(p.EMBEDDED_PG_PORT), '127.0.0.1', () => resolve(server));
      }),
    'taking the port of the killed PostgreSQL',
    10_000,
  ))!;
  try {
    // A query no cache has seen: the answer must come from the partners service now.
    const down = await gql(url, '{ outage: partners { totalCount } }');
    expect(down.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(down.errors![0]).toMatchObject({ extensions: { service: 'partners' }, message: expect.stringMatching(/partners service cannot reach its database/) });
    expect((await fetch(`http://127.0.0.1:${p.PORT}/ready`)).status).toBe(503);
    await waitFor(proc, /\[launcher\] PostgreSQL was killed \(SIGKILL\); restarting it/);
  } finally {
    await new Promise((r) => blocker.close(r));
  }
  await waitFor(proc, /\[launcher\] PostgreSQL is back/);
  // The services reconnect by themselves: no restart of theirs, the same data.
  let attempt = 0;
  const again = await eventually(async () => {
    const res = await gql(url, `{ partners { totalCount } events { totalCount } attempt${++attempt}: topics(first: 1) { totalCount } }`);
    return res.errors === undefined && res.data;
  }, 'answering again');
  expect({ partners: again.partners, events: again.events }).toEqual(before);
  expect((await fetch(`http://127.0.0.1:${p.PORT}/ready`)).status).toBe(200);
  expect(pidOf(proc, 'services/partners/dist/main.js')).toBe(others[1]);
  expect(proc.output()).not.toMatch(/stopping everything|giving up/);

  proc.child.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
  for (const port of Object.values(p)) expect(await isPortTaken(Number(port))).toBe(false);
}, 300_000); // a full start with initdb and demo data, two restarts and a shutdown: minutes on a busy 2-core machine

test('a subgraph that cannot start stops the launcher with its name, and nothing is left running', async () => {
  const p = await ports();
  const blocker = net.createServer().listen(Number(p.EVENTS_PORT), '0.0.0.0');
  try {
    const proc = run(LAUNCHER, { ...env, ...p, DATA_DIR: dataDir() });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain(`[events] port ${p.EVENTS_PORT} is already taken; set PORT to another port`);
    expect(proc.output()).toMatch(/\[launcher\] events failed to start/);
    for (const name of ['PARTNERS_PORT', 'RESOURCES_PORT', 'NEWSLETTER_PORT', 'EMBEDDED_PG_PORT']) {
      expect(await isPortTaken(Number(p[name]))).toBe(false);
    }
  } finally {
    blocker.close();
  }
});

test('an unreachable DATABASE_URL gives one clear line naming service and host, and exit code 1', async () => {
  const port = await freePort();
  const proc = run(path.join(ROOT, 'services/partners/dist/main.js'), {
    DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/mitgen_partners`,
    PORT: String(await freePort()),
  });
  expect(await proc.exited).toBe(1);
  expect(proc.output().trim()).toBe(
    `[partners] cannot connect to PostgreSQL at 127.0.0.1:${port}/postgres: connection refused (is PostgreSQL running there?)`,
  );
});

test('invalid settings are listed before exit', async () => {
  const proc = run(LAUNCHER, { ...env, PORT: 'eighty', DATA_DIR: dataDir() });
  expect(await proc.exited).toBe(1);
  expect(proc.output()).toMatch(/^\[launcher\] invalid settings:\n\s+PORT:/);
});

test('the deploy step creates and migrates the database of every subgraph in the registry', async () => {
  const server = new URL(process.env.TEST_PG_URL!);
  const proc = run(path.join(ROOT, 'packages/launcher/dist/migrate.js'), { DATABASE_SERVER_URL: server.toString(), LOG_LEVEL: 'warn' });
  expect(await proc.exited).toBe(0);
  for (const s of subgraphs()) {
    const url = new URL(server);
    url.pathname = `/${s.database}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM migrations');
      expect({ subgraph: s.name, migrated: rows[0].n > 0 }).toEqual({ subgraph: s.name, migrated: true });
    } finally {
      await client.end();
    }
  }
  expect(proc.output()).toMatch(new RegExp(`${subgraphs().length} subgraph database\\(s\\) up to date`));
});

test('the deploy step refuses to run without a server URL', async () => {
  const proc = run(path.join(ROOT, 'packages/launcher/dist/migrate.js'), { DATABASE_SERVER_URL: '' });
  expect(await proc.exited).toBe(1);
  expect(proc.output()).toMatch(/DATABASE_SERVER_URL must be/);
});
