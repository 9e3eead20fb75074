import { CREATE_AUDIT_TABLE, CREATE_OUTBOX_TABLE } from '@mitgen/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programme, sessions (theme tables), registrations with waiting lists, manage-link tokens,
 * the audit log and the mail outbox.
 */
export class EventRegistrations1767500000000 implements MigrationInterface {
  name = 'EventRegistrations1767500000000';

  async up(q: QueryRunner): Promise<void> {
    // Documentation resources live in the resources service: ids only, no foreign key across services.
    await q.query(`
      ALTER TABLE event
        ADD COLUMN documentation_resource_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancellation_reason text`);
    await q.query('CREATE INDEX event_organizer_event_idx ON event_organizer (event_id, position)');

    await q.query(`
      CREATE TABLE event_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        kind text NOT NULL DEFAULT 'THEME_TABLE' CHECK (kind IN ('THEME_TABLE', 'WORKSHOP', 'OTHER')),
        starts_at timestamptz,
        ends_at timestamptz,
        room text,
        capacity integer CHECK (capacity IS NULL OR capacity >= 0),
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at)
      )`);
    await q.query('CREATE INDEX event_session_event_idx ON event_session (event_id, position, id)');

    await q.query(`
      CREATE TABLE programme_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('WELCOME', 'KEYNOTE', 'TALK', 'PANEL', 'THEME_TABLES', 'SPEED_DATING', 'BREAK', 'OTHER')),
        partner_id uuid,
        speakers jsonb NOT NULL DEFAULT '[]',
        position integer NOT NULL DEFAULT 0,
        CHECK (ends_at IS NULL OR ends_at >= starts_at)
      )`);
    await q.query('CREATE INDEX programme_item_event_idx ON programme_item (event_id, starts_at, position)');

    // One sequence orders every waiting list (events and sessions): values are drawn while the
    // event row is locked, so the order of the queue is the order in which registrations got the lock.
    await q.query('CREATE SEQUENCE registration_queue_seq');
    await q.query(`
      CREATE TABLE registration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        name text NOT NULL,
        email text NOT NULL,
        organisation text,
        region_code char(5),
        needs jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'ATTENDED')),
        queue_seq bigint NOT NULL DEFAULT nextval('registration_queue_seq'),
        consent_at timestamptz NOT NULL,
        consent_ip text,
        consent_user_agent text,
        confirmed_at timestamptz,
        checked_in_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One active registration per person and event (email in any letter case); a cancelled one
    // does not block registering again.
    await q.query(`CREATE UNIQUE INDEX registration_event_email_idx ON registration (event_id, lower(email)) WHERE status <> 'CANCELLED'`);
    await q.query('CREATE INDEX registration_event_status_idx ON registration (event_id, status, queue_seq)');
    await q.query('CREATE INDEX registration_event_created_idx ON registration (event_id, created_at, id)');

    // Manage-link tokens: only their SHA-256 is stored. Every mail with a link carries a new token,
    // so a registration can have several; all of them work until the event is over.
    await q.query(`
      CREATE TABLE registration_token (
        token_hash text PRIMARY KEY,
        registration_id uuid NOT NULL REFERENCES registration(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX registration_token_registration_idx ON registration_token (registration_id)');

    await q.query(`
      CREATE TABLE session_choice (
        registration_id uuid NOT NULL REFERENCES registration(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES event_session(id) ON DELETE RESTRICT,
        status text NOT NULL CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'PENDING')),
        queue_seq bigint NOT NULL DEFAULT nextval('registration_queue_seq'),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (registration_id, session_id)
      )`);
    await q.query('CREATE INDEX session_choice_session_idx ON session_choice (session_id, status, queue_seq)');

    for (const sql of CREATE_AUDIT_TABLE) await q.query(sql);
    for (const sql of CREATE_OUTBOX_TABLE) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_mail');
    await q.query('DROP TABLE audit_entry');
    await q.query('DROP TABLE session_choice');
    await q.query('DROP TABLE registration_token');
    await q.query('DROP TABLE registration');
    await q.query('DROP SEQUENCE registration_queue_seq');
    await q.query('DROP TABLE programme_item');
    await q.query('DROP TABLE event_session');
    await q.query('DROP INDEX event_organizer_event_idx');
    await q.query('ALTER TABLE event DROP COLUMN documentation_resource_ids, DROP COLUMN cancelled_at, DROP COLUMN cancellation_reason');
  }
}
