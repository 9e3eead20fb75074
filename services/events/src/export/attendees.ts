import { GERMAN_COLLATION, type SubgraphContext } from '@mitgen/subgraph-kit';
import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import { berlinLocalIso } from '../time';
import { RegistrationStatus, type Needs } from '../registration/registration.entity';

// Attendee lists for organisers: CSV as spreadsheet programs in Germany open it (UTF-8 with BOM
// so that umlauts show, semicolons, CRLF). Cells that a spreadsheet would run as a formula
// (starting with = + - @ or a tab/CR) get a leading apostrophe: the list holds text that
// strangers typed into a public form.

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Makes a cell safe against formula injection. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const STATUS_DE: Record<RegistrationStatus, string> = {
  CONFIRMED: 'bestätigt',
  WAITLISTED: 'Warteliste',
  CANCELLED: 'abgesagt',
  ATTENDED: 'teilgenommen',
};

export const CSV_HEADER = [
  'Name',
  'E-Mail',
  'Organisation',
  'Region (Schlüssel)',
  'Status',
  'Wartelistenplatz',
  'Sessions / Thementische',
  'Barrierefreiheit',
  'Dolmetschen (Sprache)',
  'Gebärdensprache',
  'Kinderbetreuung',
  'Hinweise',
  'Angemeldet am',
  'Eingecheckt am',
];

interface Row {
  event_id: string;
  name: string;
  email: string;
  organisation: string | null;
  region_code: string | null;
  status: RegistrationStatus;
  place: number | null;
  sessions: string | null;
  needs: Needs;
  created_at: Date;
  checked_in_at: Date | null;
}

function csv(rows: Row[]): string {
  const lines = rows.map((r) => {
    const n = r.needs ?? {};
    return [
      r.name,
      r.email,
      r.organisation ?? '',
      r.region_code ?? '',
      STATUS_DE[r.status],
      r.place ? String(r.place) : '',
      r.sessions ?? '',
      n.accessibility ?? '',
      n.interpretationLanguage ?? '',
      n.signLanguage ? 'ja' : '',
      n.childcare ? ['ja', n.childcareDetails].filter(Boolean).join(': ') : '',
      n.notes ?? '',
      berlinLocalIso(new Date(r.created_at)).replace('T', ' '),
      r.checked_in_at ? berlinLocalIso(new Date(r.checked_in_at)).replace('T', ' ') : '',
    ].map(neutraliseFormula);
  });
  return stringify([CSV_HEADER, ...lines], { bom: true, delimiter: ';', record_delimiter: '\r\n'});
}

/** Attendee lists (CSV) of many events with the given statuses: one statement per batch. */
export const attendeeCsvOf = (ctx: SubgraphContext, statuses: RegistrationStatus[]) =>
  ctx.loaders.get<string, string>(`export.attendees:${[...statuses].sort().join(',')}`, (eventIds) => attendeeCsv(ctx.ds, eventIds, statuses));

/** The attendee lists of these events, in one statement (also for the download route). */
export async function attendeeCsv(ds: DataSource, eventIds: readonly string[], statuses: readonly RegistrationStatus[]): Promise<string[]> {
  const rows: Row[] = await ds.query(
    `SELECT r.event_id, r.name, r.email, r.organisation, r.region_code, r.status, r.needs, r.created_at, r.checked_in_at,
            CASE WHEN r.status = 'WAITLISTED' THEN row_number() OVER (PARTITION BY r.event_id, r.status ORDER BY r.queue_seq) END::int AS place,
            (SELECT string_agg(s.title || CASE c.status WHEN 'CONFIRMED' THEN '' WHEN 'WAITLISTED' THEN ' (Warteliste)' ELSE ' (offen)' END, ' | ' ORDER BY s.position)
               FROM session_choice c JOIN event_session s ON s.id = c.session_id WHERE c.registration_id = r.id) AS sessions
       FROM registration r
      WHERE r.event_id = ANY($1::uuid[])
        AND r.anonymised_at IS NULL -- a list of people; anonymised registrations count only in the stats
      ORDER BY r.event_id, r.name COLLATE "${GERMAN_COLLATION}", r.queue_seq`,
    [eventIds],
  );
  const wanted = new Set(statuses);
  return eventIds.map((id) => csv(rows.filter((r) => r.event_id === id && wanted.has(r.status))));
}

export interface GroupCount {
  key: string | null;
  registrations: number;
  attended: number;
}

export interface RegistrationStats {
  registrations: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  byOrganisation: GroupCount[];
  byRegion: GroupCount[];
}

/** Counts for funders of many events: two statements per batch. */
export const registrationStatsOf = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, RegistrationStats>('export.stats', async (eventIds) => {
    const [byStatus, groups] = await Promise.all([
      ctx.ds.query(`SELECT event_id, status, count(*)::int AS n FROM registration WHERE event_id = ANY($1::uuid[]) GROUP BY event_id, status`, [eventIds]),
      // Organisation names as people typed them: grouped ignoring case and surrounding spaces,
      // shown in the spelling used most.
      ctx.ds.query(
        `SELECT * FROM (
           SELECT event_id, 'organisation' AS dimension, mode() WITHIN GROUP (ORDER BY trim(organisation)) AS key,
                  count(*)::int AS registrations, count(*) FILTER (WHERE status = 'ATTENDED')::int AS attended
             FROM registration WHERE event_id = ANY($1::uuid[]) AND status <> 'CANCELLED'
            GROUP BY event_id, lower(trim(coalesce(organisation, '')))
           UNION ALL
           SELECT event_id, 'region', region_code, count(*)::int, count(*) FILTER (WHERE status = 'ATTENDED')::int
             FROM registration WHERE event_id = ANY($1::uuid[]) AND status <> 'CANCELLED'
            GROUP BY event_id, region_code
         ) g ORDER BY registrations DESC, key COLLATE "${GERMAN_COLLATION}"`,
        [eventIds],
      ),
    ]);
    return eventIds.map((id) => {
      const count = (s: string) => byStatus.find((r: { event_id: string; status: string }) => r.event_id === id && r.status === s)?.n ?? 0;
      const mine = groups.filter((g: { event_id: string }) => g.event_id === id);
      const pick = (dimension: string): GroupCount[] =>
        mine
          .filter((g: { dimension: string }) => g.dimension === dimension)
          .map((g: { key: string | null; registrations: number; attended: number }) => ({ key: g.key?.trim() || null, registrations: g.registrations, attended: g.attended }));
      return {
        registrations: count('CONFIRMED') + count('WAITLISTED') + count('ATTENDED'),
        confirmed: count('CONFIRMED'),
        waitlisted: count('WAITLISTED'),
        cancelled: count('CANCELLED'),
        attended: count('ATTENDED'),
        byOrganisation: pick('organisation'),
        byRegion: pick('region'),
      };
    });
  });
