import { PageArgs, SentMailConnection, sentMailsTo } from '@mitgen/subgraph-kit';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { NewsletterContext } from '../context';
import { Subscriber } from '../subscriber/subscriber.entity';
import { consentProofsByEmail, subscriberByEmail } from './privacy.loader';
import { eraseSubscriberData } from './privacy.service';
import { DataSubject, DataSubjectErasure, NewsletterConsentConnection, NewsletterErasure } from './privacy.types';

// The newsletter service's part of the privacy export and erasure. Every field checks the role
// itself: `_entities` reaches these types on this subgraph directly.

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

@Resolver(() => DataSubjectErasure)
export class NewsletterDataSubjectErasureResolver {
  @Authorized('COORDINATOR')
  @FieldResolver(() => NewsletterErasure, {
    nullable: true,
    description:
      'Erases the newsletter subscription of this address with its consent proofs, link tokens and mails (newsletter service) and reports what was done; nothing is erased unless this field is selected.',
  })
  newsletter(@Root() erasure: DataSubjectErasure, @Ctx() ctx: NewsletterContext): Promise<NewsletterErasure> {
    // Once per address and request, even when the field is selected twice (aliases).
    return ctx.loaders
      .get<string, NewsletterErasure>('privacy.erase', async (emails) => {
        const reports: NewsletterErasure[] = [];
        for (const email of emails) reports.push(await eraseSubscriberData(ctx, email));
        return reports;
      })
      .load(erasure.email);
  }
}
