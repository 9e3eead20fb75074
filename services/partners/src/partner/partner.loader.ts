import { byIdLoader, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Partner } from './partner.entity';

/** Partners by id (whatever their status; callers check visibility), one statement per request batch. */
export const partnerById = (ctx: SubgraphContext) => byIdLoader(ctx, Partner);
