import { dataSubjectEmail, erasureMutation, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../account/account.entity';
import { ContactPersonConnection } from '../contact-person/contact-person.resolver';
import { accountByEmail, contactPersonsByEmail } from './privacy.loader';
import { erasePartnersData } from './privacy.service';
import { DataSubject } from './privacy.types';

// The entry point of the privacy export lives here (the partners service also owns accounts and
// roles); the other services add their fields to the same entity. Every field checks the role
// itself, so `_entities` on any subgraph shows nothing to anyone else. Erasure requests are in
// ../erasure; this service's own part of an erasure is its erasure mutation below.

const emailArg = { description: 'E-mail address of the person (letter case does not matter).' };

@Resolver(() => DataSubject)
export class DataSubjectResolver {
  @Authorized('COORDINATOR')
  @Query(() => DataSubject, {
    nullable: true,
    description:
      'Everything the network stores about the person with this e-mail address, from every service (GDPR right of access; coordinators only). Select every field of `DataSubject`.',
  })
  dataSubject(@Arg('email', emailArg) email: string): DataSubject {
    return DataSubject.of(dataSubjectEmail(email));
  }

  @Authorized('COORDINATOR')
  @FieldResolver(() => Account, { nullable: true, description: 'The sign-in account with this address, if there is one (partners service; coordinators only).' })
  account(@Root() subject: DataSubject, @Ctx() ctx: SubgraphContext): Promise<Account | null> {
    return accountByEmail(ctx).load(subject.email);
  }

  @Authorized('COORDINATOR')
  @FieldResolver(() => ContactPersonConnection, {
    nullable: true,
    description: 'Contact-person entries (Ansprechpersonen) with this address, at any partner, with all their fields (partners service; coordinators only).',
  })
  contactPersons(@Root() subject: DataSubject, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return contactPersonsByEmail(ctx, page).load(subject.email);
  }
}

/** `eraseDataSubjectInPartners`: the partners service's part of an erasure request. */
export const PartnersErasureResolver = erasureMutation<SubgraphContext>(
  'partners',
  erasePartnersData,
  'Erases the accounts and contact-person entries with this address (partners service) and reports what was done: `accountsAnonymised` (disabled, address, name and password removed; the id stays for the audit logs), `contactPersonsDeleted`.',
);
