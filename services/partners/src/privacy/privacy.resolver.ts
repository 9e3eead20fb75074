import { dataSubjectEmail, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../account/account.entity';
import { ContactPersonConnection } from '../contact-person/contact-person.resolver';
import { accountByEmail, contactPersonsByEmail } from './privacy.loader';
import { erasePartnersData, refuseOwnAccount } from './privacy.service';
import { DataSubject, DataSubjectErasure, PartnersErasure } from './privacy.types';

// The entry points of the privacy export and erasure live here (the partners service also owns
// accounts and roles); the other services add their fields to the same two entities. Every field
// checks the role itself, so `_entities` on any subgraph shows nothing to anyone else.

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

@Resolver(() => DataSubjectErasure)
export class DataSubjectErasureResolver {
  @Authorized('COORDINATOR')
  @Mutation(() => DataSubjectErasure, {
    nullable: true,
    description:
      'Erases (deletes or anonymises) everything the network stores about the person with this e-mail address (GDPR right to be forgotten; coordinators only). Each service erases its data when its field of `DataSubjectErasure` is selected: select all of them (`partners`, `events`, `newsletter`). A service that fails answers null with an error naming it, the others still erase; run it again to complete. Your own address is refused.',
  })
  async eraseDataSubject(@Arg('email', emailArg) email: string, @Ctx() ctx: SubgraphContext): Promise<DataSubjectErasure> {
    const normalised = dataSubjectEmail(email);
    await refuseOwnAccount(ctx, normalised);
    return DataSubjectErasure.of(normalised);
  }

  @Authorized('COORDINATOR')
  @FieldResolver(() => PartnersErasure, {
    nullable: true,
    description: 'Erases the accounts and contact-person entries with this address (partners service) and reports what was done; nothing is erased unless this field is selected.',
  })
  partners(@Root() erasure: DataSubjectErasure, @Ctx() ctx: SubgraphContext): Promise<PartnersErasure> {
    // Once per address and request, even when the field is selected twice (aliases).
    return ctx.loaders
      .get<string, PartnersErasure>('privacy.erase', async (emails) => {
        const reports: PartnersErasure[] = [];
        for (const email of emails) reports.push(await erasePartnersData(ctx, email));
        return reports;
      })
      .load(erasure.email);
  }
}
