import { VersionedEntity } from '@mitgen/subgraph-kit';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

export enum EditionStatus {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  SENDING = 'SENDING',
  SENT = 'SENT',
}

registerEnumType(EditionStatus, {
  name: 'NewsletterEditionStatus',
  description: 'Where a newsletter edition stands.',
  valuesConfig: {
    DRAFT: { description: 'Being written; can be changed, previewed, scheduled or sent.' },
    SCHEDULED: { description: 'Will be sent automatically at `scheduledAt`; can still be changed or unscheduled.' },
    SENDING: { description: 'Frozen and being handed to the mail server; see `delivery` for progress.' },
    SENT: { description: 'Every recipient’s mail was handed over (or failed for good).' },
  },
});

export enum EditionItemKind {
  EVENT = 'EVENT',
  RESOURCE = 'RESOURCE',
  PARTNER = 'PARTNER',
  TEXT = 'TEXT',
}

registerEnumType(EditionItemKind, {
  name: 'NewsletterItemKind',
  description: 'What an item of a newsletter edition shows.',
  valuesConfig: {
    EVENT: { description: 'An event (from the events service), with date and place.' },
    RESOURCE: { description: 'An entry of the resource pool (Ressourcenpool).' },
    PARTNER: { description: 'A partner organisation (Netzwerkpartner*in).' },
    TEXT: { description: 'Free text written for this edition.' },
  },
});

/** One item as stored (JSON in the edition row). */
export interface EditionItemData {
  kind: EditionItemKind;
  /** Id of the event, resource or partner (kinds other than TEXT). */
  refId?: string | null;
  /** Heading of a TEXT item; replaces the referenced record's title otherwise. */
  title?: string | null;
  /** Body of a TEXT item; a short note under a referenced record otherwise. */
  text?: string | null;
  /** Link of a TEXT item. */
  url?: string | null;
}

/** A newsletter edition; after sending starts it is frozen, and the rendered mail is kept with it. */
@ObjectType('NewsletterEdition', { description: 'One edition (Ausgabe) of the newsletter: title, intro and items; coordinators only.' })
@Entity({ name: 'newsletter_edition' })
export class Edition extends VersionedEntity {
  @Field({ description: 'Title; the mail subject is “MitGeN-Newsletter: <title>”.' })
  @Column({ type: 'text' })
  title: string;

  @Field({ description: 'Introductory text (plain text; blank lines separate paragraphs).' })
  @Column({ type: 'text', default: '' })
  intro: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  items: EditionItemData[];

  /** Slugs of the topics the edition is for; empty: every confirmed subscriber. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  audienceTopicSlugs: string[];

  @Field(() => EditionStatus, { description: 'Draft, scheduled, sending or sent.' })
  @Column({ type: 'text', default: EditionStatus.DRAFT })
  status: EditionStatus;

  @Field(() => Date, { nullable: true, description: 'When a scheduled edition is (or was) due to be sent.' })
  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When sending started (the edition was frozen).' })
  @Column({ type: 'timestamptz', nullable: true })
  sendingStartedAt: Date | null;

  /** When the last recipient's mail was put into the outbox. */
  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When every mail had been handed over (or failed for good).' })
  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Recipients counted when sending started; the exact number once all are enqueued. */
  @Column({ type: 'integer', nullable: true })
  recipientsTotal: number | null;

  /** Last subscriber id put into the outbox: enqueuing resumes after it. */
  @Column({ type: 'uuid', nullable: true })
  enqueueCursor: string | null;

  @Column({ type: 'text', nullable: true })
  renderedSubject: string | null;

  @Column({ type: 'text', nullable: true })
  renderedHtml: string | null;

  @Column({ type: 'text', nullable: true })
  renderedText: string | null;

  /** Random part of the per-recipient placeholders in the rendered mail (content cannot forge them). */
  @Column({ type: 'text', nullable: true })
  marker: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last automatic sending attempt of a scheduled edition failed (it went back to draft).' })
  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
