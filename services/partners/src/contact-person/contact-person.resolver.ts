import { emptyPage, Connection, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Partner } from '../partner/partner.entity';
import { partnerById } from '../partner/partner.loader';
import { canSee } from '../partner/partner.service';
import { Topic } from '../topic/topic.entity';
import { topicsOfContactPerson } from '../topic/topic.loader';
import { ContactPerson } from './contact-person.entity';
import { ContactPersonFilter, CreateContactPersonInput, UpdateContactPersonInput } from './contact-person.input';
import { contactPersonById, contactPersonsOfPartner } from './contact-person.loader';
import {
  canSeeContactPerson,
  createContactPerson,
  deleteContactPerson,
  listContactPersons,
  seesAllOf,
  updateContactPerson,
} from './contact-person.service';

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'A page of contact persons.' })
export class ContactPersonConnection extends Connection(ContactPerson) {}

@Resolver(() => ContactPerson)
export class ContactPersonResolver {
  @Directive('@cacheControl(maxAge: 60)')
  @Query(() => ContactPersonConnection, {
    description: 'Contact persons (Ansprechpersonen) of published partners that are public, sorted by name, e.g. per topic area.',
  })
  contactPersons(
    @Arg('filter', () => ContactPersonFilter, { nullable: true, description: 'Conditions the contact persons must meet.' }) filter: ContactPersonFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return listContactPersons(ctx, filter ?? {}, page);
  }

  @Directive('@cacheControl(maxAge: 60)')
  @Query(() => ContactPerson, { nullable: true, description: 'One contact person by id; null when there is none you may see.' })
  async contactPerson(@Arg('id', () => ID, { description: 'Id of the contact person.' }) id: string, @Ctx() ctx: SubgraphContext) {
    const contact = await contactPersonById(ctx).load(id);
    if (!contact) return null;
    return canSeeContactPerson(ctx, contact, await partnerById(ctx).load(contact.partnerId)) ? contact : null;
  }

  @Authorized()
  @Mutation(() => ContactPerson, { description: 'Adds a contact person to a partner (coordinators; editors for their own organisation).' })
  createContactPerson(@Arg('input', { description: 'The new contact person.' }) input: CreateContactPersonInput, @Ctx() ctx: SubgraphContext) {
    return createContactPerson(ctx, input);
  }

  @Authorized()
  @Mutation(() => ContactPerson, {
    description: 'Changes a contact person (coordinators; editors for their own organisation). Send the `version` you read: CONFLICT when it changed meanwhile.',
  })
  updateContactPerson(
    @Arg('id', () => ID, { description: 'Id of the contact person.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateContactPersonInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return updateContactPerson(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Removes a contact person and their personal data (coordinators; editors for their own organisation). True when done.',
  })
  deleteContactPerson(@Arg('id', () => ID, { description: 'Id of the contact person.' }) id: string, @Ctx() ctx: SubgraphContext) {
    return deleteContactPerson(ctx, id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Email address; null for the public unless `emailPublic`.' })
  email(@Root() contact: ContactPerson, @Ctx() ctx: SubgraphContext): string | null {
    return contact.emailPublic || seesAllOf(ctx, contact) ? contact.email : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Phone number; null for the public unless `phonePublic`.' })
  phone(@Root() contact: ContactPerson, @Ctx() ctx: SubgraphContext): string | null {
    return contact.phonePublic || seesAllOf(ctx, contact) ? contact.phone : null;
  }

  @FieldResolver(() => [Topic], { description: 'Topic areas the person is the contact for.' })
  topics(@Root() contact: ContactPerson, @Ctx() ctx: SubgraphContext) {
    return topicsOfContactPerson(ctx).load(contact.id);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner organisation the person works for.' })
  async partner(@Root() contact: ContactPerson, @Ctx() ctx: SubgraphContext) {
    const partner = await partnerById(ctx).load(contact.partnerId);
    return partner && canSee(ctx, partner) ? partner : null;
  }
}

@Resolver(() => Partner)
export class PartnerContactPersonsResolver {
  @FieldResolver(() => ContactPersonConnection, {
    description: 'Contact persons of the partner, sorted by name: the public ones; coordinators and the partner itself see all.',
  })
  contactPersons(@Root() partner: Partner, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    // An archived partner keeps its profile, not its contacts, news or cooperations.
    return canSee(ctx, partner) ? contactPersonsOfPartner(ctx, page).load(partner.id) : emptyPage();
  }
}
