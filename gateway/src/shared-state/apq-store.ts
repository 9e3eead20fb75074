import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { SharedRedis } from './redis';

const PREFIX = 'mitgen:apq:';
/** How long Redis keeps a registered query nobody asked for again (each use refreshes it). */
const REDIS_TTL_SECONDS = 7 * 24 * 3600;

/** The in-process store of registered persisted queries (16 MB LRU). */
export function memoryApqStore(): InMemoryLRUCache<string> {
  return new InMemoryLRUCache<string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (v: string) => v.length || 1 });
}

/**
 * Registered persisted queries shared through Redis, so a query registered on one replica runs by
 * hash on every other. An entry never changes (its key is its body's hash), so each process keeps
 * a copy of what it saw; while Redis is unavailable registrations stay in-process.
 */
export class RedisApqStore implements KeyValueCache<string> {
  private readonly local = memoryApqStore();

  constructor(private readonly redis: SharedRedis) {}

  async get(key: string): Promise<string | undefined> {
    const own = await this.local.get(key);
    if (own !== undefined) return own;
    const shared = await this.redis.run('apq', (r) => r.getex(PREFIX + key, 'EX', REDIS_TTL_SECONDS));
    if (shared == null) return undefined;
    await this.local.set(key, shared);
    return shared;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.local.set(key, value, options);
    const ttl = options?.ttl ? Math.ceil(options.ttl) : REDIS_TTL_SECONDS;
    await this.redis.run('apq', (r) => r.set(PREFIX + key, value, 'EX', ttl));
  }

  async delete(key: string): Promise<boolean | void> {
    await this.local.delete(key);
    await this.redis.run('apq', (r) => r.del(PREFIX + key));
  }
}
