import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'PENDING' | 'SENT' | 'FAILED';

/** A mail as the outbox stores it (JSON); attachments are base64. */
export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; contentType: string; contentBase64: string }>;
}

/**
 * One mail to send, written in the same transaction as what caused it; the worker sends it later
 * with retries. `dedupeKey` makes enqueuing idempotent (one mail per purpose and recipient).
 */
@Entity({ name: 'outbox_mail' })
export class OutboxMail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'jsonb' })
  message: OutboxMessage;

  @Column({ type: 'text', default: 'PENDING' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  sendAfter: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** DDL of the outbox table, for a service's migration. */
export const CREATE_OUTBOX_TABLE = [
  `CREATE TABLE outbox_mail (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    dedupe_key text NOT NULL UNIQUE,
    message jsonb NOT NULL,
    status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts integer NOT NULL DEFAULT 0,
    send_after timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    last_error text,
    sent_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  // The worker's claim query reads pending mails in send order.
  `CREATE INDEX outbox_mail_pending_idx ON outbox_mail (send_after) WHERE status = 'PENDING'`,
];
