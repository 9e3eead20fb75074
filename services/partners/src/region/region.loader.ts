import { alignByKey, type SubgraphContext } from '@mitgen/subgraph-kit';
import { In } from 'typeorm';
import { Region } from './region.entity';

/** Regions by official code. */
export const regionByCode = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Region | null>('region.byCode', async (codes) => {
    const rows = await ctx.ds.getRepository(Region).findBy({ code: In([...codes]) });
    return alignByKey(codes, rows, (r) => r.code);
  });
