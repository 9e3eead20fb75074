import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { SharedRedis } from '../shared-state/redis';

// The response cache's store with invalidation by entity tags (docs/gateway.md, "Response cache").
// Subgraphs name the entities an answer contains (`Partner:<id>`, `Partner`, `Partner[]` for list
// membership; kit cache-tags.ts); the gateway records them next to the stored answer. A mutation's
// answer names what it changed, and the stored answers with one of those tags are deleted — here,
// or in the shared Redis so that every replica stops serving them at once. An answer that came
// without tags (a subgraph that does not name them) carries UNTAGGED: every mutation drops it.

/** Tag of answers whose entities are unknown: dropped by every mutation. */
export const UNTAGGED = '*';

/** The cache key Apollo's response cache plugin passes to `set` begins with this. */
const PLUGIN_PREFIX = 'fqc:';

/** A KeyValueCache whose entries carry tags; `invalidate` drops all entries with any of the tags. */
export interface TaggedCache extends KeyValueCache<string> {
  /** The tags the next `set` of this key records (the gateway's cache-key hook names them just before). */
  tagNext(key: string, tags: Iterable<string>): void;
  /** Drops every stored answer that carries one of the tags; resolves to how many were dropped (when known). */
  invalidate(tags: Iterable<string>): Promise<number>;
}

abstract class Tagging {
  private readonly next = new Map<string, string[]>();

  tagNext(key: string, tags: Iterable<string>): void {
    this.next.set(key, [...tags]);
  }

  /** The tags named for this key (set once, right before the plugin stores the answer). */
  protected tagsOf(key: string): string[] {
    const k = key.startsWith(PLUGIN_PREFIX) ? key.slice(PLUGIN_PREFIX.length) : key;
    const tags = this.next.get(k);
    this.next.delete(k);
    return tags?.length ? tags : [UNTAGGED];
  }
}

/** In one process (no REDIS_URL): an LRU of answers and an index tag → keys. */
export class MemoryTaggedCache extends Tagging implements TaggedCache {
  private readonly lru: InMemoryLRUCache<string>;
  private readonly index = new Map<string, Set<string>>();

  constructor(maxBytes: number) {
    super();
    this.lru = new InMemoryLRUCache<string>({ maxSize: maxBytes, sizeCalculation: (v: string) => v.length || 1 });
  }

  get(key: string): Promise<string | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    // The index only grows with stored answers; past a bound it is rebuilt from nothing (a flush).
    if (this.index.size > 100_000) {
      this.index.clear();
      this.lru.clear();
    }
    for (const tag of this.tagsOf(key)) {
      let keys = this.index.get(tag);
      if (!keys) this.index.set(tag, (keys = new Set()));
      keys.add(key);
    }
    await this.lru.set(key, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.lru.delete(key);
  }

  async invalidate(tags: Iterable<string>): Promise<number> {
    let dropped = 0;
    for (const tag of tags) {
      const keys = this.index.get(tag);
      if (!keys) continue;
      this.index.delete(tag);
      for (const key of keys) if (await this.lru.delete(key)) dropped++;
    }
    return dropped;
  }
}

const VALUE = 'mitgen:rc:';
const TAG = 'mitgen:rct:';

// Stores an answer and adds its key to the set of each tag; a tag's set lives as long as its
// longest-lived answer.
const SET_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local ttl = tonumber(ARGV[2])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('TTL', KEYS[i]) < ttl then redis.call('EXPIRE', KEYS[i], ttl) end
end
return 1`;

// Deletes the answers in the sets of the given tags, and the sets.
const INVALIDATE_SCRIPT = `
local n = 0
for i = 1, #KEYS do
  local keys = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #keys, 500 do
    n = n + redis.call('DEL', unpack(keys, j, math.min(j + 499, #keys)))
  end
  redis.call('DEL', KEYS[i])
end
return n`;

/**
 * Shared by every gateway on the same Redis: answers and tag sets live there only (no copy in
 * the process), so an invalidation through one replica is seen by all at once. While Redis is
 * unavailable the cache is bypassed (misses, nothing stored); invalidations that could not be
 * sent are sent first when it answers again.
 */
export class RedisTaggedCache extends Tagging implements TaggedCache {
  private readonly unsent = new Set<string>();
  private flushAll = false;

  constructor(private readonly redis: SharedRedis) {
    super();
    redis.client.defineCommand('mitgenCacheSet', { lua: SET_SCRIPT });
    redis.client.defineCommand('mitgenCacheInvalidate', { lua: INVALIDATE_SCRIPT });
  }

  async get(key: string): Promise<string | undefined> {
    if ((this.unsent.size || this.flushAll) && !(await this.sendUnsent())) return undefined;
    return (await this.redis.run('cache', (r) => r.get(VALUE + key))) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const tags = this.tagsOf(key);
    if (this.unsent.size || this.flushAll) return;
    const ttl = Math.max(1, Math.ceil(options?.ttl ?? 30));
    await this.redis.run('cache', (r) => (r as unknown as Scripts).mitgenCacheSet(1 + tags.length, VALUE + key, ...tags.map((t) => TAG + t), value, ttl));
  }

  async delete(key: string): Promise<boolean | void> {
    return (await this.redis.run('cache', (r) => r.del(VALUE + key))) === 1;
  }

  async invalidate(tags: Iterable<string>): Promise<number> {
    const list = [...tags];
    if (!list.length) return 0;
    const n = await this.redis.run('cache', (r) => (r as unknown as Scripts).mitgenCacheInvalidate(list.length, ...list.map((t) => TAG + t)));
    if (n === undefined) {
      // Not sent: the cache stays bypassed here until it is (a bounded list; past it, every tag goes).
      for (const t of list) this.unsent.add(t);
      if (this.unsent.size > 10_000) this.flushAll = true;
    }
    return n ?? 0;
  }

  /** Sends invalidations kept while Redis was unavailable; whether none are left. */
  private async sendUnsent(): Promise<boolean> {
    if (!this.redis.ready) return false;
    const list = [...this.unsent];
    // After an overflow every stored answer goes.
    const all = this.flushAll;
    const n = all ? await this.redis.run('cache', (r) => flushAnswers(r)) : await this.redis.run('cache', (r) => (r as unknown as Scripts).mitgenCacheInvalidate(list.length, ...list.map((t) => TAG + t)));
    if (n === undefined) return false;
    if (all) {
      this.flushAll = false;
      this.unsent.clear();
    } else for (const t of list) this.unsent.delete(t);
    return this.unsent.size === 0 && !this.flushAll;
  }
}

/** Deletes every stored answer and tag set (SCAN, not KEYS, so Redis stays responsive). */
async function flushAnswers(r: SharedRedis['client']): Promise<number> {
  let n = 0;
  for (const prefix of [VALUE, TAG]) {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) n += await r.del(...keys);
    } while (cursor !== '0');
  }
  return n;
}

interface Scripts {
  mitgenCacheSet(numKeys: number, ...args: (string | number)[]): Promise<number>;
  mitgenCacheInvalidate(numKeys: number, ...tags: string[]): Promise<number>;
}
