import {
  actsFor,
  assertActsFor,
  audit,
  badInput,
  byNameThenId,
  decodeCursor,
  optionalEmailAddress,
  forbidden,
  germanSearchSql,
  germanSearchText,
  isUuid,
  paginate,
  PublicationStatus,
  SOURCE_LANGUAGE,
  type Page,
  type SortKey,
  type SubgraphContext,
} from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { rejectNulls } from '../common/input';
import { assertVersion, lockById } from '../common/record';
import { freeSlug, retryOnSlugRace } from '../common/slug';
import { Region } from '../region/region.entity';
import { resolveTopicSlugs } from '../topic/topic.service';
import { Partner, PartnerTopic } from './partner.entity';
import { partnerTranslations } from './partner.translation';
import type { CreatePartnerInput, PartnerFilter, PartnerProfileFields, UpdatePartnerInput } from './partner.input';

/** True when the caller may see this partner at all (published, or their own, or a coordinator). */
export function canSee(ctx: SubgraphContext, partner: Partner): boolean {
  return partner.status === PublicationStatus.PUBLISHED || actsFor(ctx, partner.id);
}

/**
 * True when the partner's profile may be shown by id, slug or reference: what `canSee` allows, and
 * archived partners too. An archived partner was public; other services' records keep naming it
 * (past events it organised, resources it provided), and its profile keeps working (with status
 * ARCHIVED) instead of breaking their lists. Directory lists, contact persons and news of an
 * archived partner stay hidden (`canSee`).
 */
export function canShowProfile(ctx: SubgraphContext, partner: Partner): boolean {
  return partner.status === PublicationStatus.ARCHIVED || canSee(ctx, partner);
}

/** One page of the partner directory, sorted by name. */
export async function listPartners(
  ctx: SubgraphContext,
  filter: PartnerFilter = {},
  page: { first: number; after?: string | null },
): Promise<Page<Partner>> {
  const qb = ctx.ds.getRepository(Partner).createQueryBuilder('p');
  const p = ctx.principal;
  if (filter.status && p.role === 'COORDINATOR') {
    qb.where('p.status = :status', { status: filter.status });
  } else if (filter.status && p.role === 'PARTNER_EDITOR' && filter.status !== PublicationStatus.PUBLISHED) {
    // Editors see drafts and archived entries of their own organisation only.
    qb.where('p.status = :status AND p.id = :own', { status: filter.status, own: p.partnerId });
  } else {
    qb.where('p.status = :status', { status: PublicationStatus.PUBLISHED });
  }
  const searching = Boolean(filter.search?.trim());
  // In another language than German the search also looks in that language's translations of the
  // description (its own text-search configuration), and still finds German texts.
  const translated = searching && (ctx.language ?? SOURCE_LANGUAGE) !== SOURCE_LANGUAGE;
  const firstKey = translated ? WHOLE_WORDS_OR_TRANSLATED_FIRST : WHOLE_WORDS_FIRST;
  if (translated) {
    qb.andWhere(MATCHES_IN_EITHER, { search: germanSearchText(filter.search!.trim()), ...TRANSLATED.params(ctx.language, filter.search!.trim()) });
    qb.addSelect(firstKey.sql, 'whole_words');
  } else if (searching) {
    qb.andWhere(SEARCH.matches, { search: germanSearchText(filter.search!.trim()) });
    qb.addSelect(firstKey.sql, 'whole_words');
  }
  if (filter.topic) {
    // Old slugs of renamed or merged topics filter like the topic they became.
    qb.andWhere(
      `EXISTS (SELECT 1 FROM partner_topic pt WHERE pt.partner_id = p.id
         AND pt.topic_slug = coalesce((SELECT topic_slug FROM topic_alias WHERE alias = :topic), :topic))`,
      { topic: filter.topic },
    );
  }
  if (filter.region) qb.andWhere('p.region_code = :region', { region: filter.region });
  if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
  if (filter.language) qb.andWhere(':language = ANY(p.languages)', { language: filter.language.toLowerCase() });
  if (!searching) return paginate(qb, page); // by name, then id
  // A cursor of the list without search (or a forged one) is bad input, never a database error.
  if (page.after) {
    const [whole, name, id] = decodeCursor(page.after, 3);
    if (!(whole === 0 || whole === 1) || typeof name !== 'string' || !isUuid(id)) {
      throw badInput('after is not a cursor of this list (use pageInfo.endCursor of the same query)', 'after');
    }
  }
  return paginate(qb, page, [firstKey, ...byNameThenId<Partner>('p')]);
}

/** Whole words and parts of compound words ("Schutz" in "Gewaltschutz"), see docs/partners.md. */
const SEARCH = germanSearchSql('p.search', ':search');
/** When searching, partners that contain the words as whole words come first, each group by name. */
const WHOLE_WORDS_FIRST: SortKey<Partner> = {
  sql: `(CASE WHEN ${SEARCH.wholeWords} THEN 1 ELSE 0 END)`,
  desc: true,
  cast: 'int',
  value: (_p, raw) => Number(raw.whole_words),
};

/** Search in the description's translations into the requested language. */
const TRANSLATED = partnerTranslations.searchSql('p.id');
/** German or translated match as a union of id sets, so that both GIN indexes serve it (as in the resource pool). */
const GERMAN_IDS = germanSearchSql('g.search', ':search');
const MATCHES_IN_EITHER = `p.id IN (SELECT g.id FROM partner g WHERE ${GERMAN_IDS.matches} UNION ${TRANSLATED.keys})`;
/** In another language, a match in the translation counts like a whole-word match. */
const WHOLE_WORDS_OR_TRANSLATED_FIRST: SortKey<Partner> = {
  ...WHOLE_WORDS_FIRST,
  sql: `(CASE WHEN ${SEARCH.wholeWords} OR ${TRANSLATED.matches} THEN 1 ELSE 0 END)`,
};

const TAKEN_PARTNER_SLUGS = 'SELECT slug FROM partner WHERE slug = $1 OR slug ~ $2';

/** What the audit log records of a partner (all of it is the organisation's public profile). */
function snapshot(p: Partner, topics: string[]) {
  const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...fields } = p;
  return { ...fields, topics };
}

async function topicsOf(manager: EntityManager, partnerId: string): Promise<string[]> {
  const rows = await manager.getRepository(PartnerTopic).findBy({ partnerId });
  return rows.map((r) => r.topicSlug).sort();
}

async function setTopics(manager: EntityManager, partnerId: string, topics: string[]): Promise<void> {
  await manager.getRepository(PartnerTopic).delete({ partnerId });
  if (topics.length) await manager.getRepository(PartnerTopic).insert(topics.map((topicSlug) => ({ partnerId, topicSlug })));
}

async function checkRegion(manager: EntityManager, code: string | null | undefined): Promise<void> {
  if (code && !(await manager.getRepository(Region).existsBy({ code }))) {
    throw badInput(`unknown region ${code} (see the regions query)`, 'regionCode');
  }
}

const text = (v: string | null | undefined) => v?.trim() || null;

/** Copies the optional profile fields that are present in `input` (null clears). */
function applyProfile(partner: Partner, input: PartnerProfileFields): void {
  if (input.shortName !== undefined) partner.shortName = text(input.shortName);
  if (input.description !== undefined) partner.description = input.description?.trim() ?? '';
  if (input.street !== undefined) partner.street = text(input.street);
  if (input.postalCode !== undefined) partner.postalCode = input.postalCode ?? null;
  if (input.city !== undefined) partner.city = text(input.city);
  if (input.regionCode !== undefined) partner.regionCode = input.regionCode ?? null;
  if (input.website !== undefined) partner.website = input.website ?? null;
  if (input.email !== undefined) partner.email = optionalEmailAddress(input.email);
  if (input.phone !== undefined) partner.phone = text(input.phone);
  if (input.languages !== undefined) partner.languages = [...new Set(input.languages ?? [])];
  if (input.targetGroups !== undefined) partner.targetGroups = [...new Set((input.targetGroups ?? []).map((t) => t.trim()).filter(Boolean))];
  if (input.logoUrl !== undefined) partner.logoUrl = input.logoUrl ?? null;
  if (input.memberSince !== undefined) partner.memberSince = input.memberSince ?? null;
}

/** Creates a partner as a draft (coordinators; checked by the resolver). */
export function createPartner(ctx: SubgraphContext, input: CreatePartnerInput): Promise<Partner> {
  return retryOnSlugRace(() =>
    ctx.ds.transaction(async (tx) => {
      await checkRegion(tx, input.regionCode);
      const topics = await resolveTopicSlugs(tx, input.topics ?? [], 'topics');
      let slug = input.slug ?? null;
      if (slug) {
        if (await tx.getRepository(Partner).existsBy({ slug })) throw badInput(`the slug ${slug} is taken by another partner`, 'slug');
      } else {
        slug = await freeSlug(tx, input.name, 'partner', TAKEN_PARTNER_SLUGS);
      }
      const partner = tx.getRepository(Partner).create({ slug, name: input.name.trim(), kind: input.kind, status: PublicationStatus.DRAFT, description: '' });
      applyProfile(partner, input);
      await tx.getRepository(Partner).save(partner);
      await setTopics(tx, partner.id, topics);
      await audit(tx, ctx, { entityType: 'Partner', entityId: partner.id, action: 'CREATE', before: null, after: snapshot(partner, topics) });
      return partner;
    }),
  );
}

/** The partner, locked for the rest of the transaction, after checking that the caller may change it. */
async function lockOwned(tx: EntityManager, ctx: SubgraphContext, id: string): Promise<Partner> {
  assertActsFor(ctx, id);
  return lockById(tx, Partner, id, 'Partner');
}

/** Changes a partner profile (coordinators; editors of that partner); `input.version` must be the current one. */
export async function updatePartner(ctx: SubgraphContext, id: string, input: UpdatePartnerInput): Promise<Partner> {
  rejectNulls(input, ['name', 'kind']);
  return ctx.ds.transaction(async (tx) => {
    const partner = await lockOwned(tx, ctx, id);
    assertVersion(partner, input.version, 'The partner');
    await checkRegion(tx, input.regionCode);
    const topicsBefore = await topicsOf(tx, partner.id);
    const topics = input.topics === undefined ? topicsBefore : (await resolveTopicSlugs(tx, input.topics ?? [], 'topics')).sort();
    const before = snapshot(partner, topicsBefore);
    if (input.name != null) partner.name = input.name.trim();
    if (input.kind != null) partner.kind = input.kind;
    applyProfile(partner, input);
    await tx.getRepository(Partner).save(partner);
    if (input.topics !== undefined) await setTopics(tx, partner.id, topics);
    await audit(tx, ctx, { entityType: 'Partner', entityId: partner.id, action: 'UPDATE', before, after: snapshot(partner, topics) });
    return partner;
  });
}

/** The audit action of each status change. */
const ACTIONS: Record<PublicationStatus, string> = {
  [PublicationStatus.PUBLISHED]: 'PUBLISH',
  [PublicationStatus.DRAFT]: 'UNPUBLISH',
  [PublicationStatus.ARCHIVED]: 'ARCHIVE',
};

/**
 * Moves a partner to another publication status. Publishing and archiving are for coordinators
 * (checked by the resolver); editors may take their own partner offline (back to draft), but not
 * bring an archived one back. Changing to the status it has already changes nothing.
 */
export async function setPartnerStatus(ctx: SubgraphContext, id: string, status: PublicationStatus): Promise<Partner> {
  return ctx.ds.transaction(async (tx) => {
    const partner = await lockOwned(tx, ctx, id);
    if (partner.status === status) return partner;
    if (partner.status === PublicationStatus.ARCHIVED && ctx.principal.role !== 'COORDINATOR') {
      throw forbidden('Only a coordinator can bring back an archived partner');
    }
    const before = partner.status;
    partner.status = status;
    await tx.getRepository(Partner).save(partner);
    await audit(tx, ctx, { entityType: 'Partner', entityId: partner.id, action: ACTIONS[status], changes: { status: { from: before, to: status } } });
    return partner;
  });
}
