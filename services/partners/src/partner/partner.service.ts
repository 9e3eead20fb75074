import { actsFor, paginate, PublicationStatus, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Partner } from './partner.entity';
import type { PartnerFilter } from './partner.input';

/** True when the caller may see this partner at all (published, or their own, or a coordinator). */
export function canSee(ctx: SubgraphContext, partner: Partner): boolean {
  return partner.status === PublicationStatus.PUBLISHED || actsFor(ctx, partner.id);
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
  if (filter.search?.trim()) {
    qb.andWhere("p.search @@ websearch_to_tsquery('german', :search)", { search: filter.search.trim() });
  }
  if (filter.topic) {
    qb.andWhere('EXISTS (SELECT 1 FROM partner_topic pt WHERE pt.partner_id = p.id AND pt.topic_slug = :topic)', {
      topic: filter.topic,
    });
  }
  if (filter.region) qb.andWhere('p.region_code = :region', { region: filter.region });
  if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
  if (filter.language) qb.andWhere(':language = ANY(p.languages)', { language: filter.language.toLowerCase() });
  return paginate(qb, page, [
    { sql: 'p.name', value: (e) => e.name },
    { sql: 'p.id', value: (e) => e.id, cast: 'uuid' },
  ]);
}
