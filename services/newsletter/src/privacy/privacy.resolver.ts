import { erasureMutation, PageArgs, SentMailConnection, sentMailsTo } from '@mitgen/subgraph-kit';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { NewsletterContext } from '../context';
import { Subscriber } from '../subscriber/subscriber.entity';
import { consentProofsByEmail, subscriberByEmail } from './privacy.loader';
import { eraseSubscriberData } from './privacy.service';
import { DataSubject, NewsletterConsentConnection } from './privacy.types';

// The newsletter service's part of the privacy export and erasure. Every export field checks the
// role itself: `_entities` reaches `DataSubject` on this subgraph directly. The erasure is a
// mutation for the erasure coordinator only (see the kit's `erasureMutation`).

@Resolver(() => DataSubject)
export class NewsletterDataSubjectResolver {
  @Authorized('COORDINATOR')
  @FieldResolver(() => Subscriber, {
    nullable: true,
    description: 'The newsletter subscription of this address with status, topics, language and latest consent proof, if there is one (newsletter service; coordinators only).',
  })
  newsletterSubscription(@Root() subject: DataSubject, @Ctx() ctx: NewsletterContext): Promise<Subscriber | null> {
    return subscriberByEmail(ctx).load(subject.email);
  }

  @Authorized('COORDINATOR')
  @FieldResolver(() => NewsletterConsentConnection, {
    nullable: true,
    description: 'Every consent proof of the subscription (one per confirmation: time, IP address, user agent, consent text version), newest first (coordinators only).',
  })
  newsletterConsentProofs(@Root() subject: DataSubject, @Args() page: PageArgs, @Ctx() ctx: NewsletterContext) {
    return consentProofsByEmail(ctx, page).load(subject.email);
  }

  @Authorized('COORDINATOR')
  @FieldResolver(() => SentMailConnection, {
    nullable: true,
    description: 'Mails the newsletter service sent or is about to send to this address (confirmations, editions), newest first, without content (coordinators only).',
  })
  newsletterMails(@Root() subject: DataSubject, @Args() page: PageArgs, @Ctx() ctx: NewsletterContext) {
    return sentMailsTo(ctx, page).load(subject.email);
  }
}

/** `eraseDataSubjectInNewsletter`: the newsletter service's part of an erasure request. */
export const NewsletterErasureResolver = erasureMutation<NewsletterContext>(
  'newsletter',
  eraseSubscriberData,
  'Erases the newsletter subscription of this address with its consent proofs, link tokens and mails (newsletter service) and reports what was done: `subscriptionsDeleted`, `consentProofsDeleted`, `mailsWithdrawn`, `mailsScrubbed`.',
);
