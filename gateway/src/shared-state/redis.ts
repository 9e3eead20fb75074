import type Redis from 'ioredis';
import type { Logger } from '@mitgen/subgraph-kit/runtime';
import type { GatewayMetrics } from '../metrics';

/** What a Redis command was for, as the failures metric labels it. */
export type RedisUse = 'cache' | 'apq' | 'rate-limit';

/**
 * The one Redis connection of a gateway (REDIS_URL), shared by the response cache, the persisted
 * queries and the rate limits. Redis is an optimisation, never a dependency: while it is down or
 * slower than REDIS_TIMEOUT_MS, callers of `run` get `undefined` at once (no queueing), the gauge
 * `mitgen_gateway_redis_up` is 0 and one warning is logged; ioredis reconnects by itself and the
 * next answered command brings everything back.
 */
export class SharedRedis {
  readonly client: Redis;
  private up = false;
  private warned = false;

  constructor(
    url: string,
    timeoutMs: number,
    private readonly log: Logger,
    private readonly metrics: GatewayMetrics,
  ) {
    // Loaded only with REDIS_URL: a gateway without Redis never needs ioredis in memory.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
    const IORedis = require('ioredis') as typeof Redis;
    this.client = new IORedis(url, {
      // Commands while disconnected fail at once instead of waiting in a queue.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: timeoutMs,
      connectTimeout: Math.max(timeoutMs, 1_000),
      // Keep trying to reconnect, at most every 2 s.
      retryStrategy: (times) => Math.min(100 * times, 2_000),
    });
    metrics.redisUp.set(0);
    this.client.on('ready', () => this.markUp());
    this.client.on('error', (e: Error) => this.markDown(e.message));
    this.client.on('close', () => this.markDown('connection closed'));
  }

  /** Whether commands are sent now (connected and not known to be failing). */
  get ready(): boolean {
    return this.client.status === 'ready';
  }

  /** Waits (at most `ms`) for the first connection, so that a fresh replica counts in Redis from its first request. */
  async connected(ms: number): Promise<boolean> {
    if (this.ready) return true;
    return new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.client.once('ready', onReady);
    });
  }

  /** Runs a command; on failure or timeout counts it, warns once per outage and answers `undefined`. */
  async run<T>(use: RedisUse, command: (r: Redis) => Promise<T>): Promise<T | undefined> {
    if (!this.ready) {
      this.metrics.redisFailures.inc({ use });
      return undefined;
    }
    try {
      const result = await command(this.client);
      this.markUp();
      return result;
    } catch (e) {
      this.metrics.redisFailures.inc({ use });
      this.markDown((e as Error).message, use);
      return undefined;
    }
  }

  /** A command failed or Redis went away: bypassed until it answers again. */
  markDown(reason: string, use?: RedisUse): void {
    this.metrics.redisUp.set(0);
    this.up = false;
    if (this.warned) return;
    this.warned = true;
    this.log.warn({ err: reason, use }, '[gateway] Redis (REDIS_URL) unavailable: response cache bypassed, persisted queries and rate limits in-process until it answers');
  }

  private markUp(): void {
    if (this.up) return;
    this.up = true;
    this.metrics.redisUp.set(1);
    if (this.warned) this.log.info('[gateway] Redis (REDIS_URL) answers again: shared cache, persisted queries and rate limits resumed');
    this.warned = false;
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
