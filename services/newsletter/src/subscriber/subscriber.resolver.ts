import { PageArgs } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConsentRecord } from '../consent/consent.entity';
import type { NewsletterContext } from '../context';
import { TopicRef } from '../topic/topic.reference';
import { Subscriber } from './subscriber.entity';
import { NewsletterPreferencesInput, NewsletterSubscriberFilter, SubscribeToNewsletterInput } from './subscriber.input';
import { latestConsentOf } from './subscriber.loader';
import {
  confirm,
  listSubscribers,
  subscribe,
  subscriberCounts,
  subscribersCsv,
  subscriptionByToken,
  unsubscribeWithToken,
  updatePreferences,
} from './subscriber.service';
import {
  ConfirmedSubscription,
  NewsletterSignUpResult,
  NewsletterSubscriberConnection,
  NewsletterSubscriberCounts,
  NewsletterSubscription,
} from './subscriber.types';

const tokenArg = { description: 'The token from the link in the mail.' };

/** The public double opt-in flow: sign up, confirm, manage, leave; no account needed. */
@Resolver(() => NewsletterSubscription)
export class SubscriptionResolver {
  @Mutation(() => NewsletterSignUpResult, {
    description:
      'Signs an address up for the newsletter (double opt-in): a confirmation mail with a link follows; nothing is sent before it is used. Same answer for every address. At most 3 confirmation mails per address and day.',
  })
  subscribeToNewsletter(
    @Arg('input', () => SubscribeToNewsletterInput, { description: 'Address and optional preferences.' }) input: SubscribeToNewsletterInput,
    @Ctx() ctx: NewsletterContext,
  ): Promise<NewsletterSignUpResult> {
    return subscribe(ctx, input);
  }

  @Mutation(() => ConfirmedSubscription, {
    description: 'Confirms a subscription with the token from the confirmation mail and records the consent proof. Using it again changes nothing.',
  })
  confirmSubscription(@Arg('token', tokenArg) token: string, @Ctx() ctx: NewsletterContext) {
    return confirm(ctx, token);
  }

  @Directive('@cacheControl(maxAge: 0, scope: PRIVATE)')
  @Query(() => NewsletterSubscription, { description: 'The subscription a link token (from a newsletter mail or `confirmSubscription`) belongs to, for a preferences page.' })
  newsletterSubscription(@Arg('token', tokenArg) token: string, @Ctx() ctx: NewsletterContext) {
    return subscriptionByToken(ctx, token);
  }

  @Mutation(() => NewsletterSubscription, { description: 'Changes topics, language or name of a subscription through its link token.' })
  updateNewsletterSubscription(
    @Arg('token', tokenArg) token: string,
    @Arg('input', () => NewsletterPreferencesInput, { description: 'The preferences to change.' }) input: NewsletterPreferencesInput,
    @Ctx() ctx: NewsletterContext,
  ) {
    return updatePreferences(ctx, token, input);
  }

  @Mutation(() => NewsletterSubscription, {
    description: 'Unsubscribes (withdraws the consent) through a link token, without login. Mail clients can also POST to the one-click link in the `List-Unsubscribe` header.',
  })
  unsubscribe(@Arg('token', tokenArg) token: string, @Ctx() ctx: NewsletterContext) {
    return unsubscribeWithToken(ctx.ds, ctx.clock.now(), token);
  }

  @FieldResolver(() => [TopicRef], { description: 'Topics of interest; empty means everything.' })
  topics(@Root() s: NewsletterSubscription): TopicRef[] {
    return s.topicSlugs.map(TopicRef.of);
  }
}

/** Subscriber administration: lists, counts, export (coordinators only: personal data). */
@Resolver(() => Subscriber)
export class SubscriberResolver {
  @Authorized('COORDINATOR')
  @Query(() => NewsletterSubscriberConnection, { description: 'Newsletter subscribers, newest first (coordinators only).' })
  newsletterSubscribers(
    @Arg('filter', () => NewsletterSubscriberFilter, { nullable: true, description: 'Conditions the subscribers must meet.' }) filter: NewsletterSubscriberFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: NewsletterContext,
  ) {
    return listSubscribers(ctx, filter ?? {}, page);
  }

  @Authorized('COORDINATOR')
  @Query(() => NewsletterSubscriberCounts, { description: 'Numbers of subscribers by status and topic (coordinators only).' })
  newsletterSubscriberCounts(@Ctx() ctx: NewsletterContext) {
    return subscriberCounts(ctx);
  }

  @Authorized('COORDINATOR')
  @Query(() => String, {
    description:
      'Subscribers matching the filter as CSV (UTF-8, comma-separated, header row; columns email, name, language, topics, status, signed_up_at, confirmed_at, unsubscribed_at, consent_text_version), sorted by address (coordinators only).',
  })
  newsletterSubscribersCsv(
    @Arg('filter', () => NewsletterSubscriberFilter, { nullable: true, description: 'Conditions the subscribers must meet.' }) filter: NewsletterSubscriberFilter | null,
    @Ctx() ctx: NewsletterContext,
  ) {
    return subscribersCsv(ctx, filter ?? {});
  }

  @FieldResolver(() => [TopicRef], { description: 'Topics of interest; empty means everything.' })
  topics(@Root() s: Subscriber): TopicRef[] {
    return s.topicSlugs.map(TopicRef.of);
  }

  @FieldResolver(() => ConsentRecord, { nullable: true, description: 'The latest consent proof; null while the subscription was never confirmed.' })
  consent(@Root() s: Subscriber, @Ctx() ctx: NewsletterContext) {
    return latestConsentOf(ctx).load(s.id);
  }
}
