import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Proof of one double opt-in consent, written only when the confirmation link is used: what the
 * person agreed to (text version), when they asked and confirmed, from where (as the gateway saw it).
 */
@ObjectType('NewsletterConsent', { description: 'Proof of a newsletter consent (double opt-in), recorded when the confirmation link was used.' })
@Entity({ name: 'newsletter_consent' })
export class ConsentRecord {
  @Field(() => ID, { description: 'Stable unique id of this proof (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  subscriberId: string;

  @Field({ description: 'When the sign-up that sent the confirmation link was made.' })
  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Field({ description: 'When the confirmation link was used: the moment of consent.' })
  @Column({ type: 'timestamptz' })
  confirmedAt: Date;

  @Field(() => String, { nullable: true, description: 'IP address of the confirming client, as the gateway saw it.' })
  @Column({ type: 'text', nullable: true })
  ipAddress: string | null;

  @Field(() => String, { nullable: true, description: 'User agent of the confirming client.' })
  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Field({ description: 'Version of the consent text the person agreed to (see `newsletterConsentText`).' })
  @Column({ type: 'text' })
  consentTextVersion: string;

  @Field(() => Date, { nullable: true, description: 'When the consent was withdrawn (unsubscribed), if it was.' })
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
