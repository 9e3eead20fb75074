import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, isPortTaken } from '@mitgen/embedded-db';
import { subgraphs } from '@mitgen/registry';
import { Client } from 'pg';
import { gqlOk } from '@mitgen/test-kit';

// These tests run `npm start`'s launcher as a real process tree: embedded PostgreSQL, four
// subgraphs and the gateway, each on free ports, in a temporary data folder.
const ROOT = path.resolve(__dirname, '../../..');
const LAUNCHER = path.join(ROOT, 'packages/launcher/dist/main.js');

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(script: string, env: Record<string, string>, args: string[] = []): Proc {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
