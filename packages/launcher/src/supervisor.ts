// Keeps the processes of `npm start` running: a process that ends by itself is started again after
// a back-off, while the others keep serving; only a crash loop makes the launcher give up.

/** One start of a supervised process. */
export interface Incarnation {
  /** Resolves once it serves; rejects when it does not come up (its message says why). */
  ready: Promise<void>;
  /** Resolves when it ended, with how, e.g. `was killed (SIGKILL)`. */
  ended: Promise<string>;
  /** Stops it (for shutdown); resolves when it is gone. */
  stop(): Promise<void>;
  /** Ends it at once (SIGKILL), when a shutdown ran out of time. */
  kill(): void;
}

/** When to restart and when to give up. */
export interface RestartPolicy {
  /** Delay before the first restart; it doubles with every crash inside `windowMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** This many crashes (or failed restarts) within `windowMs` is a crash loop: give up. */
  maxCrashes: number;
  windowMs: number;
}

/** The launcher always ends within this time after SIGINT/SIGTERM (docker-compose's stop_grace_period matches it). */
export const SHUTDOWN_SECONDS = 30;

/** The launcher's policy: 1 s, 2 s, 4 s, 8 s … back-off; five crashes within two minutes is a loop. */
export const RESTART_POLICY: RestartPolicy = { initialDelayMs: 1000, maxDelayMs: 30_000, maxCrashes: 5, windowMs: 120_000 };

export interface SuperviseOptions {
  policy?: RestartPolicy;
  /** One line for the console. */
  say(line: string): void;
  /** A crash loop: the launcher stops everything (called once, with the line that says why). */
  giveUp(line: string): void;
}

/** A supervised process: `stop` ends it and any restart in progress. */
export interface Supervised {
  readonly name: string;
  /** Restarts so far. */
  readonly restarts: number;
  stop(): Promise<void>;
  kill(): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/**
 * Watches `first` (already started and ready); whenever the current incarnation ends while the
 * launcher is not stopping, starts a new one with `start` after the policy's back-off.
 */
export function supervise(name: string, first: Incarnation, start: () => Incarnation, o: SuperviseOptions): Supervised {
  const policy = o.policy ?? RESTART_POLICY;
  let current = first;
  let stopping = false;
  let restarts = 0;
  let wake: (() => void) | undefined;
  const crashes: number[] = [];

  /** Records a crash; false when that makes a crash loop. */
  const crashed = (): boolean => {
    const now = Date.now();
    crashes.push(now);
    while (now - crashes[0] > policy.windowMs) crashes.shift();
    return crashes.length < policy.maxCrashes;
  };
  const delay = () => Math.min(policy.initialDelayMs * 2 ** (crashes.length - 1), policy.maxDelayMs);
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loopLine = () => `${name} crashed ${crashes.length} times within ${seconds(policy.windowMs)}: giving up and stopping everything (its own lines above say why)`;

  void (async () => {
    for (;;) {
      const how = await current.ended;
      if (stopping) return;
      if (!crashed()) return o.giveUp(`${name} ${how}; ${loopLine()}`);
      let wait = delay();
      o.say(`${name} ${how}; restarting it in ${seconds(wait)}, the rest keeps running`);
      for (;;) {
        await sleep(wait);
        if (stopping) return;
        const began = Date.now();
        current = start();
        restarts++;
        try {
          await current.ready;
          if (stopping) return;
          o.say(`${name} is back (restart ${restarts}, ready after ${seconds(Date.now() - began)})`);
          break;
        } catch (e) {
          if (stopping) return;
          await current.stop().catch(() => undefined);
          if (!crashed()) return o.giveUp(`${name} did not come back (${(e as Error).message}); ${loopLine()}`);
          wait = delay();
          o.say(`${name} did not come back (${(e as Error).message}); trying again in ${seconds(wait)}`);
        }
      }
    }
  })();

  return {
    name,
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      wake?.();
      await current.stop();
    },
    kill: () => current.kill(),
  };
}
