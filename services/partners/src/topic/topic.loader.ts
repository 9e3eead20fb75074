import { dependOnCacheTag, groupByKey, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Topic } from './topic.entity';

export type TopicRow = Pick<Topic, 'id' | 'slug' | 'name' | 'description' | 'version'> & { created_at: Date; updated_at: Date };

/** A Topic entity from a raw row (raw SQL returns snake_case columns). */
export function topicOfRow(r: TopicRow): Topic {
  return Object.assign(new Topic(), {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

/** Topics by slug or by an old slug (alias): both give the current topic, one statement per batch. */
export const topicBySlug = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Topic | null>('topic.bySlug', async (keys) => {
    const rows: (TopicRow & { key: string })[] = await ctx.ds.query(
      `SELECT t.slug AS key, t.* FROM topic t WHERE t.slug = ANY($1::text[])
       UNION ALL
       SELECT a.alias AS key, t.* FROM topic_alias a JOIN topic t ON t.slug = a.topic_slug WHERE a.alias = ANY($1::text[])`,
      [keys],
    );
    const byKey = new Map(rows.map((r) => [r.key, topicOfRow(r)]));
    return keys.map((k) => byKey.get(k) ?? null);
  });

/** Old slugs of many topics in one statement. */
export const aliasesOfTopic = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, string[]>('topic.aliases', async (slugs) => {
    const rows: { topic_slug: string; alias: string }[] = await ctx.ds.query(
      'SELECT topic_slug, alias FROM topic_alias WHERE topic_slug = ANY($1::text[]) ORDER BY alias',
      [slugs],
    );
    return groupByKey(slugs, rows, (r) => r.topic_slug).map((g) => g.map((r) => r.alias));
  });

/** Number of published partners per topic, in one statement. */
export const partnerCountOfTopic = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, number>('topic.partnerCount', async (slugs) => {
    // A count changes with any partner: gateways drop the answer when one changes.
    dependOnCacheTag('Partner');
    const rows: { topic_slug: string; n: number }[] = await ctx.ds.query(
      `SELECT pt.topic_slug, count(*)::int AS n FROM partner_topic pt JOIN partner p ON p.id = pt.partner_id
        WHERE pt.topic_slug = ANY($1::text[]) AND p.status = 'PUBLISHED' GROUP BY pt.topic_slug`,
      [slugs],
    );
    const counts = new Map(rows.map((r) => [r.topic_slug, r.n]));
    return slugs.map((s) => counts.get(s) ?? 0);
  });

/** Topics of many owners (partners or contact persons) through a join table, in one statement. */
function topicsVia(ctx: SubgraphContext, name: string, table: 'partner_topic' | 'contact_person_topic', owner: 'partner_id' | 'contact_person_id') {
  return ctx.loaders.get<string, Topic[]>(name, async (ids) => {
    const rows: (TopicRow & { owner: string })[] = await ctx.ds.query(
      `SELECT j.${owner} AS owner, t.* FROM ${table} j JOIN topic t ON t.slug = j.topic_slug
        WHERE j.${owner} = ANY($1::uuid[]) ORDER BY t.name, t.slug`,
      [ids],
    );
    return groupByKey(ids, rows, (r) => r.owner).map((group) => group.map(topicOfRow));
  });
}

/** Topics of many partners in one statement. */
export const topicsOfPartner = (ctx: SubgraphContext) => topicsVia(ctx, 'partner.topics', 'partner_topic', 'partner_id');

/** Topics of many contact persons in one statement. */
export const topicsOfContactPerson = (ctx: SubgraphContext) => topicsVia(ctx, 'contactPerson.topics', 'contact_person_topic', 'contact_person_id');
