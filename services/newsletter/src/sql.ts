/** Rows of an UPDATE/DELETE … RETURNING through TypeORM, which answers those as `[rows, count]`. */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}

/** Number of rows an UPDATE/DELETE through TypeORM touched. */
export function affectedRows(result: unknown): number {
  const r = result as unknown[];
  return Array.isArray(r) && typeof r[1] === 'number' ? r[1] : 0;
}
