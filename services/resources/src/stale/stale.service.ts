import { berlinDate, paginate, PublicationStatus, type OutdatedTranslation, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Resource } from '../resource/resource.entity';
import { resourceTranslations } from '../resource/resource.translation';

/** Why a resource needs a coordinator's attention. */
export enum StaleReason {
  EXPIRED = 'EXPIRED',
  NOT_REVIEWED = 'NOT_REVIEWED',
  PROVIDER_ARCHIVED = 'PROVIDER_ARCHIVED',
  PROVIDER_NOT_FOUND = 'PROVIDER_NOT_FOUND',
  CONTACT_GONE = 'CONTACT_GONE',
  TRANSLATION_OUTDATED = 'TRANSLATION_OUTDATED',
}

/** Months after the last review when an entry counts as not reviewed. */
export const REVIEW_MONTHS = 12;

/** One entry of the stale report. */
export interface StaleEntry {
  resource: Resource;
  reasons: StaleReason[];
  /** Translated fields whose German text changed since they were written. */
  outdatedTranslations: OutdatedTranslation[];
}

function reviewCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - REVIEW_MONTHS);
  return cutoff;
}

const CONDITIONS: Record<StaleReason, string> = {
  [StaleReason.EXPIRED]: 'r.valid_until < :today',
  [StaleReason.NOT_REVIEWED]: '(r.last_reviewed_at IS NULL OR r.last_reviewed_at < :cutoff)',
  [StaleReason.PROVIDER_ARCHIVED]: "r.provider_status = 'ARCHIVED'",
  // Only after a complete check through the graph: an unchecked copy says nothing.
  [StaleReason.PROVIDER_NOT_FOUND]: 'r.references_checked_at IS NOT NULL AND r.provider_status IS NULL',
  [StaleReason.CONTACT_GONE]: 'cardinality(r.missing_contact_ids) > 0',
  [StaleReason.TRANSLATION_OUTDATED]: resourceTranslations.outdatedSql('r'),
};

/** The reasons that apply to one resource (the same rules as `CONDITIONS`, for the answer). */
function reasonsOf(r: Resource, today: string, cutoff: Date, outdated: OutdatedTranslation[]): StaleReason[] {
  const reasons: StaleReason[] = [];
  if (r.validUntil && r.validUntil < today) reasons.push(StaleReason.EXPIRED);
  if (!r.lastReviewedAt || r.lastReviewedAt < cutoff) reasons.push(StaleReason.NOT_REVIEWED);
  if (r.providerStatus === PublicationStatus.ARCHIVED) reasons.push(StaleReason.PROVIDER_ARCHIVED);
  if (r.referencesCheckedAt && !r.providerStatus) reasons.push(StaleReason.PROVIDER_NOT_FOUND);
  if (r.missingContactIds.length) reasons.push(StaleReason.CONTACT_GONE);
  if (outdated.length) reasons.push(StaleReason.TRANSLATION_OUTDATED);
  return reasons;
}

/**
 * Drafts and published resources that are past their validity, not reviewed for 12 months, whose
 * provider is archived or unknown, whose contact person is gone, or with a translation whose German
 * text changed since; sorted by title. The page's translations load in one statement.
 */
export async function staleResources(
  ctx: SubgraphContext,
  reasons: StaleReason[] | null | undefined,
  page: { first: number; after?: string | null },
): Promise<Page<StaleEntry>> {
  const now = ctx.clock.now();
  const today = berlinDate(now);
  const cutoff = reviewCutoff(now);
  const wanted = reasons?.length ? [...new Set(reasons)] : Object.values(StaleReason);
  const qb = ctx.ds
    .getRepository(Resource)
    .createQueryBuilder('r')
    .where('r.status <> :archived', { archived: PublicationStatus.ARCHIVED })
    .andWhere(`(${wanted.map((w) => CONDITIONS[w]).join(' OR ')})`, { today, cutoff });
  const result = await paginate(qb, page, [
    { sql: 'r.title', value: (e) => e.title },
    { sql: 'r.id', cast: 'uuid', value: (e) => e.id },
  ]);
  const outdated = await Promise.all(result.nodes.map((resource) => resourceTranslations.outdated(ctx, resource)));
  return {
    ...result,
    nodes: result.nodes.map((resource, i) => ({ resource, reasons: reasonsOf(resource, today, cutoff, outdated[i]), outdatedTranslations: outdated[i] })),
  };
}
