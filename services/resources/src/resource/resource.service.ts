import {
  actsFor,
  assertActsFor,
  audit,
  badInput,
  berlinDate,
  conflict,
  decodeCursor,
  diff,
  germanSearchSql,
  germanSearchText,
  isUuid,
  notFound,
  paginate,
  PublicationStatus,
  SOURCE_LANGUAGE,
  type Page,
  type SortKey,
  type SubgraphContext,
} from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import type { ResourcesDeps } from '../prepare';
import { Resource } from './resource.entity';
import { ResourceSort, type CreateResourceInput, type ResourceFilter, type UpdateResourceInput } from './resource.input';
import { resourceTranslations } from './resource.translation';
import { checkReferences } from './resource.validation';

/** True when the caller may see the resource (published, or their organisation's, or a coordinator). */
export function canSeeResource(ctx: SubgraphContext, r: Resource): boolean {
  return r.status === PublicationStatus.PUBLISHED || actsFor(ctx, r.providerId);
}

/**
 * The search text as PostgreSQL's `websearch_to_tsquery` gets it (German folding: "Fluechtlinge" and
 * "Flüchtlinge" are one word), or null for no search. It never raises a syntax error for any text;
 * what is left to refuse is text without a single word.
 */
export function searchText(search: string | null | undefined): string | null {
  const text = search?.trim();
  if (!text) return null;
  // `or` between words is an operator of the web search syntax, not a word to look for.
  const words = text.replace(/(^|\s)or(?=\s|$)/giu, ' ');
  if (!/[\p{L}\p{N}]/u.test(words)) throw badInput('search must contain at least one word (letters or digits), not only operators', 'search');
  return germanSearchText(text);
}

/**
 * Whole words and parts of compound words; relevance ranks every whole-word match above the rest
 * (docs/resources.md). Every search of the pool (GraphQL, HSDS) uses it with `:search` = `searchText(…)`.
 */
export const RESOURCE_SEARCH = germanSearchSql('r.search', ':search');
const SEARCH = RESOURCE_SEARCH;
/** Milliseconds, so that the cursor (a JavaScript date) compares equal to the row it came from. */
const NEWEST = "date_trunc('milliseconds', coalesce(r.published_at, r.created_at))";

const SORTS: Record<ResourceSort, { keys: SortKey<Resource>[]; check: (values: unknown[]) => boolean }> = {
  [ResourceSort.RELEVANCE]: {
    keys: [
      { sql: SEARCH.rank, desc: true, cast: 'real', value: (_e, raw) => raw.rank },
      { sql: 'r.id', cast: 'uuid', value: (e) => e.id },
    ],
    check: ([rank, id]) => typeof rank === 'number' && Number.isFinite(rank) && isUuid(id),
  },
  [ResourceSort.NEWEST]: {
    keys: [
      { sql: NEWEST, desc: true, cast: 'timestamptz', value: (_e, raw) => raw.newest },
      { sql: 'r.id', desc: true, cast: 'uuid', value: (e) => e.id },
    ],
    check: ([at, id]) => typeof at === 'string' && !Number.isNaN(Date.parse(at)) && isUuid(id),
  },
  [ResourceSort.TITLE]: {
    keys: [
      { sql: 'r.title', value: (e) => e.title },
      { sql: 'r.id', cast: 'uuid', value: (e) => e.id },
    ],
    check: ([title, id]) => typeof title === 'string' && isUuid(id),
  },
};

/** Search in the translations of the requested language (its own text-search configuration). */
const TRANSLATED = resourceTranslations.searchSql('r.id');
/**
 * German or translated match as one set of ids: a union of what each GIN index finds. An OR of the
 * two conditions made PostgreSQL read every resource and every translation (tested with EXPLAIN).
 */
const GERMAN_IDS = germanSearchSql('g.search', ':search');
const MATCHES_IN_EITHER = `r.id IN (SELECT g.id FROM resource g WHERE ${GERMAN_IDS.matches} UNION ${TRANSLATED.keys})`;

/** Relevance when searching in another language than German: the better of German and translated matches. */
const RELEVANCE_TRANSLATED = {
  ...SORTS[ResourceSort.RELEVANCE],
  keys: [{ ...SORTS[ResourceSort.RELEVANCE].keys[0], sql: `greatest(${SEARCH.rank}, CASE WHEN ${TRANSLATED.matches} THEN 2 + ${TRANSLATED.rank} ELSE 0 END)::real` }, SORTS[ResourceSort.RELEVANCE].keys[1]],
};

/**
 * The query behind `resources` before paging: conditions, the sort keys and the search's rank. In
 * another language than German the search also looks at that language's translations (and still
 * finds German texts).
 */
export function resourcesQuery(ctx: SubgraphContext, filter: ResourceFilter = {}, sortArg?: ResourceSort | null) {
  const search = searchText(filter.search);
  const translated = search && (ctx.language ?? SOURCE_LANGUAGE) !== SOURCE_LANGUAGE;
  const sort = !search && (sortArg ?? ResourceSort.RELEVANCE) === ResourceSort.RELEVANCE ? ResourceSort.TITLE : (sortArg ?? ResourceSort.RELEVANCE);
  const qb = ctx.ds.getRepository(Resource).createQueryBuilder('r');
  const p = ctx.principal;
  if (filter.status && p.role === 'COORDINATOR') {
    qb.where('r.status = :status', { status: filter.status });
  } else if (filter.status && p.role === 'PARTNER_EDITOR' && filter.status !== PublicationStatus.PUBLISHED) {
    // Editors see drafts and archived entries of their own organisation only.
    qb.where('r.status = :status AND r.provider_id = :own', { status: filter.status, own: p.partnerId });
  } else {
    qb.where('r.status = :status', { status: PublicationStatus.PUBLISHED });
  }
  if (translated) {
    qb.andWhere(MATCHES_IN_EITHER, { search, ...TRANSLATED.params(ctx.language, filter.search!.trim()) });
    if (sort === ResourceSort.RELEVANCE) qb.addSelect(RELEVANCE_TRANSLATED.keys[0].sql, 'rank');
  } else if (search) {
    qb.andWhere(SEARCH.matches, { search });
    if (sort === ResourceSort.RELEVANCE) qb.addSelect(SEARCH.rank, 'rank');
  }
  if (sort === ResourceSort.NEWEST) qb.addSelect(NEWEST, 'newest');
  // Array containment (@>) rather than = ANY(...), so that the GIN indexes on the arrays can serve it.
  if (filter.topic) qb.andWhere('r.topic_slugs @> ARRAY[:topic]::text[]', { topic: filter.topic });
  if (filter.region) qb.andWhere('(r.statewide OR r.region_codes @> ARRAY[:region]::text[])', { region: filter.region });
  if (filter.language) qb.andWhere('r.languages @> ARRAY[:language]::text[]', { language: filter.language.toLowerCase() });
  if (filter.targetGroup) qb.andWhere('r.target_groups @> ARRAY[:targetGroup]::text[]', { targetGroup: filter.targetGroup });
  if (filter.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
  if (filter.format) qb.andWhere('r.format = :format', { format: filter.format });
  if (filter.freeOfCharge != null) qb.andWhere('r.free_of_charge = :free', { free: filter.freeOfCharge });
  if (filter.provider) qb.andWhere('r.provider_id = :provider', { provider: filter.provider });
  if (filter.currentOnly) {
    // "Today" is the calendar day in Germany at the (injectable) clock's time, not the database's.
    qb.andWhere('(r.valid_from IS NULL OR r.valid_from <= :today) AND (r.valid_until IS NULL OR r.valid_until >= :today)', {
      today: berlinDate(ctx.clock.now()),
    });
  }
  return { qb, sort, ...(translated && sort === ResourceSort.RELEVANCE ? RELEVANCE_TRANSLATED : SORTS[sort]) };
}

/**
 * One page of the resource pool. Public callers get published resources; coordinators (and editors,
 * for their own organisation) may ask for drafts or archived ones with `filter.status`.
 */
export async function listResources(
  ctx: SubgraphContext,
  filter: ResourceFilter = {},
  page: { first: number; after?: string | null },
  sortArg?: ResourceSort | null,
): Promise<Page<Resource>> {
  const { qb, keys, check } = resourcesQuery(ctx, filter, sortArg);
  // A cursor of another sort order (or a forged one) is bad input, never a database error.
  if (page.after && !check(decodeCursor(page.after, keys.length))) {
    throw badInput('after is not a cursor of this list (use pageInfo.endCursor of the same query and sort)', 'after');
  }
  return paginate(qb, page, keys);
}

// ---- Administration: editors for their own organisation, coordinators for all -------------------

/** The fields an audit entry compares (not the copies of other services' data, nor timestamps). */
function auditView(r: Resource): Record<string, unknown> {
  const { title, summary, body, kind, providerId, topicSlugs, targetGroups, languages, regionCodes, statewide, format } = r;
  const { freeOfCharge, cost, accessibility, url, validFrom, validUntil, contactIds, status, lastReviewedAt, publishedAt } = r;
  return {
    title, summary, body, kind, providerId, topicSlugs, targetGroups, languages, regionCodes, statewide, format,
    freeOfCharge, cost, accessibility, url, validFrom, validUntil, contactIds, status, lastReviewedAt, publishedAt,
  };
}

/** Rules across fields, on the resource as it would be stored. */
function checkCombination(r: Pick<Resource, 'statewide' | 'regionCodes' | 'validFrom' | 'validUntil'>): void {
  if (r.statewide && r.regionCodes.length) throw badInput('regionCodes: a statewide offer serves every region; leave regionCodes empty', 'regionCodes');
  if (r.validFrom && r.validUntil && r.validUntil < r.validFrom) throw badInput('validUntil must not be before validFrom', 'validUntil');
}

const unique = <T>(list: readonly T[] | null | undefined): T[] => [...new Set(list ?? [])];

/** Creates a draft resource; references are checked through the graph before anything is written. */
export async function createResource(ctx: SubgraphContext<ResourcesDeps>, input: CreateResourceInput): Promise<Resource> {
  const providerId = input.providerId ?? (ctx.principal.role === 'PARTNER_EDITOR' ? ctx.principal.partnerId : undefined);
  if (!providerId) throw badInput('providerId is required (the partner that provides the resource)', 'providerId');
  assertActsFor(ctx, providerId);
  const draft = ctx.ds.getRepository(Resource).create({
    title: input.title.trim(),
    summary: input.summary ?? '',
    body: input.body ?? '',
    kind: input.kind,
    providerId,
    targetGroups: unique(input.targetGroups?.map((g) => g.trim())),
    languages: unique(input.languages),
    regionCodes: unique(input.regionCodes),
    statewide: input.statewide ?? false,
    format: input.format ?? null,
    freeOfCharge: input.freeOfCharge ?? true,
    cost: input.cost ?? null,
    accessibility: input.accessibility ?? null,
    url: input.url ?? null,
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    contactIds: unique(input.contactIds),
    status: PublicationStatus.DRAFT,
    lastReviewedAt: ctx.clock.now(),
  });
  checkCombination(draft);
  const checked = await checkReferences(ctx, {
    provider: { id: providerId, mustExist: !isOwnOrganisation(ctx, providerId) },
    topicSlugs: unique(input.topicSlugs),
    regionCodes: draft.regionCodes,
    contactIds: draft.contactIds,
  });
  draft.topicSlugs = checked.topicSlugs ?? [];
  draft.providerName = checked.provider?.name ?? '';
  draft.providerStatus = checked.provider?.status ?? null;
  draft.referencesCheckedAt = checked.complete ? ctx.clock.now() : null;
  return ctx.ds.transaction(async (tx) => {
    const saved = await tx.getRepository(Resource).save(draft);
    await audit(tx, ctx, { entityType: 'Resource', entityId: saved.id, action: 'CREATE', before: null, after: auditView(saved) });
    return saved;
  });
}

function isOwnOrganisation(ctx: SubgraphContext, partnerId: string): boolean {
  return ctx.principal.role === 'PARTNER_EDITOR' && ctx.principal.partnerId === partnerId;
}

/** The resource to change: NOT_FOUND when there is none, FORBIDDEN when it is another organisation's. */
async function loadForChange(ctx: SubgraphContext, manager: EntityManager, id: string, lock: boolean): Promise<Resource> {
  const r = isUuid(id)
    ? await manager.getRepository(Resource).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
    : null;
  if (!r) throw notFound('Resource');
  assertActsFor(ctx, r.providerId);
  return r;
}

function staleVersion(r: Resource, version: number) {
  return conflict(`The resource was changed since you read it (you sent version ${version}, it is now ${r.version}); reload it and apply your changes again`, {
    currentVersion: r.version,
  });
}

/**
 * Changes the given fields if `input.version` is still the stored version (else CONFLICT). References
 * are checked through the graph before the row is locked, so no lock waits on the network.
 */
export async function updateResource(ctx: SubgraphContext<ResourcesDeps>, id: string, input: UpdateResourceInput): Promise<Resource> {
  const current = await loadForChange(ctx, ctx.ds.manager, id, false);
  if (current.version !== input.version) throw staleVersion(current, input.version);
  const providerId = input.providerId ?? current.providerId;
  // An editor may not hand a resource to another organisation (nor take one from it).
  if (providerId !== current.providerId) assertActsFor(ctx, providerId);

  const changes: Partial<Resource> = {};
  if (input.title != null) changes.title = input.title.trim();
  if (input.kind != null) changes.kind = input.kind;
  if (input.statewide != null) changes.statewide = input.statewide;
  if (input.freeOfCharge != null) changes.freeOfCharge = input.freeOfCharge;
  if (input.summary !== undefined) changes.summary = input.summary ?? '';
  if (input.body !== undefined) changes.body = input.body ?? '';
  if (input.targetGroups !== undefined) changes.targetGroups = unique(input.targetGroups?.map((g) => g.trim()));
  if (input.languages !== undefined) changes.languages = unique(input.languages);
  if (input.regionCodes !== undefined) changes.regionCodes = unique(input.regionCodes);
  if (input.contactIds !== undefined) changes.contactIds = unique(input.contactIds);
  for (const key of ['format', 'cost', 'accessibility', 'url', 'validFrom', 'validUntil'] as const) {
    if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key] ?? null;
  }
  checkCombination({ ...current, ...changes });

  const providerChanged = providerId !== current.providerId;
  const checked = await checkReferences(ctx, {
    provider: providerChanged ? { id: providerId, mustExist: !isOwnOrganisation(ctx, providerId) } : undefined,
    topicSlugs: input.topicSlugs !== undefined ? unique(input.topicSlugs) : undefined,
    regionCodes: changes.regionCodes?.filter((c) => !current.regionCodes.includes(c)),
    contactIds: changes.contactIds,
  });
  if (checked.topicSlugs) changes.topicSlugs = checked.topicSlugs;
  if (providerChanged) {
    changes.providerId = providerId;
    changes.providerName = checked.provider?.name ?? '';
    changes.providerStatus = checked.provider?.status ?? null;
  }
  // Contacts just checked are all known.
  if (changes.contactIds) changes.missingContactIds = [];

  return ctx.ds.transaction(async (tx) => {
    const r = await loadForChange(ctx, tx, id, true);
    if (r.version !== input.version) throw staleVersion(r, input.version);
    const before = auditView(r);
    Object.assign(r, changes);
    const saved = await tx.getRepository(Resource).save(r);
    const after = auditView(saved);
    if (Object.keys(diff(before, after)).length) await audit(tx, ctx, { entityType: 'Resource', entityId: r.id, action: 'UPDATE', before, after });
    return saved;
  });
}

/** Changes the status (publish, archive) or review date under a row lock, audited; no-op when nothing changes. */
async function transition(
  ctx: SubgraphContext,
  id: string,
  action: 'PUBLISH' | 'ARCHIVE' | 'REVIEW',
  apply: (r: Resource, now: Date) => boolean,
): Promise<Resource> {
  return ctx.ds.transaction(async (tx) => {
    const r = await loadForChange(ctx, tx, id, true);
    const before = auditView(r);
    if (!apply(r, ctx.clock.now())) return r;
    const saved = await tx.getRepository(Resource).save(r);
    await audit(tx, ctx, { entityType: 'Resource', entityId: r.id, action, before, after: auditView(saved) });
    return saved;
  });
}

/** Makes a draft or archived resource public; the first publication date is kept for "newest". */
export function publishResource(ctx: SubgraphContext, id: string): Promise<Resource> {
  return transition(ctx, id, 'PUBLISH', (r, now) => {
    if (r.status === PublicationStatus.PUBLISHED) return false;
    r.status = PublicationStatus.PUBLISHED;
    r.publishedAt ??= now;
    return true;
  });
}

/** Takes a resource out of the public pool, keeping it for the record. */
export function archiveResource(ctx: SubgraphContext, id: string): Promise<Resource> {
  return transition(ctx, id, 'ARCHIVE', (r) => {
    if (r.status === PublicationStatus.ARCHIVED) return false;
    r.status = PublicationStatus.ARCHIVED;
    return true;
  });
}

/** Confirms the entry is still up to date (resets the 12-month review clock of the stale report). */
export function markResourceReviewed(ctx: SubgraphContext, id: string): Promise<Resource> {
  return transition(ctx, id, 'REVIEW', (r, now) => {
    r.lastReviewedAt = now;
    return true;
  });
}
