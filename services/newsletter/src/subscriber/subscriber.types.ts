import { Connection } from '@mitgen/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { TopicRef } from '../topic/topic.reference';
import { Subscriber, SubscriberStatus } from './subscriber.entity';

@ObjectType({ description: 'The answer to a sign-up. It is the same whether the address is new, pending or already subscribed, so it reveals nothing about the address.' })
export class NewsletterSignUpResult {
  @Field({ description: 'What happens next, to show to the person.' })
  message: string;

  @Field(() => Int, { description: 'How many hours the link in the confirmation mail works.' })
  confirmationLinkHours: number;
}

@ObjectType({ description: 'A subscription as its owner sees it through a link token (for the preferences page).' })
export class NewsletterSubscription {
  @Field({ description: 'The subscribed e-mail address.' })
  email: string;

  @Field(() => String, { nullable: true, description: 'Name for the greeting, if given.' })
  name: string | null;

  @Field({ description: 'Language of the newsletter and of mails about the subscription (a content language code).' })
  language: string;

  topicSlugs: string[];

  @Field(() => SubscriberStatus, { description: 'Confirmed, or unsubscribed.' })
  status: SubscriberStatus;

  @Field(() => Date, { nullable: true, description: 'When the subscription was confirmed.' })
  confirmedAt: Date | null;
}

@ObjectType({ description: 'The result of confirming a subscription.' })
export class ConfirmedSubscription {
  @Field(() => NewsletterSubscription, { description: 'The subscription, now confirmed.' })
  subscription: NewsletterSubscription;

  @Field({
    description:
      'Token for `newsletterSubscription`, `updateNewsletterSubscription` and `unsubscribe` (e.g. to link to the preferences page right away). Shown once; valid 365 days.',
  })
  manageToken: string;
}

@ObjectType({ description: 'A page of newsletter subscribers.' })
export class NewsletterSubscriberConnection extends Connection(Subscriber) {}

@ObjectType({ description: 'Confirmed subscribers interested in one topic.' })
export class NewsletterTopicCount {
  @Field(() => TopicRef, { description: 'The topic.' })
  topic: TopicRef;

  @Field(() => Int, { description: 'Confirmed subscribers who chose this topic.' })
  confirmed: number;
}

@ObjectType({ description: 'How many subscribers there are, by status and by topic.' })
export class NewsletterSubscriberCounts {
  @Field(() => Int, { description: 'All stored subscriptions.' })
  total: number;

  @Field(() => Int, { description: 'Signed up, not confirmed yet.' })
  pending: number;

  @Field(() => Int, { description: 'Confirmed: they receive the newsletter.' })
  confirmed: number;

  @Field(() => Int, { description: 'Unsubscribed (kept for the consent proof until the retention time ends).' })
  unsubscribed: number;

  @Field(() => Int, { description: 'Confirmed subscribers who chose no topic (they receive every edition).' })
  confirmedWithoutTopics: number;

  @Field(() => [NewsletterTopicCount], { description: 'Confirmed subscribers per topic (one entry per chosen topic; bounded by the number of topics).' })
  byTopic: NewsletterTopicCount[];
}
