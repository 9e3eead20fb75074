import { groupedEntityPages, type Page, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { Registration } from '../registration/registration.entity';
import { registrationById } from '../registration/registration.loader';

/**
 * Registrations made with each address (letter case ignored; anonymised ones have none), newest
 * first: three statements per batch, however many registrations there are.
 */
export const registrationsByEmail = (ctx: SubgraphContext, page: { first: number; after?: string | null }) =>
  ctx.loaders.get<string, Page<Registration>>(`privacy.registrationsByEmail:${page.first}:${page.after ?? ''}`, (emails) =>
    groupedEntityPages(
      ctx.ds,
      // The queue number is unique and grows with every registration: newest first, exactly.
      { from: 'registration r', group: 'lower(r.email)', groupType: 'text', id: 'r.id', where: 'r.email IS NOT NULL', sort: [{ sql: 'r.queue_seq', desc: true, cast: 'bigint' }] },
      emails,
      page,
      registrationById(ctx),
    ),
  );
