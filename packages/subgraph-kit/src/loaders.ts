import DataLoader from 'dataloader';
import { In, type DataSource, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { isUuid } from './ids';

/**
 * Per-request home of DataLoaders: created in the request context so that batching and
 * caching never outlive one request (no module-level caches).
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown, unknown>>();

  /** The loader registered under `name`, created on first use. */
  get<K, V, C = K>(
    name: string,
    batch: DataLoader.BatchLoadFn<K, V>,
    options?: DataLoader.Options<K, V, C>,
  ): DataLoader<K, V, C> {
    // One map holds loaders of every key and value type; each name always gets the same types.
    let loader = this.loaders.get(name) as DataLoader<K, V, C> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, C>(batch, options);
      this.loaders.set(name, loader as unknown as DataLoader<unknown, unknown, unknown>);
    }
    return loader;
  }
}

/** Orders `rows` like `keys` (null where a key has no row), as a DataLoader batch must answer. */
export function alignByKey<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | null)[] {
  const byKey = new Map<K, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((k) => byKey.get(k) ?? null);
}

/** Groups `rows` per key, in the order of `keys` (empty arrays where a key has no rows). */
export function groupByKey<K, T>(keys: readonly K[], rows: readonly T[], keysOf: (row: T) => K | readonly K[]): T[][] {
  const groups = new Map<K, T[]>();
  for (const k of keys) groups.set(k, []);
  for (const row of rows) {
    const ks = keysOf(row);
    for (const k of (Array.isArray(ks) ? ks : [ks]) as K[]) groups.get(k)?.push(row);
  }
  return keys.map((k) => groups.get(k) ?? []);
}

/** Options of `byIdLoader`. */
export interface ByIdLoaderOptions<T> {
  /** The unique column to look up by (default `id`), e.g. `code` for regions. */
  key?: keyof T & string;
}

/**
 * The per-request loader of `entity` rows by a unique column (default `id`): one statement per
 * batch, null where a key has no row. On a uuid column, keys that are no UUID find nothing
 * without a statement (a bad id is "not found", not a database error).
 */
export function byIdLoader<T extends ObjectLiteral>(
  ctx: { ds: DataSource; loaders: LoaderRegistry },
  entity: new () => T,
  options: ByIdLoaderOptions<T> = {},
): DataLoader<string, T | null> {
  const key = options.key ?? 'id';
  return ctx.loaders.get<string, T | null>(`${entity.name}.by:${key}`, async (keys) => {
    const repository = ctx.ds.getRepository(entity);
    const uuid = repository.metadata.findColumnWithPropertyName(key)?.type === 'uuid';
    const wanted = uuid ? keys.filter(isUuid) : [...keys];
    const rows = wanted.length ? await repository.findBy({ [key]: In(wanted) } as FindOptionsWhere<T>) : [];
    return alignByKey(keys, rows, (row) => row[key] as string);
  });
}
