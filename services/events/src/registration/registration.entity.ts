import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChoiceStatus, EventSession } from '../session/session.entity';

export enum RegistrationStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  ATTENDED = 'ATTENDED',
}

registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'State of a registration for an event.',
  valuesConfig: {
    CONFIRMED: { description: 'A seat is reserved.' },
    WAITLISTED: { description: 'On the waiting list; moves up automatically (and gets a mail) when a seat frees.' },
    CANCELLED: { description: 'Cancelled by the person (or the seat was given up); holds no seat.' },
    ATTENDED: { description: 'Checked in at the event.' },
  },
});

/** Statuses that hold a seat. */
export const SEAT_STATUSES = [RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED];

/** Needs a person states when registering (stored as JSON). */
export interface Needs {
  accessibility?: string | null;
  interpretationLanguage?: string | null;
  signLanguage?: boolean | null;
  childcare?: boolean | null;
  childcareDetails?: string | null;
  notes?: string | null;
}

/**
 * Who is reading a registration in this request: personal fields are shown to the person (through
 * a manage token) and to the organisers only. Not a column; set by the code that loaded the row.
 */
export type RegistrationAccess = 'receipt' | 'owner' | 'organiser';

@ObjectType({
  description:
    'A registration (Anmeldung) for an event. Status and waiting-list position are shown to whoever registered; personal details only to the person (manage link) and the organisers.',
})
@Entity()
export class Registration {
  @Field(() => ID, { description: 'Stable unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  /** Null once the registration is anonymised (erasure or retention). */
  @Column({ type: 'text', nullable: true })
  name: string | null;

  /** Null once the registration is anonymised (erasure or retention). */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  organisation: string | null;

  @Column({ type: 'char', length: 5, nullable: true })
  regionCode: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  needs: Needs;

  @Field(() => RegistrationStatus, { description: 'Confirmed, waitlisted, cancelled or attended.' })
  @Column({ type: 'text' })
  status: RegistrationStatus;

  /** Place in the queue (bigint, as text); the waiting-list position is its rank among the waitlisted. */
  @Column({ type: 'bigint' })
  queueSeq: string;

  @Column({ type: 'timestamptz' })
  consentAt: Date;

  @Column({ type: 'text', nullable: true })
  consentIp: string | null;

  @Column({ type: 'text', nullable: true })
  consentUserAgent: string | null;

  @Field({ description: 'Content language the person registered in (ISO 639-1); their mails go out in it (German texts where a translation is missing).' })
  @Column({ type: 'text', default: 'de' })
  language: string;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** When the personal data was removed (privacy erasure or retention); the row stays for counts. */
  @Column({ type: 'timestamptz', nullable: true })
  anonymisedAt: Date | null;

  access?: RegistrationAccess;

  /**
   * Place on the waiting list as seen by the transaction that wrote (or looked up) this row under
   * the event's lock; `waitlistPosition` answers with it instead of counting again. Not a column.
   */
  knownWaitlistPosition?: number | null;

  /**
   * The sessions this request chose and what they got, set when this request made the
   * registration: `registerForEvent` answers with them. Not a column.
   */
  receiptChoices?: { session: EventSession; status: ChoiceStatus; waitlistPosition: number | null }[];
}

/** A manage-link token of a registration; only its SHA-256 is stored. */
@Entity()
export class RegistrationToken {
  @PrimaryColumn({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'uuid' })
  registrationId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
