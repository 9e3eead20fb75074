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
  return tx.connection
    .getMetadata(entity)
    .columns.map((c) => `${alias}.${c.databaseName} AS "${c.propertyName}"`)
    .join(', ');
}
