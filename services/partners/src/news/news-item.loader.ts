import { berlinDate, byIdLoader, groupedEntityPages, type Page, type PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { pageKey, viewerScope } from '../common/scope';
import { NewsItem } from './news-item.entity';

/** News items by id, one statement per batch. */
export const newsItemById = (ctx: SubgraphContext) => byIdLoader(ctx, NewsItem);

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
