import { alignByKey, groupByKey, isUuid, type SubgraphContext } from '@mitgen/subgraph-kit';
import { In } from 'typeorm';
import { Topic } from '../topic/topic.entity';
import { Partner } from './partner.entity';

/** Partners by id, one statement per request batch. */
export const partnerById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Partner | null>('partner.byId', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await ctx.ds.getRepository(Partner).findBy({ id: In(valid) }) : [];
    return alignByKey(ids, rows, (p) => p.id);
  });

/** Topics of many partners in one statement. */
export const topicsOfPartner = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Topic[]>('partner.topics', async (partnerIds) => {
    const rows: (Topic & { partner_id: string })[] = await ctx.ds.query(
      `SELECT pt.partner_id, t.slug, t.name, t.description
         FROM partner_topic pt JOIN topic t ON t.slug = pt.topic_slug
        WHERE pt.partner_id = ANY($1::uuid[]) ORDER BY t.name`,
      [partnerIds],
    );
    return groupByKey(partnerIds, rows, (r) => r.partner_id).map((group) =>
      group.map(({ slug, name, description }) => Object.assign(new Topic(), { slug, name, description })),
    );
  });
