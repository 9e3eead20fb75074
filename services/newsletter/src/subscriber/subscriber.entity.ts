import { TimestampedEntity } from '@mitgen/subgraph-kit';
import { Column, Entity, Index } from 'typeorm';

export enum SubscriberStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  UNSUBSCRIBED = 'UNSUBSCRIBED',
}

/** A newsletter subscription with double opt-in; personal data (GDPR). */
@Entity()
export class Subscriber extends TimestampedEntity {
  @Index({ unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', default: 'de' })
  language: string;

  /** Interests: slugs of topics owned by the partners service. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topicSlugs: string[];

  @Column({ type: 'text', default: SubscriberStatus.PENDING })
  status: SubscriberStatus;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  unsubscribedAt: Date | null;
}
