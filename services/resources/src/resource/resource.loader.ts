import { alignByKey, groupedEntityPages, isUuid, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import { In } from 'typeorm';
import { Resource } from './resource.entity';

/** Resources by id, one statement per batch. */
export const resourceById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Resource | null>('resource.byId', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await ctx.ds.getRepository(Resource).findBy({ id: In(valid) }) : [];
    return alignByKey(ids, rows, (r) => r.id);
  });

type PageArgs = { first: number; after?: string | null };

const byTitle = [{ sql: 'r.title' }, { sql: 'r.id', cast: 'uuid' }];

function pagesOf(ctx: SubgraphContext, groups: readonly string[], args: PageArgs, from: string, group: string, groupType: string) {
  const q = { from, group, groupType, id: 'r.id', where: "r.status = 'PUBLISHED'", sort: byTitle };
  return groupedEntityPages(ctx.ds, q, groups, args, resourceById(ctx));
}

/** Published resources of many partners at once (`Partner.resources`), sorted by title. */
export const resourcesOfPartner = (ctx: SubgraphContext, args: PageArgs) =>
  ctx.loaders.get<string, Page<Resource>>(`resource.ofPartner:${args.first}:${args.after ?? ''}`, (partnerIds) =>
    pagesOf(ctx, partnerIds, args, 'resource r', 'r.provider_id', 'uuid'),
  );

/** Published resources of many topics at once (`Topic.resources`), sorted by title. */
export const resourcesOfTopic = (ctx: SubgraphContext, args: PageArgs) =>
  ctx.loaders.get<string, Page<Resource>>(`resource.ofTopic:${args.first}:${args.after ?? ''}`, (slugs) =>
    pagesOf(ctx, slugs, args, 'resource r CROSS JOIN LATERAL unnest(r.topic_slugs) AS t(slug)', 't.slug', 'text'),
  );
