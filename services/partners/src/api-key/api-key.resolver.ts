import { Connection, PageArgs, paginate, type SubgraphContext } from '@mitgen/subgraph-kit';
import { IsUUID, Length } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Partner } from '../partner/partner.entity';
import { partnerById } from '../partner/partner.loader';
import { ApiKey } from './api-key.entity';
import { createApiKey, revokeApiKey } from './api-key.service';

@InputType({ description: "A new API key for a partner institution's server." })
class CreateApiKeyInput {
  @Field(() => ID, { description: 'The partner the key belongs to; requests with it are attributed to this partner.' })
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId: string;

  @Field({ description: 'What the key is for, e.g. `WordPress-Website`.' })
  @Length(1, 120)
  name: string;
}

@ObjectType({ description: 'A newly created API key. The key is shown only here, once: store it now.' })
class CreatedApiKey {
  @Field({ description: 'The key to send as `X-API-Key`. It cannot be shown again.' })
  key: string;

  @Field(() => ApiKey, { description: 'The stored record of the key (without the key).' })
  apiKey: ApiKey;
}

@ObjectType({ description: 'A page of API keys.' })
export class ApiKeyConnection extends Connection(ApiKey) {}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized('COORDINATOR')
  @Query(() => ApiKeyConnection, { description: 'API keys, newest first, optionally of one partner (coordinators only).' })
  apiKeys(
    @Arg('partnerId', () => ID, { nullable: true, description: 'Only keys of this partner.' }) partnerId: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    const qb = ctx.ds.getRepository(ApiKey).createQueryBuilder('k');
    if (partnerId) qb.where('k.partner_id = :partnerId', { partnerId });
    return paginate(qb, page, [
      { sql: 'k.created_at', desc: true, cast: 'timestamptz', value: (k) => k.createdAt },
      { sql: 'k.id', desc: true, cast: 'uuid', value: (k) => k.id },
    ]);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => CreatedApiKey, { description: 'Issues an API key for a partner institution (coordinators only). The key is shown once.' })
  createApiKey(@Arg('input', { description: 'Partner and purpose of the key.' }) input: CreateApiKeyInput, @Ctx() ctx: SubgraphContext) {
    return createApiKey(ctx, input.partnerId, input.name);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => ApiKey, { description: 'Revokes an API key; requests with it are refused within a minute (coordinators only).' })
  revokeApiKey(@Arg('id', () => ID, { description: 'Id of the API key.' }) id: string, @Ctx() ctx: SubgraphContext) {
    return revokeApiKey(ctx, id);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner the key belongs to.' })
  partner(@Root() apiKey: ApiKey, @Ctx() ctx: SubgraphContext) {
    return partnerById(ctx).load(apiKey.partnerId);
  }

  @FieldResolver(() => Boolean, { description: 'True when the key has been revoked.' })
  revoked(@Root() apiKey: ApiKey): boolean {
    return apiKey.revokedAt !== null;
  }
}
