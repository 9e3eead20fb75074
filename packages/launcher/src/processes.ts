import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// Starting, waiting for and stopping the processes of the stack (launcher and benchmark).

export const ROOT = path.resolve(__dirname, '../../..');

/**
 * Node flags of every process of the stack: the idle-memory preload (idle-memory.ts), which hands the
 * young generation's memory back once a process is idle (~25-30 MiB per process; nothing under load).
 * No V8 semi-space flag: `--max-semi-space-size=4` saves as much, but costs 10-25 % more CPU per
 * request under load (bench/results/2026-12-01-dfd893b-semi-space.md).
 */
export const NODE_FLAGS: string[] = ['--require', path.join(__dirname, 'idle-memory.js')];

/**
 * Environment defaults of every process of the stack (the host's settings win). MALLOC_ARENA_MAX=2:
 * glibc's malloc keeps an arena per thread that allocates (up to 8 per core), each holding on to
 * freed memory; two cut the idle stack further at no measured CPU cost per request (README, Memory;
 * `node bench/defaults-ab.mjs`).
 */
export const PROCESS_ENV: Record<string, string> = { MALLOC_ARENA_MAX: '2' };

/** A Node process of the stack, started by `startProcess`. */
export interface Running {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** A process of the stack did not start; the message says which and why. */
export class LaunchError extends Error {}

/** Starts a Node process of the stack; an IPC channel makes it exit if the launcher dies. */
export function startProcess(name: string, script: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [...NODE_FLAGS, path.join(ROOT, script)], {
    env: { ...PROCESS_ENV, ...process.env, ...env },
    // Own process group: Ctrl-C reaches the launcher only, which then stops everything in order.
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/** Waits until `url` answers 200, or fails when the process exits first or time runs out. */
export async function waitReady(proc: Running, url: string, timeoutMs = 60_000): Promise<void> {
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new LaunchError(`${proc.name} failed to start (exit code ${exitCode}); see its message above`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new LaunchError(`${proc.name} did not become ready within ${timeoutMs / 1000}s (${url})`);
}

/** SIGTERM, then SIGKILL after `killAfterMs` (15 s); resolves when the process is gone. */
export async function stopProcess(proc: Running, killAfterMs = 15_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), killAfterMs);
  await proc.exited;
  clearTimeout(timer);
}

/** How a process ended, for the console: `exited with code 1`, `was killed (SIGKILL)`. */
export function howItEnded(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed (${signal})` : `exited with code ${code}`;
}

/** A started Node process of the stack as the supervisor sees it (see supervisor.ts). */
export function nodeIncarnation(proc: Running, readyUrl: string, killAfterMs?: number) {
  return {
    proc,
    ready: waitReady(proc, readyUrl),
    ended: proc.exited.then((code) => howItEnded(code, proc.child.signalCode)),
    stop: () => stopProcess(proc, killAfterMs),
    kill: () => void proc.child.kill('SIGKILL'),
  };
}
