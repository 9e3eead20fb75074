import { byIdLoader, groupedEntityPages, type Page, type PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { pageKey, viewerScope } from '../common/scope';
import { ContactPerson } from './contact-person.entity';

/** Contact persons by id (whatever their visibility; callers check), one statement per batch. */
export const contactPersonById = (ctx: SubgraphContext) => byIdLoader(ctx, ContactPerson);

/**
 * Pages of contact persons of many partners at once, sorted by name: public ones, plus all of the
 * caller's own partner (coordinators: all). The partners themselves are already visible to the caller.
 */
export const contactPersonsOfPartner = (ctx: SubgraphContext, page: PageArgs) =>
  ctx.loaders.get<string, Page<ContactPerson>>(`contactPerson.ofPartner:${pageKey(page)}`, (partnerIds) => {
    const scope = viewerScope(ctx);
    return groupedEntityPages(
      ctx.ds,
      {
        from: 'contact_person c',
        group: 'c.partner_id',
        groupType: 'uuid',
        id: 'c.id',
        ...(scope.all ? {} : { where: 'c.is_public OR c.partner_id = ANY($1::uuid[])', params: [scope.own] }),
        sort: [{ sql: 'c.name' }, { sql: 'c.id', cast: 'uuid' }],
      },
      partnerIds,
      page,
      contactPersonById(ctx),
    );
  });
