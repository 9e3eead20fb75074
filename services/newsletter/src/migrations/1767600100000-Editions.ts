import { CREATE_AUDIT_TABLE, CREATE_OUTBOX_TABLE } from '@mitgen/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Editions, the mail outbox (kit) with indexes for per-edition progress, and the audit log (kit). */
export class Editions1767600100000 implements MigrationInterface {
  name = 'Editions1767600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE newsletter_edition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        title text NOT NULL,
        intro text NOT NULL DEFAULT '',
        items jsonb NOT NULL DEFAULT '[]',
        audience_topic_slugs text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT')),
        scheduled_at timestamptz,
        sending_started_at timestamptz,
        enqueued_at timestamptz,
        sent_at timestamptz,
        recipients_total integer,
        enqueue_cursor uuid,
        rendered_subject text,
        rendered_html text,
        rendered_text text,
        marker text,
        last_error text
      )`);
    await q.query('CREATE INDEX newsletter_edition_created_idx ON newsletter_edition (created_at DESC, id DESC)');
    await q.query(`CREATE INDEX newsletter_edition_active_idx ON newsletter_edition (status) WHERE status IN ('SCHEDULED', 'SENDING')`);
    for (const sql of CREATE_OUTBOX_TABLE) await q.query(sql);
    // Edition mails have dedupe keys `edition:<edition id>:<subscriber id>`: progress per edition and
    // withdrawing a subscriber's unsent mails on unsubscribe both read these expression indexes.
    await q.query(
      `CREATE INDEX outbox_mail_edition_idx ON outbox_mail ((split_part(dedupe_key, ':', 2)), status) WHERE dedupe_key LIKE 'edition:%'`,
    );
    await q.query(
      `CREATE INDEX outbox_mail_edition_recipient_idx ON outbox_mail ((split_part(dedupe_key, ':', 3))) WHERE dedupe_key LIKE 'edition:%' AND status = 'PENDING'`,
    );
    // Retention removes links and addresses from old mails; this keeps it from rescanning done rows.
    await q.query(`CREATE INDEX outbox_mail_unscrubbed_idx ON outbox_mail (created_at) WHERE NOT (message ? 'scrubbed')`);
    for (const sql of CREATE_AUDIT_TABLE) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_entry');
    await q.query('DROP TABLE outbox_mail');
    await q.query('DROP TABLE newsletter_edition');
  }
}
