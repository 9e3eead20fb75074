import { isUuid, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { Partner } from './partner.entity';
import { partnerById } from './partner.loader';
import { canShowProfile } from './partner.service';

/** `_entities` for Partner: batched, and never more than the `partner` query would show. */
export const partnerReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext): Promise<Partner | null> {
    if (!isUuid(ref.id)) return null;
    const partner = await partnerById(ctx).load(ref.id);
    return partner && canShowProfile(ctx, partner) ? partner : null;
  },
};
