import { alignByKey, isUuid, type SubgraphContext } from '@mitgen/subgraph-kit';
import { In } from 'typeorm';
import { Partner } from './partner.entity';

/** Partners by id (whatever their status; callers check visibility), one statement per request batch. */
export const partnerById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Partner | null>('partner.byId', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await ctx.ds.getRepository(Partner).findBy({ id: In(valid) }) : [];
    return alignByKey(ids, rows, (p) => p.id);
  });
