import { conflict, isUuid, notFound } from '@mitgen/subgraph-kit';
import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/** A record by id, locked for the rest of the transaction; NOT_FOUND (`what not found`) when there is none. */
export async function lockById<T extends ObjectLiteral & { id: string }>(tx: EntityManager, entity: EntityTarget<T>, id: string, what: string): Promise<T> {
  const row = isUuid(id) ? await tx.getRepository(entity).findOne({ where: { id } as FindOptionsWhere<T>, lock: { mode: 'pessimistic_write' } }) : null;
  if (!row) throw notFound(what);
  return row;
}

/** CONFLICT unless the version the client read is still the current one (optimistic locking). */
export function assertVersion(record: { version: number }, given: number, what: string): void {
  if (record.version !== given) {
    throw conflict(`${what} was changed by someone else since you read it; reload it and apply your change again`, { currentVersion: record.version });
  }
}
