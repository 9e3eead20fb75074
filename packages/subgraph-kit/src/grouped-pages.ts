import type { DataSource } from 'typeorm';
import { checkFirst, type Page, type PageInfo } from './connection';
import { decodeCursor, encodeCursor, keysetCondition, lazyPageInfo } from './keyset';

// Nested connections (`Partner.resources` of a whole list of partners): one page per parent,
// with a constant number of statements however many parents there are.

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
 * whole list of partners): one statement whatever the number of groups (two after a cursor).
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
  // From the start of the lists, each group's total comes with its rows (a group without rows has
  // none); after a cursor, the rows lack those before it, so the totals need a statement of their own.
  const countOnly = first === 0 && !args.after;
  const totalsWithRows = !args.after && !countOnly;
  const rowsSql = `SELECT grp, id, ${q.sort.map((_, i) => `k${i}`).join(', ')}${totalsWithRows ? ', total' : ''} FROM (
      SELECT ${q.group} AS grp, ${q.id} AS id, ${keys}, row_number() OVER (PARTITION BY ${q.group} ORDER BY ${order}) AS rn${
        totalsWithRows ? `, count(*) OVER (PARTITION BY ${q.group})::int AS total` : ''
      }
      ${base}${cursorCondition}
    ) ranked WHERE rn <= ${limitParam} ORDER BY grp, rn`;

  const [counts, rows] = await Promise.all([
    totalsWithRows ? Promise.resolve(undefined) : (ds.query(countSql, countParams) as Promise<{ grp: K; total: number }[]>),
    // `first: 0` from the start needs no rows: whether items follow is whether a group has any.
    countOnly ? Promise.resolve([] as Record<string, unknown>[]) : (ds.query(rowsSql, params) as Promise<Record<string, unknown>[]>),
  ]);
  const totals = new Map((counts ?? rows.map((r) => ({ grp: r.grp, total: r.total as number }))).map((c) => [String(c.grp), c.total]));
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
      pageInfo: lazyPageInfo(
        { hasNextPage: countOnly ? (totals.get(String(group)) ?? 0) > 0 : all.length > first, hasPreviousPage: Boolean(args.after) },
        page[0],
        page[page.length - 1],
        cursor,
      ),
    };
  });
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
