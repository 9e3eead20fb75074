import { Connection, dataSubjectErasureType, dataSubjectType } from '@mitgen/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { ConsentRecord } from '../consent/consent.entity';

/** `DataSubject` as the newsletter service contributes to it (subscription, consent proofs, mails). */
export const DataSubject = dataSubjectType();
export type DataSubject = InstanceType<typeof DataSubject>;

/** `DataSubjectErasure` as the newsletter service contributes to it. */
export const DataSubjectErasure = dataSubjectErasureType();
export type DataSubjectErasure = InstanceType<typeof DataSubjectErasure>;

@ObjectType({ description: 'A page of newsletter consent proofs, newest first.' })
export class NewsletterConsentConnection extends Connection(ConsentRecord) {}

@ObjectType({ description: 'What the newsletter service erased about a person.' })
export class NewsletterErasure {
  @Field({ description: 'True when a subscription (of any status) with this address existed and was deleted, with its link tokens.' })
  subscriptionDeleted: boolean;

  @Field(() => Int, { description: 'Consent proofs deleted with it (time, IP address, user agent, consent text version of each confirmation).' })
  consentProofsDeleted: number;

  @Field(() => Int, { description: 'Mails to the person that were still waiting to be sent (newsletter editions, confirmations) and now never will be.' })
  mailsWithdrawn: number;

  @Field(() => Int, { description: 'Sent mails whose content (address, name, links) was removed from the outbox; they still count in the delivery numbers of their edition.' })
  mailsScrubbed: number;
}
