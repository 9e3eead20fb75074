import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';

/** Largest `first` any list accepts; clients page with `after` beyond it. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@Directive('@shareable')
// As fresh as the list it belongs to (cache hints: see federation.ts).
@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'Where a page of a list ends and whether more follows.' })
export class PageInfo {
  @Field({ description: 'True when another page follows; fetch it with `after: endCursor`.' })
  hasNextPage: boolean;

  @Field({ description: 'True when this page was requested with `after` (items come before it).' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` for the next page.' })
  endCursor: string | null;
}

/** One page of a list, before it is turned into a GraphQL connection. */
export interface Page<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: PageInfo;
}

/**
 * Base of every `<Type>Connection`: `{ totalCount pageInfo nodes }`.
 * Use as `@ObjectType() class PartnerConnection extends Connection(Partner) {}`.
 */
export function Connection<T extends object>(nodeType: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionClass implements Page<T> {
    @Field(() => Int, { description: 'Number of items in the whole list (all pages), with the same filter.' })
    totalCount: number;

    @Field(() => PageInfo, { description: 'Cursors and whether another page follows.' })
    pageInfo: PageInfo;

    @Field(() => [nodeType], { description: 'The items of this page.' })
    nodes: T[];
  }
  return ConnectionClass;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return (0 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).`,
  })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (`pageInfo.endCursor` of the previous page).' })
  after?: string | null;
}

/** Validates `first` against the server-side maximum. */
export function checkFirst(first: number, max = MAX_PAGE_SIZE): number {
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput(`first must be between 0 and ${max}`, 'first');
  }
  return first;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
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

/** SQL condition "row comes after the cursor" for a keyset order, with named parameters. */
function keysetCondition(sort: { sql: string; desc?: boolean; cast?: string }[], param: (i: number) => string): string {
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
 * Loads one page of a query with keyset pagination: stable while rows are added or removed
 * between pages. Two statements: the count and the page. The query must not join collections.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: { first: number; after?: string | null },
  sort: SortKey<T>[],
): Promise<Page<T>> {
  const first = checkFirst(args.first);
  const countQb = qb.clone();
  const pageQb = qb.clone();
  let hasPreviousPage = false;
  if (args.after) {
    const values = decodeCursor(args.after, sort.length);
    const params: Record<string, unknown> = {};
    values.forEach((v, i) => (params[`_cursor${i}`] = v));
    pageQb.andWhere(keysetCondition(sort, (i) => `:_cursor${i}`), params);
    hasPreviousPage = true;
  }
  sort.forEach((k, i) => {
    if (i === 0) pageQb.orderBy(k.sql, k.desc ? 'DESC' : 'ASC');
    else pageQb.addOrderBy(k.sql, k.desc ? 'DESC' : 'ASC');
  });
  pageQb.limit(first + 1);
  const [totalCount, { entities, raw }] = await Promise.all([
    countQb.getCount(),
    first === 0 ? Promise.resolve({ entities: [] as T[], raw: [] as any[] }) : pageQb.getRawAndEntities(),
  ]);
  const hasNextPage = entities.length > first;
  const nodes = entities.slice(0, first);
  const cursorOf = (i: number) => encodeCursor(sort.map((k) => k.value(nodes[i], raw[i])));
  return {
    totalCount,
    nodes,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: nodes.length ? cursorOf(0) : null,
      endCursor: nodes.length ? cursorOf(nodes.length - 1) : null,
    },
  };
}

/** One page of ids per group, as `groupedPages` returns it. */
export interface GroupPage<K> {
  group: K;
  ids: string[];
  totalCount: number;
  pageInfo: PageInfo;
}

export interface GroupedPagesQuery {
  /** FROM clause including any join that produces the group column, e.g. `resource r`. */
  from: string;
  /** SQL expression of the group a row belongs to, e.g. `r.provider_id`. */
  group: string;
  /** SQL type of the group values (for `= ANY($n::type[])`). */
  groupType: string;
  /** SQL expression of the row id. */
  id: string;
  /** Extra condition with `$1..$n` placeholders for `params`. */
  where?: string;
  params?: unknown[];
  /** Order inside each group; the last key must be unique. */
  sort: { sql: string; desc?: boolean; cast?: string }[];
}

/**
 * Pages of ids for many groups at once (a nested connection such as `Partner.resources` for a
 * whole list of partners): two statements whatever the number of groups.
 */
export async function groupedPages<K extends string>(
  ds: DataSource,
  q: GroupedPagesQuery,
  groups: readonly K[],
  args: { first: number; after?: string | null },
): Promise<GroupPage<K>[]> {
  const first = checkFirst(args.first);
  const params: unknown[] = [...(q.params ?? [])];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const groupParam = p(groups);
  const base = `FROM ${q.from} WHERE ${q.group} = ANY(${groupParam}::${q.groupType}[])${q.where ? ` AND (${q.where})` : ''}`;
  const countSql = `SELECT ${q.group} AS grp, count(*)::int AS total ${base} GROUP BY ${q.group}`;
  const countParams = [...params];

  let cursorCondition = '';
  if (args.after) {
    const values = decodeCursor(args.after, q.sort.length);
    const names = values.map((v) => p(v));
    cursorCondition = ` AND ${keysetCondition(q.sort, (i) => names[i])}`;
  }
  const order = q.sort.map((k) => `${k.sql} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
  const keys = q.sort.map((k, i) => `${k.sql} AS k${i}`).join(', ');
  const limitParam = p(first + 1);
  const rowsSql = `SELECT grp, id, ${q.sort.map((_, i) => `k${i}`).join(', ')} FROM (
      SELECT ${q.group} AS grp, ${q.id} AS id, ${keys}, row_number() OVER (PARTITION BY ${q.group} ORDER BY ${order}) AS rn
      ${base}${cursorCondition}
    ) ranked WHERE rn <= ${limitParam} ORDER BY grp, rn`;

  const [counts, rows] = await Promise.all([
    ds.query(countSql, countParams) as Promise<{ grp: K; total: number }[]>,
    first === 0 ? Promise.resolve([] as Record<string, unknown>[]) : (ds.query(rowsSql, params) as Promise<Record<string, unknown>[]>),
  ]);
  const totals = new Map(counts.map((c) => [String(c.grp), c.total]));
  const byGroup = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const g = String(row.grp);
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g)!.push(row);
  }
  return groups.map((group) => {
    const all = byGroup.get(String(group)) ?? [];
    const page = all.slice(0, first);
    const cursor = (r: Record<string, unknown>) => encodeCursor(q.sort.map((_, i) => r[`k${i}`]));
    return {
      group,
      ids: page.map((r) => String(r.id)),
      totalCount: totals.get(String(group)) ?? 0,
      pageInfo: {
        hasNextPage: all.length > first,
        hasPreviousPage: Boolean(args.after),
        startCursor: page.length ? cursor(page[0]) : null,
        endCursor: page.length ? cursor(page[page.length - 1]) : null,
      },
    };
  });
}

/** A page with nothing on it (for a parent whose key cannot match anything). */
export function emptyPage<T>(): Page<T> {
  return { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
}

/**
 * `groupedPages` followed by loading the entities through their by-id loader: the body of every
 * nested connection loader (`Partner.resources`, `Topic.upcomingEvents`, …).
 */
export async function groupedEntityPages<T extends { id: string }>(
  ds: DataSource,
  q: GroupedPagesQuery,
  groups: readonly string[],
  args: { first: number; after?: string | null },
  byId: { loadMany(ids: readonly string[]): Promise<(T | null | Error)[]> },
): Promise<Page<T>[]> {
  const pages = await groupedPages(ds, q, groups, args);
  const loaded = await byId.loadMany(pages.flatMap((p) => p.ids));
  const found = new Map<string, T>();
  for (const e of loaded) if (e && !(e instanceof Error)) found.set(e.id, e);
  return pages.map((p) => ({
    totalCount: p.totalCount,
    pageInfo: p.pageInfo,
    nodes: p.ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : [])),
  }));
}
