import { paginate, PublicationStatus, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Resource } from './resource.entity';
import type { ResourceFilter } from './resource.input';

/** One page of published resources, sorted by title. */
export async function listResources(
  ctx: SubgraphContext,
  filter: ResourceFilter = {},
  page: { first: number; after?: string | null },
): Promise<Page<Resource>> {
  const qb = ctx.ds
    .getRepository(Resource)
    .createQueryBuilder('r')
    .where('r.status = :status', { status: PublicationStatus.PUBLISHED });
  if (filter.search?.trim()) {
    qb.andWhere(
      "to_tsvector('german', r.title || ' ' || r.summary || ' ' || r.body) @@ websearch_to_tsquery('german', :search)",
      { search: filter.search.trim() },
    );
  }
  if (filter.topic) qb.andWhere(':topic = ANY(r.topic_slugs)', { topic: filter.topic });
  if (filter.region) qb.andWhere('(r.statewide OR :region = ANY(r.region_codes))', { region: filter.region });
  if (filter.language) qb.andWhere(':language = ANY(r.languages)', { language: filter.language.toLowerCase() });
  if (filter.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
  if (filter.currentOnly) {
    qb.andWhere('(r.valid_from IS NULL OR r.valid_from <= CURRENT_DATE) AND (r.valid_until IS NULL OR r.valid_until >= CURRENT_DATE)');
  }
  return paginate(qb, page, [
    { sql: 'r.title', value: (r) => r.title },
    { sql: 'r.id', value: (r) => r.id, cast: 'uuid' },
  ]);
}
