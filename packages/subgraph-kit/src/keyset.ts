import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { checkFirst, type Page, type PageInfo } from './connection';
import { badInput } from './errors';

// Keyset pagination: the cursor carries the sort values of the last item, so a page is stable
// while rows are added or removed before it (unlike OFFSET).

/** An opaque cursor carrying the sort values of one item. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * A page's `pageInfo` whose cursors (of its first and last item) are made when a query reads them:
 * most nested pages are never asked for theirs, and each costs a JSON text and base64.
 */
export function lazyPageInfo<T>(flags: { hasNextPage: boolean; hasPreviousPage: boolean }, first: T | undefined, last: T | undefined, encode: (item: T) => string): PageInfo {
  let start: string | null | undefined;
  let end: string | null | undefined;
  return {
    hasNextPage: flags.hasNextPage,
    hasPreviousPage: flags.hasPreviousPage,
    get startCursor() {
      return (start ??= first === undefined ? null : encode(first));
    },
    get endCursor() {
      return (end ??= last === undefined ? null : encode(last));
    },
  };
}

/** Decodes a cursor made by `encodeCursor` for a list sorted by `arity` keys. */
export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {
    // fall through to the user error
  }
  throw badInput('after is not a cursor of this list (use pageInfo.endCursor of the same query)', 'after');
}

/** One key of a list's order; the last key must be unique (usually the id). */
export interface SortKey<T> {
  /** SQL expression, e.g. `p.name` or `ts_rank(...)`. */
  sql: string;
  desc?: boolean;
  /** Reads the key's value from the loaded entity or the raw row (for computed keys). */
  value: (entity: T, raw: Record<string, unknown>) => unknown;
  /** Cast for the cursor parameter (e.g. `timestamptz`, `real`, `uuid`). */
  cast?: string;
}

/** SQL condition "row comes after the cursor" for a keyset order; `param(i)` names the i-th cursor value. */
export function keysetCondition(sort: { sql: string; desc?: boolean; cast?: string }[], param: (i: number) => string): string {
  const ors: string[] = [];
  for (let i = 0; i < sort.length; i++) {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) ands.push(`${sort[j].sql} = ${param(j)}${sort[j].cast ? `::${sort[j].cast}` : ''}`);
    ands.push(`${sort[i].sql} ${sort[i].desc ? '<' : '>'} ${param(i)}${sort[i].cast ? `::${sort[i].cast}` : ''}`);
    ors.push(`(${ands.join(' AND ')})`);
  }
  return `(${ors.join(' OR ')})`;
}

/**
 * The usual order of a list: by name, then by id (unique), for rows of the query alias `alias`.
 * German order comes from the name column's collation (`GERMAN_COLLATION`, set by the migrations),
 * so the ORDER BY and the cursor's comparison use the same order.
 */
export function byNameThenId<T extends ObjectLiteral>(alias: string): SortKey<T>[] {
  return [
    { sql: `${alias}.name`, value: (e) => e.name },
    { sql: `${alias}.id`, cast: 'uuid', value: (e) => e.id },
  ];
}

/**
 * Loads one page of a query with keyset pagination: stable while rows are added or removed
 * between pages. One statement: the page, with the count of the whole list as a column (a second
 * statement only for an empty page, e.g. after the last cursor, and none for the page of `first: 0`).
 * The query must not join collections (the count counts rows). Without `sort`, by name then id.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: { first: number; after?: string | null },
  sort: SortKey<T>[] = byNameThenId(qb.alias),
): Promise<Page<T>> {
  const first = checkFirst(args.first);
  const countQb = qb.clone();
  // `first: 0` from the start needs no page: whether items follow is whether there are any.
  if (first === 0 && !args.after) {
    const totalCount = await countQb.getCount();
    return { totalCount, nodes: [], pageInfo: { hasNextPage: totalCount > 0, hasPreviousPage: false, startCursor: null, endCursor: null } };
  }
  const pageQb = qb.clone();
  let hasPreviousPage = false;
  if (args.after) {
    const values = decodeCursor(args.after, sort.length);
    const params: Record<string, unknown> = {};
    values.forEach((v, i) => (params[`_cursor${i}`] = v));
    pageQb.andWhere(keysetCondition(sort, (i) => `:_cursor${i}`), params);
    hasPreviousPage = true;
  }
  // The count of the whole list (same conditions, no cursor) as an uncorrelated subquery: PostgreSQL
  // runs it once, and the request needs one round trip instead of two. Its alias shadows the outer one.
  pageQb.addSelect(`(${qb.clone().select('count(*)').orderBy().getQuery()})`, PAGE_TOTAL);
  sort.forEach((k, i) => {
    if (i === 0) pageQb.orderBy(k.sql, k.desc ? 'DESC' : 'ASC');
    else pageQb.addOrderBy(k.sql, k.desc ? 'DESC' : 'ASC');
  });
  pageQb.limit(first + 1);
  const { entities, raw } = await pageQb.getRawAndEntities();
  const totalCount = raw.length ? Number(raw[0][PAGE_TOTAL]) : await countQb.getCount();
  const hasNextPage = entities.length > first;
  const nodes = entities.slice(0, first);
  const cursorOf = (i: number) => encodeCursor(sort.map((k) => k.value(nodes[i], raw[i])));
  return {
    totalCount,
    nodes,
    pageInfo: lazyPageInfo({ hasNextPage, hasPreviousPage }, nodes.length ? 0 : undefined, nodes.length ? nodes.length - 1 : undefined, cursorOf),
  };
}

/** Column of the page's rows that carries the count of the whole list. */
const PAGE_TOTAL = 'page_total_count';
