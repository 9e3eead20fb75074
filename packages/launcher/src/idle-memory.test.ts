import { spawn } from 'node:child_process';
import path from 'node:path';
import { NODE_FLAGS, PROCESS_ENV } from './processes';

// The idle-memory preload in a real Node process, started with the launcher's own flags: a busy
// start grows the young generation; once the process is idle, the preload lets V8 shrink it.
const CHILD = `
const v8 = require('node:v8');
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').physical_space_size;
// Busy: objects that survive scavenges make V8 grow the young generation.
let keep = [];
const end = Date.now() + 1500;
while (Date.now() < end) {
  for (let i = 0; i < 20000; i++) keep.push({ i, s: 'x' + i });
  if (keep.length > 200000) keep = [];
}
keep = null;
const grown = young();
const globalGc = typeof globalThis.gc;
// Idle: a light timer only; report once the young generation is small again (or give up after 60 s).
const started = Date.now();
const timer = setInterval(() => {
  const now = young();
  if (now < 4 * 2 ** 20 || Date.now() - started > 60000) {
    clearInterval(timer);
    console.log(JSON.stringify({ grown, now, globalGc }));
  }
}, 100);
`;

function runChild(env: Record<string, string>): Promise<{ grown: number; now: number; globalGc: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, '-e', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit code ${code}: ${out}`))));
  });
}

test('the launcher preloads the idle-memory module into every process and sets two malloc arenas', () => {
  expect(NODE_FLAGS).toEqual(['--require', path.join(__dirname, 'idle-memory.js')]);
  expect(PROCESS_ENV).toEqual({ MALLOC_ARENA_MAX: '2' });
});

test('an idle process gives its grown young generation back, without a global gc()', async () => {
  const r = await runChild({ IDLE_GC_CHECK_MS: '200' });
  expect(r.grown).toBeGreaterThanOrEqual(8 * 2 ** 20);
  expect(r.now).toBeLessThan(4 * 2 ** 20);
  expect(r.globalGc).toBe('undefined');
}, 90_000);
