import { TimestampedEntity } from '@mitgen/subgraph-kit';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

export enum SubscriberStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  UNSUBSCRIBED = 'UNSUBSCRIBED',
}

registerEnumType(SubscriberStatus, {
  name: 'NewsletterSubscriberStatus',
  description: 'Where a newsletter subscription stands in the double opt-in (Double-Opt-in) process.',
  valuesConfig: {
    PENDING: { description: 'Signed up, confirmation link not clicked yet; receives no newsletter and is deleted if never confirmed.' },
    CONFIRMED: { description: 'Confirmed by clicking the link in the confirmation mail; receives the newsletter.' },
    UNSUBSCRIBED: { description: 'Unsubscribed (consent withdrawn); receives nothing.' },
  },
});

/** A newsletter subscription with double opt-in; personal data (GDPR), for coordinators only. */
@ObjectType('NewsletterSubscriber', { description: 'A person who signed up for the newsletter (personal data: coordinators only).' })
@Entity()
export class Subscriber extends TimestampedEntity {
  @Field({ description: 'E-mail address as entered (one subscription per address, whatever its letter case).' })
  @Column({ type: 'text' })
  email: string;

  @Field(() => String, { nullable: true, description: 'Name for the greeting, if given (removed on unsubscribing).' })
  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Field({ description: 'Language of the newsletter editions and of mails about the subscription (a content language code; editions fall back to German per text).' })
  @Column({ type: 'text', default: 'de' })
  language: string;

  /** Interests: slugs of topics owned by the partners service; empty means "everything". */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topicSlugs: string[];

  @Field(() => SubscriberStatus, { description: 'Pending, confirmed or unsubscribed.' })
  @Column({ type: 'text', default: SubscriberStatus.PENDING })
  status: SubscriberStatus;

  @Field(() => Date, { nullable: true, description: 'When the subscription was (last) confirmed.' })
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the person unsubscribed, if they did.' })
  @Column({ type: 'timestamptz', nullable: true })
  unsubscribedAt: Date | null;

  /** Version of the consent text the sign-up form showed; becomes part of the proof on confirmation. */
  @Column({ type: 'text', nullable: true })
  signupConsentVersion: string | null;

  @Field(() => Date, { nullable: true, description: 'When the address was last signed up (each sign-up sends a confirmation mail unless confirmed).' })
  @Column({ type: 'timestamptz', nullable: true })
  lastSignupAt: Date | null;

  /** Start of the current 24-hour window of the per-address sign-up limit. */
  @Column({ type: 'timestamptz', nullable: true })
  signupWindowStartedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  signupsInWindow: number;
}
