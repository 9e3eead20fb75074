import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';

/**
 * A safelist of operations (Apollo's persisted query manifest format:
 * `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "name", "type", "body" }] }`,
 * or a plain JSON array of operation strings). Operations are known by the SHA-256 of their body,
 * which is also the hash automatic persisted queries use.
 */
export class Safelist {
  private readonly bodies = new Map<string, string>();

  constructor(operations: string[]) {
    for (const body of operations) this.bodies.set(sha256(body), body);
  }

  /** The manifest in `file`, plus operations the gateway's own features need (`always`: partner-site feeds and widget). */
  static load(file: string, always: readonly string[] = []): Safelist {
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const ops = Array.isArray(json)
      ? json.map(String)
      : ((json as { operations?: { body: string }[] }).operations ?? []).map((o) => o.body);
    if (!ops.length) throw new Error(`[gateway] SAFELIST_PATH ${file} lists no operations`);
    return new Safelist([...ops, ...always]);
  }

  has(hash: string): boolean {
    return this.bodies.has(hash);
  }

  body(hash: string): string | undefined {
    return this.bodies.get(hash);
  }

  get size(): number {
    return this.bodies.size;
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The automatic persisted queries store: what clients registered (LRU in memory) plus the
 * safelisted operations, so a client can send only `extensions.persistedQuery.sha256Hash` of a
 * safelisted operation without registering it first. Apollo prefixes the keys with `apq:`.
 */
export class PersistedQueryStore implements KeyValueCache<string> {
  constructor(
    private readonly inner: KeyValueCache<string>,
    private readonly safelist?: Safelist,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (this.safelist && key.startsWith('apq:') && this.safelist.body(key.slice(4))) || this.inner.get(key);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return this.inner.set(key, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.inner.delete(key);
  }
}
