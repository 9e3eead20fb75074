// Preloaded (`node --require`) into every Node process the launcher starts: gives the young generation's
// memory back once the process is idle. Start-up and load grow V8's young generation to two 16 MiB
// semi-spaces, and V8 shrinks it only in a GC that sees a low allocation rate over its last GCs (at
// least 5 s of them); an idle process runs no GC, and V8's memory reducer comes round only after its
// 100 s watchdog (the services' pollers keep the allocation rate above its idle mark). So a timer looks
// at the event loop every 2 s: in a quiet spell with a grown young generation it runs a minor GC (a
// scavenge of an almost empty young generation, a few ms) and another 6 s later, which then sees only
// the quiet time and shrinks the young generation (~30 MiB per process). Under load the event loop is
// never quiet, so nothing runs there but the check itself.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often the event loop is looked at, in ms (IDLE_GC_CHECK_MS). */
const CHECK_EVERY_MS = Number(process.env.IDLE_GC_CHECK_MS) || 2000;
/** Event-loop utilisation below which a window counts as quiet. */
const QUIET_BELOW = 0.05;
/** Time between the GCs of a quiet spell: V8 looks at the allocation rate of at least 5 s. */
const GC_GAP_MS = 6000;
/** A young generation this large (resident) has grown; shrunk, it takes 1-2 MiB. */
const GROWN_BYTES = 8 * 2 ** 20;
/** GCs per quiet spell at most: should V8 not shrink (a steady allocation rate), the timer stops trying until the next busy window. */
const MAX_GCS_PER_SPELL = 3;

type Gc = (options?: { type?: 'major' | 'minor' }) => unknown;

/** V8's gc() without putting it on the application's global object (as `--expose-gc` would). */
function exposeGc(): Gc | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Gc;
  } catch {
    return undefined;
  }
}

function youngGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.physical_space_size ?? 0;
}

/** Starts the idle check; IDLE_GC=false leaves memory to V8 alone. */
export function startIdleMemory(): void {
  if (process.env.IDLE_GC === 'false') return;
  const gc = exposeGc();
  if (!gc) return;
  let last = performance.eventLoopUtilization();
  let lastGc = 0;
  let gcs = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const quiet = performance.eventLoopUtilization(now, last).utilization < QUIET_BELOW;
    last = now;
    if (!quiet) gcs = 0;
    else if (gcs < MAX_GCS_PER_SPELL && (gcs === 0 || Date.now() - lastGc >= GC_GAP_MS) && youngGenerationBytes() >= GROWN_BYTES) {
      gcs++;
      lastGc = Date.now();
      gc({ type: 'minor' });
    }
  }, CHECK_EVERY_MS);
  timer.unref();
}

startIdleMemory();
