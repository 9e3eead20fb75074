import { byIdLoader, groupedPages, type Page, type PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { pageKey, viewerScope } from '../common/scope';
import { Cooperation } from './cooperation.entity';

/** Cooperations by id, one statement per batch. */
export const cooperationById = (ctx: SubgraphContext) => byIdLoader(ctx, Cooperation);

/** A copy of a cooperation seen from one partner's side (so `withPartner` knows which one is "other"). */
export const seenFrom = (coop: Cooperation, partnerId: string): Cooperation =>
  Object.assign(new Cooperation(), coop, { viewpointPartnerId: partnerId });

/**
 * Pages of cooperations of many partners at once, sorted by the other partner's name. Only
 * cooperations with a partner the caller may see (published, own, or any for coordinators), and
 * unconfirmed ones only for editors of the two partners and coordinators.
 */
export const cooperationsOfPartner = (ctx: SubgraphContext, page: PageArgs) =>
  ctx.loaders.get<string, Page<Cooperation>>(`cooperation.ofPartner:${pageKey(page)}`, async (partnerIds) => {
    const scope = viewerScope(ctx);
    const pages = await groupedPages(
      ctx.ds,
      {
        // Each pair once from either side.
        from: `(SELECT id, partner_a_id AS partner_id, partner_b_id AS other_id, confirmed_at IS NOT NULL AS confirmed FROM cooperation
                 UNION ALL SELECT id, partner_b_id, partner_a_id, confirmed_at IS NOT NULL FROM cooperation) c
               JOIN partner o ON o.id = c.other_id`,
        group: 'c.partner_id',
        groupType: 'uuid',
        id: 'c.id',
        // Unconfirmed cooperations only for the editors of the two partners (and coordinators).
        ...(scope.all
          ? {}
          : { where: "(o.status = 'PUBLISHED' OR o.id = ANY($1::uuid[])) AND (c.confirmed OR c.partner_id = ANY($1::uuid[]) OR c.other_id = ANY($1::uuid[]))", params: [scope.own] }),
        sort: [{ sql: 'o.name' }, { sql: 'c.id', cast: 'uuid' }],
      },
      partnerIds,
      page,
    );
    const loaded = await cooperationById(ctx).loadMany(pages.flatMap((p) => p.ids));
    const byId = new Map<string, Cooperation>();
    for (const c of loaded) if (c && !(c instanceof Error)) byId.set(c.id, c);
    return pages.map((p) => ({
      totalCount: p.totalCount,
      pageInfo: p.pageInfo,
      nodes: p.ids.flatMap((id) => (byId.has(id) ? [seenFrom(byId.get(id)!, p.group)] : [])),
    }));
  });
