import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows of a raw statement (TypeORM answers UPDATE/DELETE … RETURNING with [rows, count]). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/**
 * `alias.column AS "property"` for every column of an entity: a raw statement (a RETURNING, a
 * join) that selects these gives rows that `tx.getRepository(entity).create(row)` takes as they are.
 */
export function columnsOf(tx: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  // Built once per entity and alias (the registration batch asks for it once per person).
  const metadata = tx.connection.getMetadata(entity);
  let byAlias = columnLists.get(metadata);
  if (!byAlias) columnLists.set(metadata, (byAlias = new Map()));
  let list = byAlias.get(alias);
  if (list === undefined) {
    list = metadata.columns.map((c) => `${alias}.${c.databaseName} AS "${c.propertyName}"`).join(', ');
    byAlias.set(alias, list);
  }
  return list;
}

const columnLists = new WeakMap<object, Map<string, string>>();
