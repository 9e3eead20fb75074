import { byIdLoader, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Region } from './region.entity';

/** Regions by official code. */
export const regionByCode = (ctx: SubgraphContext) => byIdLoader(ctx, Region, { key: 'code' });
