import { supervise, type RestartPolicy } from './supervisor';

// The restart policy on stand-in processes (the launcher test kills real ones).

const quick: RestartPolicy = { initialDelayMs: 5, maxDelayMs: 20, maxCrashes: 4, windowMs: 60_000 };

/** A stand-in process: `crash()` ends it as a kill would; `ready` fails when told so. */
function fake(fails = false) {
  let end!: (how: string) => void;
  const ended = new Promise<string>((r) => (end = r));
  const i = {
    ready: fails ? Promise.reject(new Error('port taken')) : Promise.resolve(),
    ended,
    stopped: false,
    async stop() {
      i.stopped = true;
      end('stopped');
    },
    kill: () => end('was killed (SIGKILL)'),
    crash: () => end('was killed (SIGKILL)'),
  };
  i.ready.catch(() => undefined);
  return i;
}

test('a crashed process is started again after a back-off, and each restart is told', async () => {
  const lines: string[] = [];
  const first = fake();
  const next: ReturnType<typeof fake>[] = [];
  let back!: () => void;
  const isBack = new Promise<void>((r) => (back = r));
  const s = supervise(
    'events',
    first,
    () => {
      next.push(fake());
      return next.at(-1)!;
    },
    {
      policy: quick,
      say: (l) => {
        lines.push(l);
        if (/is back/.test(l)) back();
      },
      giveUp: (l) => lines.push(`GAVE UP ${l}`),
    },
  );
  first.crash();
  await isBack;
  expect(lines).toEqual([expect.stringMatching(/^events was killed \(SIGKILL\); restarting it in 0\.0 s, the rest keeps running$/), expect.stringMatching(/^events is back \(restart 1, ready after/)]);
  expect(s.restarts).toBe(1);
  await s.stop();
  expect(next[0].stopped).toBe(true);
});

test('a crash loop (crashes and failed restarts within the window) gives up once, with a clear line', async () => {
  const lines: string[] = [];
  let gaveUp!: (line: string) => void;
  const line = new Promise<string>((r) => (gaveUp = r));
  const first = fake();
  let starts = 0;
  supervise(
    'events',
    first,
    () => {
      starts++;
      return fake(true); // never comes up
    },
    { policy: quick, say: (l) => lines.push(l), giveUp: gaveUp },
  );
  first.crash();
  expect(await line).toMatch(/^events did not come back \(port taken\); events crashed 4 times within 60 s: giving up and stopping everything/);
  expect(starts).toBe(3);
  expect(lines.filter((l) => /trying again in/.test(l))).toHaveLength(2);
});

test('stopping cancels a restart that is waiting for its back-off', async () => {
  const first = fake();
  let starts = 0;
  const s = supervise(
    'gateway',
    first,
    () => {
      starts++;
      return fake();
    },
    { policy: { ...quick, initialDelayMs: 60_000 }, say: () => undefined, giveUp: () => undefined },
  );
  first.crash();
  await new Promise((r) => setImmediate(r));
  await s.stop();
  expect(starts).toBe(0);
});
