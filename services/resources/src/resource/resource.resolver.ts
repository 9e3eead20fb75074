import { Connection, PageArgs, isUuid, PublicationStatus, actsFor, type SubgraphContext } from '@mitgen/subgraph-kit';
import { PartnerRef, TopicRef } from '../references';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Resource } from './resource.entity';
import { ResourceFilter } from './resource.input';
import { resourceById } from './resource.loader';
import { listResources } from './resource.service';

@ObjectType({ description: 'A page of resources.' })
export class ResourceConnection extends Connection(Resource) {}

/** True when the caller may see the resource (published, or their organisation's, or a coordinator). */
export function canSeeResource(ctx: SubgraphContext, r: Resource): boolean {
  return r.status === PublicationStatus.PUBLISHED || actsFor(ctx, r.providerId);
}

@Resolver(() => Resource)
export class ResourceResolver {
  @Query(() => ResourceConnection, { description: 'The resource pool: published offers and information, filtered and paged, sorted by title.' })
  resources(
    @Arg('filter', () => ResourceFilter, { nullable: true, description: 'Conditions the resources must meet.' }) filter: ResourceFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return listResources(ctx, filter ?? {}, page);
  }

  @Query(() => Resource, { nullable: true, description: 'One resource by id; null when there is none you may see.' })
  async resource(@Arg('id', () => ID, { description: 'Id of the resource.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Resource | null> {
    const r = isUuid(id) ? await resourceById(ctx).load(id) : null;
    return r && canSeeResource(ctx, r) ? r : null;
  }

  @FieldResolver(() => PartnerRef, { nullable: true, description: 'The partner organisation providing this resource.' })
  provider(@Root() r: Resource): PartnerRef {
    return PartnerRef.of(r.providerId);
  }

  @FieldResolver(() => [TopicRef], { description: 'Topic areas of this resource.' })
  topics(@Root() r: Resource): TopicRef[] {
    return r.topicSlugs.map(TopicRef.of);
  }
}

/** `_entities` for Resource: batched; drafts only for those who may see them. */
export const resourceReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext): Promise<Resource | null> {
    if (!isUuid(ref.id)) return null;
    const r = await resourceById(ctx).load(ref.id);
    return r && canSeeResource(ctx, r) ? r : null;
  },
};
