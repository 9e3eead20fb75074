import {
  AuditEntryConnection,
  Connection,
  forbidden,
  LANGUAGE_ARGUMENT_DESCRIPTION,
  PageArgs,
  PublicationResolver,
  actsFor,
  isUuid,
  useLanguageArgument,
  type SubgraphContext,
} from '@mitgen/subgraph-kit';
import { ArrayMaxSize } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { ResourcesDeps } from '../prepare';
import { ContactPersonRef } from '../contact-person/contact-person.reference';
import { PartnerRef } from '../partner/partner.reference';
import { RegionRef } from '../region/region.reference';
import { TopicRef } from '../topic/topic.reference';
import { Resource } from './resource.entity';
import { CreateResourceInput, ResourceFilter, ResourceSort, UpdateResourceInput } from './resource.input';
import { auditLogOfResource, resourceById } from './resource.loader';
import {
  archiveResource,
  canSeeResource,
  createResource,
  listResources,
  markResourceReviewed,
  publishResource,
  updateResource,
} from './resource.service';

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'A page of resources.' })
export class ResourceConnection extends Connection(Resource) {}

@ArgsType()
class ContactLookupArgs {
  @Field(() => [ID], { description: 'Ids of contact persons (at most 100).' })
  @ArrayMaxSize(100)
  ids: string[];
}

type Ctx = SubgraphContext<ResourcesDeps>;

@Resolver(() => Resource)
export class ResourceResolver extends PublicationResolver(Resource, {
  idDescription: 'Id of the resource.',
  publish: { description: 'Makes a resource of your organisation (coordinators: any) public.', run: publishResource },
  archive: { description: 'Takes a resource of your organisation (coordinators: any) out of the public pool; it stays on record.', run: archiveResource },
}) {
  @Directive('@cacheControl(maxAge: 60)')
  @Query(() => ResourceConnection, {
    description:
      'The resource pool: published offers and information, filtered, sorted (by relevance when searching, else by title) and paged.',
  })
  resources(
    @Arg('filter', () => ResourceFilter, { nullable: true, description: 'Conditions the resources must meet.' }) filter: ResourceFilter | null,
    @Arg('sort', () => ResourceSort, { nullable: true, description: 'Order of the list; default RELEVANCE when searching, TITLE otherwise.' })
    sort: ResourceSort | null,
    @Args() page: PageArgs,
    @Arg('language', () => String, { nullable: true, description: LANGUAGE_ARGUMENT_DESCRIPTION }) language: string | null,
    @Ctx() ctx: Ctx,
  ) {
    useLanguageArgument(ctx, language);
    return listResources(ctx, filter ?? {}, page, sort);
  }

  @Directive('@cacheControl(maxAge: 60)')
  @Query(() => Resource, { nullable: true, description: 'One resource by id; null when there is none you may see.' })
  async resource(
    @Arg('id', () => ID, { description: 'Id of the resource.' }) id: string,
    @Arg('language', () => String, { nullable: true, description: LANGUAGE_ARGUMENT_DESCRIPTION }) language: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<Resource | null> {
    useLanguageArgument(ctx, language);
    const r = isUuid(id) ? await resourceById(ctx).load(id) : null;
    return r && canSeeResource(ctx, r) ? r : null;
  }

  // Checks of contacts want the current answer, never a cached one.
  @Directive('@cacheControl(maxAge: 0)')
  @Query(() => [ContactPersonRef], {
    nullable: 'items',
    description:
      'Contact persons by id, in the order asked; null where the partners service knows none (or does not show it to you). For editing tools that show names next to `contactIds`; the resources service checks contacts with it.',
  })
  contactPersonLookup(@Args() { ids }: ContactLookupArgs): ContactPersonRef[] {
    return ids.map(ContactPersonRef.of);
  }

  @Authorized()
  @Mutation(() => Resource, {
    description:
      'Creates a resource as a draft. Editors create for their own organisation, coordinators for any; provider, topics, regions and contacts must exist (BAD_USER_INPUT otherwise).',
  })
  createResource(@Arg('input', () => CreateResourceInput, { description: 'The new resource.' }) input: CreateResourceInput, @Ctx() ctx: Ctx) {
    return createResource(ctx, input);
  }

  @Authorized()
  @Mutation(() => Resource, {
    description: 'Changes a resource of your organisation (coordinators: any). Send the `version` you read: a concurrent change is reported as CONFLICT.',
  })
  updateResource(
    @Arg('id', () => ID, { description: 'Id of the resource.' }) id: string,
    @Arg('input', () => UpdateResourceInput, { description: 'The fields to change and the version you read.' }) input: UpdateResourceInput,
    @Ctx() ctx: Ctx,
  ) {
    return updateResource(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Resource, {
    description: 'Confirms that a resource of your organisation (coordinators: any) is still up to date: sets `lastReviewedAt` to now.',
  })
  markResourceReviewed(@Arg('id', () => ID, { description: 'Id of the resource.' }) id: string, @Ctx() ctx: Ctx) {
    return markResourceReviewed(ctx, id);
  }

  @FieldResolver(() => PartnerRef, { nullable: true, description: 'The partner organisation providing this resource.' })
  provider(@Root() r: Resource): PartnerRef {
    return PartnerRef.of(r.providerId);
  }

  @FieldResolver(() => [TopicRef], { description: 'Topic areas of this resource.' })
  topics(@Root() r: Resource): TopicRef[] {
    return r.topicSlugs.map(TopicRef.of);
  }

  @FieldResolver(() => [RegionRef], { description: 'Regions the offer serves; empty for statewide offers (see `statewide`).' })
  regions(@Root() r: Resource): RegionRef[] {
    return r.regionCodes.map(RegionRef.of);
  }

  @FieldResolver(() => [ContactPersonRef], {
    nullable: 'items',
    description: 'Contact persons (Ansprechpersonen) for this offer; an entry is null when the person no longer exists or is not shown to you.',
  })
  contacts(@Root() r: Resource): ContactPersonRef[] {
    return r.contactIds.map(ContactPersonRef.of);
  }

  @FieldResolver(() => AuditEntryConnection, {
    description: 'Who changed this resource when, newest first (coordinators and editors of the providing organisation only).',
  })
  auditLog(@Root() r: Resource, @Args() page: PageArgs, @Ctx() ctx: Ctx) {
    if (!actsFor(ctx, r.providerId)) throw forbidden('Only coordinators and editors of the providing organisation may read the audit log');
    return auditLogOfResource(ctx, page).load(r.id);
  }
}

/** `_entities` for Resource: batched; drafts only for those who may see them. */
export const resourceReference = {
  async __resolveReference(ref: { id: string }, ctx: Ctx): Promise<Resource | null> {
    if (!isUuid(ref.id)) return null;
    const r = await resourceById(ctx).load(ref.id);
    return r && canSeeResource(ctx, r) ? r : null;
  },
};
