import { AuditEntry, byIdLoader, groupedEntityPages, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Resource } from './resource.entity';

/** Resources by id, one statement per batch. */
export const resourceById = (ctx: SubgraphContext) => byIdLoader(ctx, Resource);

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

/** Audit entries by id, one statement per batch. */
const auditEntryById = (ctx: SubgraphContext) => byIdLoader(ctx, AuditEntry);

/** Audit logs of many resources at once (`Resource.auditLog` on a list), newest first. */
export const auditLogOfResource = (ctx: SubgraphContext, args: PageArgs) =>
  ctx.loaders.get<string, Page<AuditEntry>>(`resource.auditLog:${args.first}:${args.after ?? ''}`, (ids) =>
    groupedEntityPages(
      ctx.ds,
      {
        from: 'audit_entry a',
        group: 'a.entity_id',
        groupType: 'text',
        id: 'a.id',
        where: "a.entity_type = 'Resource'",
        // Milliseconds: the cursor carries a JavaScript date, which must compare equal to its row.
        sort: [
          { sql: "date_trunc('milliseconds', a.at)", desc: true, cast: 'timestamptz' },
          { sql: 'a.id', desc: true, cast: 'uuid' },
        ],
      },
      ids,
      args,
      auditEntryById(ctx),
    ),
  );
