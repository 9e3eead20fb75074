import type { Logger } from 'pino';

type Step = { name: string; run: () => Promise<unknown> | unknown };

/** How long a graceful shutdown may take before the process exits anyway (containers must allow more). */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Runs the steps in order on SIGINT/SIGTERM (close the server first so in-flight requests
 * finish, then the database). A second signal exits at once.
 */
export function installShutdown(log: Logger, steps: Step[], timeoutMs = SHUTDOWN_TIMEOUT_MS): () => Promise<void> {
  let running: Promise<void> | undefined;
  const shutdown = () => {
    running ??= (async () => {
      const timer = setTimeout(() => {
        log.error('shutdown took too long; exiting');
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      for (const step of steps) {
        try {
          await step.run();
        } catch (e) {
          log.warn({ err: e }, `shutdown step "${step.name}" failed`);
        }
      }
      clearTimeout(timer);
    })();
    return running;
  };
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(1);
    log.info({ signal }, 'shutting down');
    void shutdown().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Started by the launcher over IPC: when the launcher dies (even by SIGKILL), stop too.
  if (process.send) process.once('disconnect', () => onSignal('SIGTERM'));
  return shutdown;
}
