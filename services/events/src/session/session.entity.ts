import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum SessionKind {
  THEME_TABLE = 'THEME_TABLE',
  WORKSHOP = 'WORKSHOP',
  OTHER = 'OTHER',
}

registerEnumType(SessionKind, {
  name: 'EventSessionKind',
  description: 'Kind of session that people choose when they register.',
  valuesConfig: {
    THEME_TABLE: { description: 'A theme table (Thementisch): a small round on one subject, with a limited number of seats.' },
    WORKSHOP: { description: 'A workshop within the event.' },
    OTHER: { description: 'Any other part of the event that needs its own seat.' },
  },
});

/** A part of an event that needs its own seat, e.g. one theme table; registrants choose sessions. */
@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType('EventSession', {
  description: 'A part of an event with its own seats that people choose when they register, e.g. a theme table (Thementisch) in the afternoon.',
})
@Entity()
export class EventSession {
  @Field(() => ID, { description: 'Stable unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Field({ description: 'Title, e.g. `Thementisch 1: Gewaltschutz in Unterkünften`.' })
  @Column({ type: 'text' })
  title: string;

  @Field({ description: 'Description in plain text.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => SessionKind, { description: 'Theme table, workshop or other.' })
  @Column({ type: 'text', default: SessionKind.THEME_TABLE })
  kind: SessionKind;

  @Field(() => Date, { nullable: true, description: 'Start (UTC); null when the session runs at no fixed time.' })
  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'End (UTC).' })
  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Room or place within the venue.' })
  @Column({ type: 'text', nullable: true })
  room: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of seats; null when unlimited.' })
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  /** Display order within the event. */
  @Column({ type: 'integer', default: 0 })
  position: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export enum ChoiceStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  PENDING = 'PENDING',
}

registerEnumType(ChoiceStatus, {
  name: 'SessionChoiceStatus',
  description: 'Whether a registered person has a seat in a session they chose.',
  valuesConfig: {
    CONFIRMED: { description: 'A seat in the session is reserved.' },
    WAITLISTED: { description: 'On the waiting list of the session; moves up automatically when a seat frees.' },
    PENDING: { description: 'The person is on the waiting list of the whole event; the session is assigned when they get a seat.' },
  },
});

/** A session a registration chose, with the seat state in that session. */
@Entity()
export class SessionChoice {
  @PrimaryColumn({ type: 'uuid' })
  registrationId: string;

  @PrimaryColumn({ type: 'uuid' })
  sessionId: string;

  @Column({ type: 'text' })
  status: ChoiceStatus;

  /** Place in the queue (bigint, as text); the waiting-list position is its rank. */
  @Column({ type: 'bigint' })
  queueSeq: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
