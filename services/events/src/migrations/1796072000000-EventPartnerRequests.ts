import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Naming another organisation in an event (as co-organiser, presenting partner or speaker's
 * organisation) is a request that organisation accepts: one row per event, partner and role. The
 * partners named in programmes before this rule keep showing (accepted, as set by a coordinator).
 */
export class EventPartnerRequests1796072000000 implements MigrationInterface {
  name = 'EventPartnerRequests1796072000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_partner_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('ORGANIZER', 'PROGRAMME')),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
        position integer NOT NULL DEFAULT 0,
        requested_by uuid,
        requested_by_partner_id uuid,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid,
        decided_at timestamptz,
        UNIQUE (event_id, partner_id, role)
      )`);
    // The requests a partner's editors have to decide on.
    await q.query(`CREATE INDEX event_partner_request_partner_idx ON event_partner_request (partner_id, status, requested_at)`);
    await q.query(`
      INSERT INTO event_partner_request (event_id, partner_id, role, status, decided_at)
      SELECT DISTINCT p.event_id, p.partner_id, 'PROGRAMME', 'ACCEPTED', now()
        FROM (
          SELECT event_id, partner_id FROM programme_item WHERE partner_id IS NOT NULL
          UNION
          SELECT i.event_id, (s ->> 'partnerId')::uuid FROM programme_item i, jsonb_array_elements(i.speakers) s WHERE s ->> 'partnerId' IS NOT NULL
        ) p
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE event_partner_request');
  }
}
