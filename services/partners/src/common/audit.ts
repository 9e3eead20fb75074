import { audit, AuditEntry, byIdLoader, diff, groupedEntityPages, type Page, type PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { pageKey } from './scope';

/** The parts of a partner profile that have their own records (and their own audit actions). */
export type ProfilePart = 'contactPerson' | 'cooperation' | 'newsItem';

const ACTION_PREFIX: Record<ProfilePart, string> = {
  contactPerson: 'CONTACT_PERSON',
  cooperation: 'COOPERATION',
  newsItem: 'NEWS_ITEM',
};

/**
 * Audits a change to a part of a partner's profile in the partner's own log (entity `Partner`),
 * so that `Partner.auditLog` shows it even after the part was deleted. Keys of `changes` name the
 * part and its id, e.g. `contactPerson.<id>.role`; the action e.g. `CONTACT_PERSON_UPDATE`.
 */
export async function auditProfilePart(
  manager: EntityManager,
  ctx: SubgraphContext,
  partnerId: string,
  part: ProfilePart,
  entry: { id: string; verb: 'CREATE' | 'UPDATE' | 'DELETE'; before: object | null; after: object | null; redact?: readonly string[] },
): Promise<void> {
  const changes: Record<string, unknown> = {};
  for (const [field, change] of Object.entries(diff(entry.before, entry.after, entry.redact))) {
    if (field !== 'id') changes[`${part}.${entry.id}.${field}`] = change;
  }
  if (entry.verb !== 'UPDATE') changes[`${part}.${entry.id}`] = entry.verb === 'CREATE' ? { from: null, to: entry.id } : { from: entry.id, to: null };
  await audit(manager, ctx, { entityType: 'Partner', entityId: partnerId, action: `${ACTION_PREFIX[part]}_${entry.verb}`, changes });
}

/** Audit entries by id, one statement per batch. */
const auditEntryById = (ctx: SubgraphContext) => byIdLoader(ctx, AuditEntry);

// Newest first. `at` is cut to milliseconds because cursors carry JavaScript dates: with the
// microseconds PostgreSQL stores, an entry would compare unequal to its own cursor.
const NEWEST_FIRST = [
  { sql: "date_trunc('milliseconds', a.at)", desc: true, cast: 'timestamptz' },
  { sql: 'a.id', desc: true, cast: 'uuid' },
];

/** Audit log pages of many partners at once (changes to profile parts included). */
export const auditOfPartner = (ctx: SubgraphContext, page: PageArgs) =>
  ctx.loaders.get<string, Page<AuditEntry>>(`audit.partner:${pageKey(page)}`, (ids) =>
    groupedEntityPages(
      ctx.ds,
      { from: 'audit_entry a', group: 'a.entity_id', groupType: 'text', id: 'a.id', where: "a.entity_type = 'Partner'", sort: NEWEST_FIRST },
      ids,
      page,
      auditEntryById(ctx),
    ),
  );

/** Audit log pages of many topics at once, including entries under their old slugs. */
export const auditOfTopic = (ctx: SubgraphContext, page: PageArgs) =>
  ctx.loaders.get<string, Page<AuditEntry>>(`audit.topic:${pageKey(page)}`, (slugs) =>
    groupedEntityPages(
      ctx.ds,
      {
        from: `audit_entry a JOIN (SELECT slug AS topic, slug AS key FROM topic UNION ALL SELECT topic_slug, alias FROM topic_alias) k ON k.key = a.entity_id`,
        group: 'k.topic',
        groupType: 'text',
        id: 'a.id',
        where: "a.entity_type = 'Topic'",
        sort: NEWEST_FIRST,
      },
      slugs,
      page,
      auditEntryById(ctx),
    ),
  );
