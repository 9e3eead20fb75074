import { alignByKey, groupedEntityPages, type Page, type PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Account } from '../account/account.entity';
import { pageKey } from '../common/scope';
import type { ContactPerson } from '../contact-person/contact-person.entity';
import { contactPersonById } from '../contact-person/contact-person.loader';

// Lookups by e-mail address for the privacy export. Keys are the normalised (lower-case)
// addresses of `DataSubject`; stored addresses are compared in lower case.

/** The account with each address (there is at most one: addresses are unique ignoring case). */
export const accountByEmail = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Account | null>('privacy.accountByEmail', async (emails) => {
    const rows = await ctx.ds
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('lower(a.email) = ANY(:emails)', { emails: [...emails] })
      .getMany();
    return alignByKey(emails, rows, (a) => a.email.toLowerCase());
  });

/** Contact-person entries with each address, at any partner, sorted by name: three statements per batch. */
export const contactPersonsByEmail = (ctx: SubgraphContext, page: PageArgs) =>
  ctx.loaders.get<string, Page<ContactPerson>>(`privacy.contactPersonsByEmail:${pageKey(page)}`, (emails) =>
    groupedEntityPages(
      ctx.ds,
      { from: 'contact_person c', group: 'lower(c.email)', groupType: 'text', id: 'c.id', sort: [{ sql: 'c.name' }, { sql: 'c.id', cast: 'uuid' }] },
      emails,
      page,
      contactPersonById(ctx),
    ),
  );
