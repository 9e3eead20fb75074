import { emptyPage, Connection, PageArgs, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Partner } from '../partner/partner.entity';
import { partnerById } from '../partner/partner.loader';
import { canSee } from '../partner/partner.service';
import { NewsItem } from './news-item.entity';
import { CreateNewsItemInput, UpdateNewsItemInput } from './news-item.input';
import { newsOfPartner } from './news-item.loader';
import { createNewsItem, deleteNewsItem, listNews, updateNewsItem } from './news-item.service';

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'A page of news items, newest first.' })
export class NewsItemConnection extends Connection(NewsItem) {}

@Resolver(() => NewsItem)
export class NewsItemResolver {
  @Directive('@cacheControl(maxAge: 60)')
  @Query(() => NewsItemConnection, { description: 'Latest news items of all published partners, newest first.' })
  news(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return listNews(ctx, page);
  }

  @Authorized()
  @Mutation(() => NewsItem, { description: 'Adds a news item to a partner (coordinators; editors for their own organisation).' })
  createNewsItem(@Arg('input', { description: 'The news item.' }) input: CreateNewsItemInput, @Ctx() ctx: SubgraphContext) {
    return createNewsItem(ctx, input);
  }

  @Authorized()
  @Mutation(() => NewsItem, {
    description: 'Changes a news item (coordinators; editors for their own organisation). Send the `version` you read: CONFLICT when it changed meanwhile.',
  })
  updateNewsItem(
    @Arg('id', () => ID, { description: 'Id of the news item.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateNewsItemInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return updateNewsItem(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Removes a news item (coordinators; editors for their own organisation). True when done.' })
  deleteNewsItem(@Arg('id', () => ID, { description: 'Id of the news item.' }) id: string, @Ctx() ctx: SubgraphContext) {
    return deleteNewsItem(ctx, id);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner the news is about.' })
  async partner(@Root() item: NewsItem, @Ctx() ctx: SubgraphContext): Promise<Partner | null> {
    const partner = await partnerById(ctx).load(item.partnerId);
    return partner && canSee(ctx, partner) ? partner : null;
  }
}

@Resolver(() => Partner)
export class PartnerNewsResolver {
  @FieldResolver(() => NewsItemConnection, {
    description: 'News about the partner’s work, newest first: items dated today or earlier; coordinators and the partner also see scheduled ones.',
  })
  news(@Root() partner: Partner, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    // An archived partner keeps its profile, not its contacts, news or cooperations.
    return canSee(ctx, partner) ? newsOfPartner(ctx, page).load(partner.id) : emptyPage();
  }
}
