import { Connection, OutdatedTranslation, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { ResourcesDeps } from '../prepare';
import { ContactPersonRef } from '../contact-person/contact-person.reference';
import { Resource } from '../resource/resource.entity';
import { refreshReferences } from './refresh';
import { REVIEW_MONTHS, staleResources, StaleReason } from './stale.service';

registerEnumType(StaleReason, {
  name: 'StaleReason',
  description: 'Why an entry of the resource pool needs attention.',
  valuesConfig: {
    EXPIRED: { description: 'Its `validUntil` is in the past.' },
    NOT_REVIEWED: { description: `Not reviewed for ${REVIEW_MONTHS} months (or never); see \`markResourceReviewed\`.` },
    PROVIDER_ARCHIVED: { description: 'Its provider (partner) is archived.' },
    PROVIDER_NOT_FOUND: { description: 'The graph no longer shows its provider (deleted, or not visible to the resource pool).' },
    CONTACT_GONE: { description: 'One of its contact persons no longer exists.' },
    TRANSLATION_OUTDATED: { description: 'The German text of a translated field changed after the translation was written; `outdatedTranslations` names them.' },
  },
});

@ObjectType({ description: 'An entry of the stale report: a resource and why it needs attention.' })
class StaleResource {
  @Field(() => Resource, { description: 'The resource.' })
  resource: Resource;

  @Field(() => [StaleReason], { description: 'Every reason that applies.' })
  reasons: StaleReason[];

  @Field(() => [OutdatedTranslation], { description: 'Its translated fields whose German text changed since they were written (language and field); empty when none.' })
  outdatedTranslations: OutdatedTranslation[];

  @Field(() => [ContactPersonRef], { description: 'Its contact persons that no longer exist (at the last check through the graph).' })
  goneContacts(): ContactPersonRef[] {
    return this.resource.missingContactIds.map(ContactPersonRef.of);
  }

  @Field(() => Date, {
    nullable: true,
    description: 'When provider and contacts were last checked through the graph (null: not yet; see `refreshResourceReferences`).',
  })
  referencesCheckedAt(): Date | null {
    return this.resource.referencesCheckedAt;
  }
}

@ObjectType({ description: 'A page of the stale report.' })
class StaleResourceConnection extends Connection(StaleResource) {}

@ObjectType({ description: 'What a refresh of the references through the graph did.' })
class ReferenceRefresh {
  @Field({ description: 'When the check ran.' })
  checkedAt: Date;

  @Field(() => Int, { description: 'Providers looked up.' })
  partners: number;

  @Field(() => Int, { description: 'Contact persons looked up.' })
  contacts: number;

  @Field(() => Int, { description: 'Topics found renamed or merged (their resources now carry the current slug).' })
  topics: number;

  @Field(() => Int, { description: 'Resources whose copies changed.' })
  resourcesChanged: number;

  @Field(() => [String], { description: 'Steps the graph could not answer; their copies stay as they were. Empty when all went well.' })
  problems: string[];
}

@Resolver()
export class StaleResolver {
  @Authorized('COORDINATOR')
  @Query(() => StaleResourceConnection, {
    description: `Coordinators: drafts and published resources past their validity, not reviewed for ${REVIEW_MONTHS} months, whose provider is archived or unknown, whose contact person is gone, or with an outdated translation; by title.`,
  })
  async staleResources(
    @Arg('reasons', () => [StaleReason], { nullable: true, description: 'Only entries with one of these reasons (default: all).' }) reasons: StaleReason[] | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    const result = await staleResources(ctx, reasons, page);
    return { ...result, nodes: result.nodes.map((entry) => Object.assign(new StaleResource(), entry)) };
  }

  @Authorized('COORDINATOR')
  @Mutation(() => ReferenceRefresh, {
    description:
      'Coordinators: refreshes now what the resource pool copies from the partners service through the graph (provider names and states, topic slugs, gone contact persons); it also runs on its own every REFERENCE_REFRESH_MINUTES.',
  })
  refreshResourceReferences(@Ctx() ctx: SubgraphContext<ResourcesDeps>) {
    return refreshReferences(ctx);
  }
}
