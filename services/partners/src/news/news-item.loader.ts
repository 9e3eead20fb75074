import { alignByKey, berlinDate, groupedEntityPages, isUuid, type Page, type PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { In } from 'typeorm';
import { pageKey, viewerScope } from '../common/scope';
import { NewsItem } from './news-item.entity';

/** News items by id, one statement per batch. */
export const newsItemById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, NewsItem | null>('newsItem.byId', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await ctx.ds.getRepository(NewsItem).findBy({ id: In(valid) }) : [];
    return alignByKey(ids, rows, (n) => n.id);
  });

/** Newest first; the date as text so that cursors carry no time zone. */
export const NEWEST_NEWS_FIRST = [
  { sql: "to_char(n.published_on, 'YYYY-MM-DD')", desc: true },
  { sql: 'n.id', desc: true, cast: 'uuid' },
];

/** Pages of news of many partners at once: published ones (dated today or earlier), all for owners. */
export const newsOfPartner = (ctx: SubgraphContext, page: PageArgs) =>
  ctx.loaders.get<string, Page<NewsItem>>(`newsItem.ofPartner:${pageKey(page)}`, (partnerIds) => {
    const scope = viewerScope(ctx);
    return groupedEntityPages(
      ctx.ds,
      {
        from: 'news_item n',
        group: 'n.partner_id',
        groupType: 'uuid',
        id: 'n.id',
        ...(scope.all ? {} : { where: 'n.published_on <= $1::date OR n.partner_id = ANY($2::uuid[])', params: [berlinDate(ctx.clock.now()), scope.own] }),
        sort: NEWEST_NEWS_FIRST,
      },
      partnerIds,
      page,
      newsItemById(ctx),
    );
  });
