import { isIPv6 } from 'node:net';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger, Principal } from '@mitgen/subgraph-kit/runtime';
import type { GatewayEnv } from './env';

/** The limits the gateway keeps counters for. */
export type LimitName = 'anonymous' | 'apiKey' | 'account' | 'strict' | 'login' | 'badCredentials';

/** A refused request: when the client may try again. */
export class RateLimited extends Error {
  constructor(
    readonly limit: LimitName,
    readonly retryAfterSeconds: number,
  ) {
    super(`Too many requests; try again in ${retryAfterSeconds} s`);
  }
}

/**
 * Counts requests per client: per IP address without credentials, per API key for partner
 * servers, per account when signed in; plus stricter counters per IP for public mutations and
 * for `login` and refused tokens or API keys (guessing). In-process by default; with REDIS_URL the
 * counters live in Redis (atomic increments) so that all replicas together allow each limit once;
 * while Redis is unavailable each process counts on its own.
 */
export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterAbstract>;

  constructor(
    env: GatewayEnv,
    log: Logger,
    redisClient?: unknown,
  ) {
    const make = (keyPrefix: LimitName, points: number, duration: number): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      if (!redisClient) return memory;
      // When Redis is unreachable, counting goes on in-process instead of refusing everybody.
      return new RateLimiterRedis({ storeClient: redisClient, keyPrefix: `mitgen:rl:${keyPrefix}`, points, duration, insuranceLimiter: memory, rejectIfRedisNotReady: true });
    };
    const w = env.RATE_LIMIT_WINDOW_SECONDS;
    this.limiters = {
      anonymous: make('anonymous', env.RATE_LIMIT_ANONYMOUS, w),
      apiKey: make('apiKey', env.RATE_LIMIT_API_KEY, w),
      account: make('account', env.RATE_LIMIT_ACCOUNT, w),
      strict: make('strict', env.RATE_LIMIT_STRICT, env.RATE_LIMIT_STRICT_WINDOW_SECONDS),
      login: make('login', env.RATE_LIMIT_LOGIN, env.RATE_LIMIT_STRICT_WINDOW_SECONDS),
      badCredentials: make('badCredentials', env.RATE_LIMIT_BAD_CREDENTIALS, w),
    };
    if (redisClient) log.debug('[gateway] rate-limit counters are kept in Redis');
  }

  /** Takes `points` from a counter; throws RateLimited when it is used up. */
  async consume(limit: LimitName, key: string, points = 1): Promise<RateLimiterRes> {
    try {
      return await this.limiters[limit].consume(key, points);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw new RateLimited(limit, Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
      throw e;
    }
  }

  /** Whether a counter is used up, without taking from it. */
  async exhausted(limit: LimitName, key: string): Promise<RateLimited | undefined> {
    const res = await this.limiters[limit].get(key);
    return res && res.consumedPoints >= this.limiters[limit].points
      ? new RateLimited(limit, Math.max(1, Math.ceil(res.msBeforeNext / 1000)))
      : undefined;
  }

  /** Limit and key of a caller's general counter. */
  static general(principal: Principal, ip: string): { limit: LimitName; key: string } {
    if (principal.role === 'ANONYMOUS') return { limit: 'anonymous', key: clientKey(ip) };
    if (principal.role === 'API_CLIENT') return { limit: 'apiKey', key: principal.subject ?? clientKey(ip) };
    return { limit: 'account', key: principal.subject ?? clientKey(ip) };
  }

  limitOf(limit: LimitName): number {
    return this.limiters[limit].points;
  }
}

/**
 * The counter key of a client address: IPv6 clients are counted per /64 network (one
 * household or server usually owns a whole /64 and could rotate through it).
 */
export function clientKey(ip: string): string {
  if (!isIPv6(ip)) return ip;
  if (ip.startsWith('::ffff:')) return ip.slice(7);
  const [head] = expandIPv6(ip);
  return `${head}::/64`;
}

function expandIPv6(ip: string): [string] {
  const [left, right = ''] = ip.split('::');
  const l = left ? left.split(':') : [];
  const r = right ? right.split(':') : [];
  const groups = ip.includes('::') ? [...l, ...Array(8 - l.length - r.length).fill('0'), ...r] : l;
  return [groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')];
}

/** The GraphQL error of a refused request: 429 with Retry-After. */
export function rateLimitedError(e: RateLimited): GraphQLError {
  return new GraphQLError(e.message, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds: e.retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(e.retryAfterSeconds)]]) },
    },
  });
}
