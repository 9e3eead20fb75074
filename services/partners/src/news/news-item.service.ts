import {
  assertActsFor,
  badInput,
  berlinDate,
  paginate,
  PublicationStatus,
  type Page,
  type SubgraphContext,
} from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { auditProfilePart } from '../common/audit';
import { rejectNulls } from '../common/input';
import { assertVersion, lockById } from '../common/record';
import { Partner } from '../partner/partner.entity';
import { NewsItem } from './news-item.entity';
import type { CreateNewsItemInput, UpdateNewsItemInput } from './news-item.input';

const snapshot = (n: NewsItem) => ({ title: n.title, text: n.text, publishedOn: n.publishedOn });

/** Adds a news item to a partner (coordinators, editors of that partner). */
export async function createNewsItem(ctx: SubgraphContext, input: CreateNewsItemInput): Promise<NewsItem> {
  assertActsFor(ctx, input.partnerId);
  return ctx.ds.transaction(async (tx) => {
    if (!(await tx.getRepository(Partner).existsBy({ id: input.partnerId }))) throw badInput('no partner has this id', 'partnerId');
    const item = tx.getRepository(NewsItem).create({
      partnerId: input.partnerId,
      title: input.title.trim(),
      text: input.text.trim(),
      publishedOn: input.publishedOn ?? berlinDate(ctx.clock.now()),
    });
    await tx.getRepository(NewsItem).save(item);
    await auditProfilePart(tx, ctx, item.partnerId, 'newsItem', { id: item.id, verb: 'CREATE', before: null, after: snapshot(item) });
    return item;
  });
}

async function lockOwned(tx: EntityManager, ctx: SubgraphContext, id: string): Promise<NewsItem> {
  const item = await lockById(tx, NewsItem, id, 'News item');
  assertActsFor(ctx, item.partnerId);
  return item;
}

/** Changes a news item; `input.version` must be the current one. */
export async function updateNewsItem(ctx: SubgraphContext, id: string, input: UpdateNewsItemInput): Promise<NewsItem> {
  rejectNulls(input, ['title', 'text', 'publishedOn']);
  return ctx.ds.transaction(async (tx) => {
    const item = await lockOwned(tx, ctx, id);
    assertVersion(item, input.version, 'The news item');
    const before = snapshot(item);
    if (input.title != null) item.title = input.title.trim();
    if (input.text != null) item.text = input.text.trim();
    if (input.publishedOn != null) item.publishedOn = input.publishedOn;
    await tx.getRepository(NewsItem).save(item);
    await auditProfilePart(tx, ctx, item.partnerId, 'newsItem', { id: item.id, verb: 'UPDATE', before, after: snapshot(item) });
    return item;
  });
}

/** Removes a news item (coordinators, editors of its partner). */
export async function deleteNewsItem(ctx: SubgraphContext, id: string): Promise<boolean> {
  return ctx.ds.transaction(async (tx) => {
    const item = await lockOwned(tx, ctx, id);
    await tx.getRepository(NewsItem).delete({ id: item.id });
    await auditProfilePart(tx, ctx, item.partnerId, 'newsItem', { id: item.id, verb: 'DELETE', before: snapshot(item), after: null });
    return true;
  });
}

/** Latest news of all published partners (due items only), newest first. */
export function listNews(ctx: SubgraphContext, page: { first: number; after?: string | null }): Promise<Page<NewsItem>> {
  const qb = ctx.ds
    .getRepository(NewsItem)
    .createQueryBuilder('n')
    .innerJoin(Partner, 'p', 'p.id = n.partner_id AND p.status = :published', { published: PublicationStatus.PUBLISHED })
    .where('n.published_on <= :today::date', { today: berlinDate(ctx.clock.now()) });
  return paginate(qb, page, [
    { sql: "to_char(n.published_on, 'YYYY-MM-DD')", desc: true, value: (n) => n.publishedOn },
    { sql: 'n.id', desc: true, cast: 'uuid', value: (n) => n.id },
  ]);
}
