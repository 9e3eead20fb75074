import { berlinTime, stableId } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { ProgrammeItemKind } from '../programme/programme.entity';
import type { Needs } from '../registration/registration.entity';
import { SessionKind } from '../session/session.entity';

// Demo programme, theme tables and registrations (fictional people at example.org). Deterministic:
// the same seed gives the same data, so that docs and tests can refer to it.

const partner = (slug: string) => stableId('partner', slug);

const FIRST = ['Aylin', 'Fatma', 'Maria', 'Sabine', 'Nadia', 'Leyla', 'Olga', 'Hanna', 'Amira', 'Julia', 'Katarina', 'Zeynep', 'Elif', 'Petra', 'Samira', 'Ines', 'Rana', 'Svetlana', 'Dilara', 'Monika', 'Jana', 'Mariam', 'Anke', 'Shirin', 'Nour', 'Thomas', 'Jonas', 'Ahmad', 'Mehmet', 'Dariusz', 'Karim', 'Stefan', 'Yusuf'];
const LAST = ['Yılmaz', 'Schulz', 'Hoffmann', 'Kaya', 'Petrović', 'Nowak', 'Al-Hassan', 'Becker', 'Demir', 'Wagner', 'Richter', 'Haddad', 'Krüger', 'Özdemir', 'Lehmann', 'Rahimi', 'Schmidt', 'Ivanova', 'Köhler', 'Aydın', 'Mahmoud', 'Wolff', 'Kowalski', 'Sommer'];
const ORGANISATIONS = [
  'Frauenberatungsstelle Osnabrück',
  'Gleichstellungsbüro der Stadt Braunschweig',
  'Beratungsstelle für Migrantinnen Hildesheim',
  'Interkulturelles Frauencafé Hildesheim',
  'Universität Göttingen',
  'Koordinierungsstelle Frau und Beruf Emsland',
  'Netzwerk Migrantinnen Lüneburg',
  'Jungen- und Männerarbeit Weser-Ems',
  'Integrationsbüro Landkreis Osnabrück',
  'VNB e.V.',
  'Migrationsberatung Region Hannover',
  null,
];
const REGIONS = ['03241', '03404', '03159', '03101', '03254', '03355', '03454', '03403', '03459', null];

const ascii = (s: string) =>
  s.toLowerCase().replace(/ı/g, 'i').replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').normalize('NFKD').replace(/[^a-z]/g, '');

/** The n-th demo person (stable across seeds). */
export function demoPerson(n: number) {
  const first = FIRST[n % FIRST.length];
  const last = LAST[(n * 7 + Math.floor(n / FIRST.length)) % LAST.length];
  const needs: Needs = {};
  if (n % 9 === 4) needs.accessibility = 'Rollstuhlgerechter Zugang';
  if (n % 13 === 6) needs.interpretationLanguage = ['ar', 'fa', 'tr', 'ru'][n % 4];
  if (n % 17 === 8) Object.assign(needs, { childcare: true, childcareDetails: `${1 + (n % 2)} Kind(er), ${3 + (n % 5)} Jahre` });
  if (n % 23 === 11) needs.signLanguage = true;
  return {
    name: `${first} ${last}`,
    email: `${ascii(first)}.${ascii(last)}.${n}@example.org`,
    organisation: ORGANISATIONS[n % ORGANISATIONS.length],
    regionCode: REGIONS[(n * 3) % REGIONS.length],
    needs,
  };
}

interface SessionSeed {
  title: string;
  description: string;
  capacity: number;
  room: string;
}

const FACHTAG_2019_TABLES: SessionSeed[] = [
  { title: 'Thementisch 1: Arbeitsmarktintegration von Frauen mit Fluchtgeschichte', description: 'Erfahrungen aus Beratung und Mentoring: Was hilft beim Berufseinstieg?', capacity: 16, room: 'Saal, Tisch 1' },
  { title: 'Thementisch 2: Gewaltschutz und mehrsprachige Beratung', description: 'Schutzkonzepte in Unterkünften und Zugänge zu Beratung.', capacity: 16, room: 'Saal, Tisch 2' },
  { title: 'Thementisch 3: Geschlechterreflektierte Arbeit mit Jungen und Männern', description: 'Methoden und Haltungen in der Arbeit mit jungen Männern mit Fluchterfahrung.', capacity: 12, room: 'Foyer' },
  { title: 'Thementisch 4: Empowerment und Selbstorganisation von Migrantinnen', description: 'Wie Migrantinnenorganisationen gestärkt werden können.', capacity: 16, room: 'Saal, Tisch 3' },
  { title: 'Thementisch 5: Gleichstellung in Kommunen', description: 'Gleichstellungsbeauftragte und Integrationsarbeit gemeinsam denken.', capacity: 12, room: 'Seminarraum 1' },
];

async function insertSessions(tx: EntityManager, eventId: string, date: string, from: string, to: string, tables: SessionSeed[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [position, t] of tables.entries()) {
    const id = stableId('event-session', `${eventId}:${position}`);
    await tx.query(
      `INSERT INTO event_session (id, event_id, title, description, kind, starts_at, ends_at, room, capacity, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, eventId, t.title, t.description, SessionKind.THEME_TABLE, berlinTime(date, from), berlinTime(date, to), t.room, t.capacity, position],
    );
    ids.push(id);
  }
  return ids;
}

interface ItemSeed {
  from: string;
  to?: string;
  title: string;
  kind: ProgrammeItemKind;
  description?: string;
  speakers?: { name: string; affiliation?: string; partner?: string }[];
  partner?: string;
}

async function insertProgramme(tx: EntityManager, eventId: string, date: string, items: ItemSeed[]): Promise<void> {
  for (const [position, item] of items.entries()) {
    await tx.query(
      `INSERT INTO programme_item (event_id, starts_at, ends_at, title, description, kind, partner_id, speakers, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        eventId,
        berlinTime(date, item.from),
        item.to ? berlinTime(date, item.to) : null,
        item.title,
        item.description ?? '',
        item.kind,
        item.partner ? partner(item.partner) : null,
        JSON.stringify((item.speakers ?? []).map((s) => ({ name: s.name, affiliation: s.affiliation ?? null, partnerId: s.partner ? partner(s.partner) : null }))),
        position,
      ],
    );
  }
}

interface RegistrationSeed {
  person: number;
  status: 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED' | 'ATTENDED';
  at: Date;
  session?: string;
  sessionStatus?: 'CONFIRMED' | 'WAITLISTED' | 'PENDING';
}

async function insertRegistrations(tx: EntityManager, eventId: string, regs: RegistrationSeed[], checkInAt?: Date): Promise<void> {
  for (const r of regs) {
    const p = demoPerson(r.person);
    const id = stableId('registration', `${eventId}:${r.person}`);
    await tx.query(
      `INSERT INTO registration (id, event_id, name, email, organisation, region_code, needs, status, consent_at, confirmed_at, checked_in_at, cancelled_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $9, $9)`,
      [
        id,
        eventId,
        p.name,
        p.email,
        p.organisation,
        p.regionCode,
        JSON.stringify(p.needs),
        r.status,
        r.at,
        r.status === 'WAITLISTED' ? null : r.at,
        r.status === 'ATTENDED' ? checkInAt ?? r.at : null,
        r.status === 'CANCELLED' ? new Date(r.at.getTime() + 7 * 86_400_000) : null,
      ],
    );
    if (r.session && r.status !== 'CANCELLED') {
      await tx.query('INSERT INTO session_choice (registration_id, session_id, status, created_at) VALUES ($1, $2, $3, $4)', [id, r.session, r.sessionStatus ?? 'CONFIRMED', r.at]);
    }
  }
}

/** Programme, theme tables and registrations of the 2019 Fachtag (110 people registered, most came). */
async function seedFachtag2019(tx: EntityManager, eventId: string): Promise<void> {
  const date = '2019-09-12';
  await insertProgramme(tx, eventId, date, [
    {
      from: '10:00',
      to: '10:30',
      title: 'Begrüßung',
      kind: ProgrammeItemKind.WELCOME,
      description: 'Begrüßung durch die Bildungs- und Beratungsstelle G mit Niedersachsen und Grußwort aus dem Niedersächsischen Sozialministerium.',
      speakers: [
        { name: 'Dr. Lena Beispiel', affiliation: 'G mit Niedersachsen', partner: 'g-mit-niedersachsen' },
        { name: 'Katrin Muster', affiliation: 'Niedersächsisches Ministerium für Soziales, Gesundheit und Gleichstellung' },
      ],
      partner: 'g-mit-niedersachsen',
    },
    {
      from: '10:30',
      to: '11:30',
      title: 'Keynote: Geschlechtergleichstellung im gesellschaftlichen Wandel',
      kind: ProgrammeItemKind.KEYNOTE,
      description: 'Projektionen, Praxisfragen und Perspektiven der Gleichstellung in der Migrationsgesellschaft.',
      speakers: [{ name: 'Prof. Dr. Miriam Exempel', affiliation: 'Forschungsstelle Gender und Migration, Göttingen', partner: 'forschungsstelle-gender-migration-goettingen' }],
    },
    {
      from: '11:30',
      to: '12:30',
      title: 'Praxisfragen: Gespräch mit Netzwerkpartner*innen',
      kind: ProgrammeItemKind.PANEL,
      speakers: [
        { name: 'Selin Probe', affiliation: 'Frauenberatungsstelle Osnabrück', partner: 'frauenberatung-osnabrueck' },
        { name: 'Markus Vorlage', affiliation: 'Jungen- und Männerarbeit Weser-Ems', partner: 'jungen-und-maennerarbeit-weser-ems' },
        { name: 'Natalia Entwurf', affiliation: 'Netzwerk Migrantinnen Lüneburg', partner: 'netzwerk-migrantinnen-lueneburg' },
      ],
    },
    { from: '12:30', to: '13:30', title: 'Mittagspause', kind: ProgrammeItemKind.BREAK },
    {
      from: '13:30',
      to: '15:00',
      title: 'Thementische am Nachmittag',
      kind: ProgrammeItemKind.THEME_TABLES,
      description: 'Fünf Thementische parallel; die Auswahl erfolgt bei der Anmeldung.',
    },
    { from: '15:00', to: '15:15', title: 'Kaffeepause', kind: ProgrammeItemKind.BREAK },
    {
      from: '15:15',
      to: '16:15',
      title: 'Speed-Dating der Netzwerkprojekte',
      kind: ProgrammeItemKind.SPEED_DATING,
      description: 'Projekte aus dem Netzwerk stellen sich in kurzen Runden vor.',
      speakers: [{ name: 'Moderation: Dr. Lena Beispiel', affiliation: 'G mit Niedersachsen', partner: 'g-mit-niedersachsen' }],
    },
    { from: '16:15', to: '16:30', title: 'Perspektiven: Abschluss und Ausblick', kind: ProgrammeItemKind.OTHER, partner: 'vnb-ev' },
  ]);
  const tables = await insertSessions(tx, eventId, date, '13:30', '15:00', FACHTAG_2019_TABLES);
  const seats = FACHTAG_2019_TABLES.map((t) => t.capacity);
  const regs: RegistrationSeed[] = [];
  for (let n = 0; n < 110; n++) {
    const status = n % 29 === 3 ? 'CANCELLED' : n % 13 === 5 ? 'CONFIRMED' : 'ATTENDED';
    const table = n % tables.length;
    let session: string | undefined;
    if (status !== 'CANCELLED' && n % 4 !== 3 && seats[table] > 0) {
      seats[table]--;
      session = tables[table];
    }
    regs.push({ person: n, status, at: new Date(Date.UTC(2019, 6, 15) + n * 7 * 3_600_000), session });
  }
  await insertRegistrations(tx, eventId, regs, berlinTime(date, '09:45'));
}

/** Programme and theme tables of next year's Fachtag, and its first registrations. */
async function seedNextFachtag(tx: EntityManager, eventId: string, date: string, now: Date): Promise<void> {
  await insertProgramme(tx, eventId, date, [
    { from: '10:00', to: '10:30', title: 'Begrüßung', kind: ProgrammeItemKind.WELCOME, partner: 'g-mit-niedersachsen', speakers: [{ name: 'Dr. Lena Beispiel', affiliation: 'G mit Niedersachsen', partner: 'g-mit-niedersachsen' }] },
    { from: '10:30', to: '11:30', title: 'Keynote: Gleichstellung gemeinsam gestalten', kind: ProgrammeItemKind.KEYNOTE, speakers: [{ name: 'Prof. Dr. Miriam Exempel', affiliation: 'Forschungsstelle Gender und Migration, Göttingen', partner: 'forschungsstelle-gender-migration-goettingen' }] },
    { from: '12:30', to: '13:30', title: 'Mittagspause', kind: ProgrammeItemKind.BREAK },
    { from: '13:30', to: '15:00', title: 'Thementische am Nachmittag', kind: ProgrammeItemKind.THEME_TABLES },
    { from: '15:15', to: '16:15', title: 'Speed-Dating der Netzwerkprojekte', kind: ProgrammeItemKind.SPEED_DATING },
    { from: '16:15', to: '16:30', title: 'Abschluss und Ausblick', kind: ProgrammeItemKind.OTHER },
  ]);
  const tables = await insertSessions(tx, eventId, date, '13:30', '15:00', FACHTAG_2019_TABLES.slice(0, 4).map((t) => ({ ...t, capacity: 20 })));
  const regs: RegistrationSeed[] = Array.from({ length: 15 }, (_, i) => ({
    person: 200 + i,
    status: 'CONFIRMED' as const,
    at: new Date(now.getTime() - (15 - i) * 86_400_000),
    session: tables[i % tables.length],
  }));
  await insertRegistrations(tx, eventId, regs);
}

/** Some registrations for the upcoming events; the small workshop is booked out with a waiting list. */
export async function seedDemoRegistrations(tx: EntityManager, events: { id: string; slug: string; date: string; capacity?: number | null }[], now: Date): Promise<void> {
  for (const e of events) {
    if (e.slug === 'fachtag-2019') {
      await seedFachtag2019(tx, e.id);
    } else if (e.slug.startsWith('fachtag-')) {
      await seedNextFachtag(tx, e.id, e.date, now);
    } else if (e.date > now.toISOString().slice(0, 10)) {
      const full = e.slug.startsWith('workshop-');
      const confirmed = full ? (e.capacity ?? 20) : Math.min(12, Math.floor((e.capacity ?? 20) / 3));
      const regs: RegistrationSeed[] = [];
      const base = 300 + Math.abs(e.slug.length * 37) % 200;
      for (let i = 0; i < confirmed + (full ? 3 : 0); i++) {
        regs.push({ person: base + i, status: i < confirmed ? 'CONFIRMED' : 'WAITLISTED', at: new Date(now.getTime() - (40 - i) * 3_600_000) });
      }
      await insertRegistrations(tx, e.id, regs);
    }
  }
}
