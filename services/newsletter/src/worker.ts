import {
  createMailTransport,
  createOutboxWorker,
  type MailTransport,
  type OutboxWorker,
  type OutboxWorkerOptions,
  type SubgraphDeps,
} from '@mitgen/subgraph-kit';
import type { NewsletterDeps } from './context';
import { createEditionDispatcher, type EditionDispatcher } from './edition/edition.dispatcher';
import type { NewsletterEnv } from './env';
import { editionTransport } from './mail/edition.transport';
import { purgeExpired } from './retention/retention';

/** The newsletter's background work in one process: dispatcher, outbox sender, retention. */
export interface NewsletterWorker {
  dispatcher: EditionDispatcher;
  outbox: OutboxWorker;
  start(): void;
  /** Stops the loops; the outbox worker finishes the batch in hand. */
  stop(): Promise<void>;
}

export interface NewsletterWorkerOptions {
  /** Replaces the transport made from SMTP_URL / MAIL_DIR (tests, benchmark). */
  transport?: MailTransport;
  outbox?: Partial<OutboxWorkerOptions>;
  /** Recipients queued per transaction. */
  pageSize?: number;
  /** Pause of the dispatcher loop when there is nothing to do. */
  idleMs?: number;
  /** How often retention runs. */
  retentionEveryMs?: number;
}

/** Sender domain for Message-IDs: the domain of MAIL_FROM. */
const domainOf = (from: string) => /@([^>\s]+)/.exec(from)?.[1] ?? 'mitgen.local';

/**
 * Builds the worker: the kit's outbox worker (steady MAIL_RATE_PER_SECOND, retries) with the
 * edition-aware transport, the edition dispatcher and hourly retention. Recipients are queued
 * while earlier ones are already being sent.
 */
export function createNewsletterWorker(deps: SubgraphDeps<NewsletterEnv, NewsletterDeps>, options: NewsletterWorkerOptions = {}): NewsletterWorker {
  const { env, ds, log, clock, services } = deps;
  const inner = options.transport ?? createMailTransport({ smtpUrl: env.SMTP_URL, mailDir: env.MAIL_DIR, maxConnections: env.MAIL_SMTP_CONNECTIONS });
  const rate = env.MAIL_RATE_PER_SECOND;
  const outbox = createOutboxWorker({
    ds,
    log,
    clock,
    transport: editionTransport(inner, ds, services.links),
    from: env.MAIL_FROM,
    messageIdDomain: domainOf(env.MAIL_FROM),
    ratePerSecond: rate,
    // About a fifth of a second's worth per round (at most 100 in flight) keeps the rate steady and memory small.
    batchSize: Math.max(10, Math.min(100, Math.ceil(rate / 5))),
    journal: { dir: env.MAIL_JOURNAL_DIR, name: 'newsletter' },
    ...options.outbox,
  });
  const dispatcher = createEditionDispatcher({ ds, log, clock, graph: services.graph, links: services.links, pageSize: options.pageSize });
  const idleMs = options.idleMs ?? 2000;
  const retentionEveryMs = options.retentionEveryMs ?? 3600_000;

  let stopping = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  const run = async () => {
    let lastRetention = 0;
    while (!stopping) {
      try {
        await dispatcher.runOnce();
        if (Date.now() - lastRetention >= retentionEveryMs) {
          lastRetention = Date.now();
          const report = await purgeExpired(ds, clock.now());
          log.info({ report }, 'newsletter retention done');
        }
      } catch (e) {
        log.error({ err: e }, 'newsletter dispatcher pass failed');
      }
      if (!stopping) await new Promise<void>((r) => ((wake = r), setTimeout(r, idleMs).unref()));
    }
  };

  return {
    dispatcher,
    outbox,
    start() {
      services.wakeDispatcher = () => wake?.();
      outbox.start();
      loop ??= run();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await outbox.stop();
    },
  };
}
