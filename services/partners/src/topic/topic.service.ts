import { audit, badInput, notFound, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { assertVersion } from '../common/record';
import { freeSlug, retryOnSlugRace } from '../common/slug';
import type { Topic } from './topic.entity';
import type { CreateTopicInput, UpdateTopicInput } from './topic.input';
import { topicOfRow, type TopicRow } from './topic.loader';

const TAKEN_TOPIC_SLUGS = `SELECT slug FROM topic WHERE slug = $1 OR slug ~ $2
  UNION SELECT alias FROM topic_alias WHERE alias = $1 OR alias ~ $2`;

/**
 * Current slugs for the given slugs or aliases, without duplicates, in the given order;
 * BAD_USER_INPUT naming `field` for any that is no topic.
 */
export async function resolveTopicSlugs(manager: EntityManager, slugs: readonly string[], field: string): Promise<string[]> {
  if (!slugs.length) return [];
  const rows: { key: string; slug: string | null }[] = await manager.query(
    `SELECT k.key, coalesce(t.slug, a.topic_slug) AS slug
       FROM unnest($1::text[]) AS k(key)
       LEFT JOIN topic t ON t.slug = k.key
       LEFT JOIN topic_alias a ON a.alias = k.key`,
    [slugs],
  );
  const unknown = rows.filter((r) => !r.slug).map((r) => r.key);
  if (unknown.length) throw badInput(`unknown topic: ${unknown.join(', ')} (see the topics query)`, field);
  return [...new Set(rows.map((r) => r.slug!))];
}

/** The topic row for a slug or alias, locked for the rest of the transaction. */
async function lockTopic(manager: EntityManager, slugOrAlias: string, field: string): Promise<Topic> {
  const rows = await manager.query(
    `SELECT * FROM topic WHERE slug = coalesce((SELECT topic_slug FROM topic_alias WHERE alias = $1), $1) FOR UPDATE`,
    [slugOrAlias],
  );
  if (!rows.length) throw field === 'slug' ? notFound('Topic') : badInput(`unknown topic: ${slugOrAlias}`, field);
  return topicOfRow(rows[0]);
}

/** The topic row of an `UPDATE topic … RETURNING *` (TypeORM answers UPDATE with `[rows, count]`). */
async function updateReturningOne(tx: EntityManager, sql: string, params: unknown[]): Promise<TopicRow> {
  const [rows] = await tx.query(sql, params);
  return rows[0];
}

const snapshot = (t: Topic) => ({ slug: t.slug, name: t.name, description: t.description });

/** Adds a topic area (coordinators; checked by the resolver). */
export function createTopic(ctx: SubgraphContext, input: CreateTopicInput): Promise<Topic> {
  return retryOnSlugRace(() =>
    ctx.ds.transaction(async (tx) => {
      let slug = input.slug ?? null;
      if (slug) {
        const taken = await tx.query(TAKEN_TOPIC_SLUGS, [slug, '^$']);
        if (taken.length) throw badInput(`the slug ${slug} is taken (by a topic or an old slug of one)`, 'slug');
      } else {
        slug = await freeSlug(tx, input.name, 'thema', TAKEN_TOPIC_SLUGS);
      }
      const [row] = await tx.query('INSERT INTO topic (slug, name, description) VALUES ($1, $2, $3) RETURNING *', [
        slug,
        input.name.trim(),
        input.description?.trim() || null,
      ]);
      const topic = topicOfRow(row);
      await audit(tx, ctx, { entityType: 'Topic', entityId: topic.slug, action: 'CREATE', before: null, after: snapshot(topic) });
      return topic;
    }),
  );
}

/** Renames a topic or changes its description or slug; an old slug stays as an alias. */
export async function updateTopic(ctx: SubgraphContext, slugOrAlias: string, input: UpdateTopicInput): Promise<Topic> {
  if (input.name === null) throw badInput('name cannot be empty', 'name');
  return ctx.ds.transaction(async (tx) => {
    const before = await lockTopic(tx, slugOrAlias, 'slug');
    assertVersion(before, input.version, 'The topic');
    const slug = input.slug ?? before.slug;
    if (slug !== before.slug) {
      const [owner]: { topic_slug: string }[] = await tx.query(
        'SELECT slug AS topic_slug FROM topic WHERE slug = $1 UNION ALL SELECT topic_slug FROM topic_alias WHERE alias = $1',
        [slug],
      );
      if (owner && owner.topic_slug !== before.slug) throw badInput(`the slug ${slug} is taken (by a topic or an old slug of one)`, 'slug');
      // Taking back one of its own old slugs: it stops being an alias.
      await tx.query('DELETE FROM topic_alias WHERE alias = $1', [slug]);
    }
    // ON UPDATE CASCADE moves partner and contact-person topics and existing aliases with the slug.
    const row = await updateReturningOne(
      tx,
      `UPDATE topic SET slug = $2, name = $3, description = $4, version = version + 1, updated_at = now() WHERE slug = $1 RETURNING *`,
      [before.slug, slug, input.name?.trim() ?? before.name, input.description === undefined ? before.description : input.description?.trim() || null],
    );
    if (slug !== before.slug) await tx.query('INSERT INTO topic_alias (alias, topic_slug) VALUES ($1, $2)', [before.slug, slug]);
    const after = topicOfRow(row);
    await audit(tx, ctx, { entityType: 'Topic', entityId: after.slug, action: 'UPDATE', before: snapshot(before), after: snapshot(after) });
    return after;
  });
}

/**
 * Merges topic `source` into `into`: partners and contact persons of `source` get `into`, and
 * `source` with its old slugs becomes an alias of `into`, so references held elsewhere keep resolving.
 */
export async function mergeTopics(ctx: SubgraphContext, source: string, into: string): Promise<Topic> {
  return ctx.ds.transaction(async (tx) => {
    // Lock in slug order so that two opposite merges cannot deadlock.
    const [a, b] = [source, into].sort();
    const locked = new Map<string, Topic>();
    locked.set(a, await lockTopic(tx, a, a === source ? 'source' : 'into'));
    if (b !== a) locked.set(b, await lockTopic(tx, b, b === source ? 'source' : 'into'));
    const from = locked.get(source)!;
    const target = locked.get(into)!;
    if (from.slug === target.slug) throw badInput('a topic cannot be merged into itself', 'into');
    const moved: { n: number }[] = await tx.query(
      `WITH moved AS (
         INSERT INTO partner_topic (partner_id, topic_slug)
         SELECT partner_id, $2 FROM partner_topic WHERE topic_slug = $1 ON CONFLICT DO NOTHING RETURNING 1
       ) SELECT count(*)::int AS n FROM moved`,
      [from.slug, target.slug],
    );
    await tx.query('DELETE FROM partner_topic WHERE topic_slug = $1', [from.slug]);
    await tx.query(
      `INSERT INTO contact_person_topic (contact_person_id, topic_slug)
       SELECT contact_person_id, $2 FROM contact_person_topic WHERE topic_slug = $1 ON CONFLICT DO NOTHING`,
      [from.slug, target.slug],
    );
    await tx.query('DELETE FROM contact_person_topic WHERE topic_slug = $1', [from.slug]);
    await tx.query('UPDATE topic_alias SET topic_slug = $2 WHERE topic_slug = $1', [from.slug, target.slug]);
    await tx.query('DELETE FROM topic WHERE slug = $1', [from.slug]);
    await tx.query('INSERT INTO topic_alias (alias, topic_slug) VALUES ($1, $2)', [from.slug, target.slug]);
    const row = await updateReturningOne(tx, 'UPDATE topic SET version = version + 1, updated_at = now() WHERE slug = $1 RETURNING *', [target.slug]);
    await audit(tx, ctx, {
      entityType: 'Topic',
      entityId: from.slug,
      action: 'MERGE',
      changes: { mergedInto: { from: null, to: target.slug } },
    });
    await audit(tx, ctx, {
      entityType: 'Topic',
      entityId: target.slug,
      action: 'MERGE',
      changes: { mergedFrom: { from: null, to: from.slug }, partnersAdded: { from: null, to: moved[0].n } },
    });
    return topicOfRow(row);
  });
}
