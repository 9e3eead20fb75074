// Deterministic benchmark data of realistic size, written into each service's own database after
// its migrations ran (a fixture of the benchmark, like a test's; services never do this).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { stableId, slugify, berlinTime, addDays } = require('@mitgen/subgraph-kit/runtime');

/** mulberry32: a small seeded PRNG, so every run benchmarks the same data. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    some: (list, max) => {
      const n = 1 + Math.floor(next() * max);
      return [...new Set(Array.from({ length: n }, () => list[Math.floor(next() * list.length)]))];
    },
  };
}

export const SIZES = { partners: 300, resources: 5000, events: 200, registrations: 20000, subscribers: 50000 };

export const TOPICS = [
  ['gleichstellung', 'Gleichstellung'],
  ['arbeitsmarktintegration', 'Arbeitsmarktintegration von Frauen mit Flucht-/Migrationserfahrung'],
  ['gewaltschutz', 'Gewaltschutz'],
  ['maenner-und-jungenarbeit', 'Männer- und Jungenarbeit'],
  ['antidiskriminierung', 'Antidiskriminierung und Rassismuskritik'],
  ['empowerment', 'Empowerment und Selbstorganisation'],
  ['bildung-und-sprache', 'Bildung und Sprache'],
  ['gesundheit-und-familie', 'Gesundheit und Familie'],
  ['wohnen', 'Wohnen'],
  ['aufenthaltsrecht', 'Aufenthaltsrecht'],
  ['kinderbetreuung', 'Kinderbetreuung'],
  ['digitale-teilhabe', 'Digitale Teilhabe'],
];
export const CITIES = [
  ['Hannover', '03241', '30159'], ['Braunschweig', '03101', '38100'], ['Osnabrück', '03404', '49074'], ['Oldenburg', '03403', '26122'],
  ['Göttingen', '03159', '37073'], ['Lüneburg', '03355', '21335'], ['Hildesheim', '03254', '31134'], ['Wolfsburg', '03103', '38440'],
  ['Celle', '03351', '29221'], ['Meppen', '03454', '49716'], ['Emden', '03402', '26721'], ['Stade', '03359', '21682'],
];
const KINDS = ['ASSOCIATION', 'COUNSELLING_SERVICE', 'EQUALITY_OFFICE', 'MIGRANT_ORGANISATION', 'EDUCATION_PROVIDER', 'UNIVERSITY', 'PUBLIC_AUTHORITY'];
export const WORDS = ['Beratung', 'Frauen', 'Migration', 'Teilhabe', 'Arbeit', 'Sprache', 'Familie', 'Schutz', 'Netzwerk', 'Bildung', 'Gleichstellung', 'Empowerment', 'Integration', 'Gesundheit', 'Recht', 'Kinder', 'Qualifizierung', 'Mentoring', 'Begegnung', 'Vielfalt'];
const LANGS = ['de', 'en', 'ar', 'fa', 'tr', 'ru', 'uk', 'pl', 'ku', 'ti'];
const RESOURCE_KINDS = ['COUNSELLING', 'COURSE', 'HOTLINE', 'PUBLICATION', 'FUNDING_PROGRAMME', 'MATERIAL', 'PROJECT', 'INFORMATION'];

const sentence = (r, n) => Array.from({ length: n }, () => r.pick(WORDS)).join(' ');

async function withClient(url, fn) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await fn(client);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** Inserts rows in chunks with one multi-row INSERT each. */
async function insert(client, table, columns, rows, chunk = 1000) {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = [];
    const tuples = part.map((row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    for (const row of part) values.push(...row);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

export const partnerId = (i) => stableId('partner', `bench-${i}`);
/** Every 17th partner is a draft; providers and organisers are published partners. */
const isDraft = (i) => i % 17 === 0;
const publishedPartnerIndex = (r) => {
  for (;;) {
    const i = r.int(SIZES.partners);
    if (!isDraft(i)) return i;
  }
};
const publishedPartner = (r) => partnerId(publishedPartnerIndex(r));
export const eventId = (i) => stableId('event', `bench-${i}`);
export const contactId = (i, k) => stableId('contact-person', `bench-${i}/${k}`);
const FIRST = ['Aylin', 'Samira', 'Katrin', 'Olena', 'Mehmet', 'Jonas', 'Leyla', 'Agnieszka', 'Fatima', 'Anna', 'Tarek', 'Maria'];
const LAST = ['Yılmaz', 'Haddad', 'Vogel', 'Kovalenko', 'Weber', 'Şahin', 'Nowak', 'Demir', 'Schulz', 'Ahmadi', 'Becker', 'Müller'];

/** The bench partners as data (deterministic); the partners seed writes them, resources copy their names. */
export function benchPartners() {
  const r = prng(1);
  return Array.from({ length: SIZES.partners }, (_, i) => {
    const [city, region, zip] = r.pick(CITIES);
    const name = `${r.pick(['Beratungsstelle', 'Netzwerk', 'Verein', 'Initiative', 'Fachstelle', 'Zentrum'])} ${r.pick(WORDS)} ${city} ${i + 1}`;
    return {
      id: partnerId(i),
      slug: slugify(name),
      name,
      kind: r.pick(KINDS),
      description: sentence(r, 40),
      city,
      zip,
      region,
      languages: r.some(LANGS, 3),
      status: isDraft(i) ? 'DRAFT' : 'PUBLISHED',
      topics: r.some(TOPICS, 3).map((t) => t[0]),
      contacts: [0, 1].map((k) => ({ id: contactId(i, k), name: `${r.pick(FIRST)} ${r.pick(LAST)}`, role: r.pick(['Beratung', 'Projektleitung', 'Koordination']), email: `kontakt-${i}-${k}@partner-${i}.example.org`, emailPublic: k === 0, languages: r.some(LANGS, 2) })),
    };
  });
}

export async function seedPartners(url) {
  const partners = benchPartners();
  await withClient(url, async (c) => {
    await insert(c, 'topic', ['slug', 'name'], TOPICS);
    await insert(c, 'partner', ['id', 'slug', 'name', 'kind', 'description', 'city', 'postal_code', 'region_code', 'languages', 'status'], partners.map((p) => [p.id, p.slug, p.name, p.kind, p.description, p.city, p.zip, p.region, p.languages, p.status]));
    await insert(c, 'partner_topic', ['partner_id', 'topic_slug'], partners.flatMap((p) => p.topics.map((t) => [p.id, t])));
    await insert(c, 'contact_person', ['id', 'partner_id', 'name', 'role', 'email', 'email_public', 'languages'], partners.flatMap((p) => p.contacts.map((k) => [k.id, p.id, k.name, k.role, k.email, k.emailPublic, k.languages])));
  });
}

export async function seedResources(url) {
  const r = prng(2);
  const today = new Date().toISOString().slice(0, 10);
  const names = benchPartners().map((p) => p.name);
  await withClient(url, async (c) => {
    const rows = [];
    for (let i = 0; i < SIZES.resources; i++) {
      const statewide = r.next() < 0.2;
      const provider = publishedPartnerIndex(r);
      const from = r.next() < 0.5 ? addDays(today, -r.int(400)) : null;
      const until = r.next() < 0.4 ? addDays(today, r.int(600) - 150) : null;
      rows.push([
        stableId('resource', `bench-${i}`),
        `${sentence(r, 3)} ${i + 1}`,
        sentence(r, 15),
        sentence(r, 80),
        r.pick(RESOURCE_KINDS),
        partnerId(provider),
        names[provider],
        [contactId(provider, 0)],
        r.some(TOPICS.map((t) => t[0]), 3),
        r.some(LANGS, 3),
        statewide ? [] : [r.pick(CITIES)[1]],
        statewide,
        from,
        from && until && until < from ? from : until,
        i % 13 === 0 ? 'DRAFT' : 'PUBLISHED',
        i % 13 === 0 ? null : new Date(Date.now() - r.int(400) * 86_400_000),
      ]);
    }
    await insert(c, 'resource', ['id', 'title', 'summary', 'body', 'kind', 'provider_id', 'provider_name', 'contact_ids', 'topic_slugs', 'languages', 'region_codes', 'statewide', 'valid_from', 'valid_until', 'status', 'published_at'], rows);
  });
}

export async function seedEvents(url) {
  const r = prng(3);
  const today = new Date().toISOString().slice(0, 10);
  await withClient(url, async (c) => {
    const events = [];
    const organizers = [];
    for (let i = 0; i < SIZES.events; i++) {
      const date = addDays(today, r.int(500) - 200);
      const [city, region] = r.pick(CITIES);
      events.push([eventId(i), `bench-event-${i}`, `${r.pick(['Netzwerktreffen', 'Workshop', 'Fortbildung', 'Fachtag'])}: ${sentence(r, 3)}`, sentence(r, 60), r.pick(['NETZWERKTREFFEN', 'WORKSHOP', 'TRAINING', 'FACHTAG']), berlinTime(date, '10:00'), berlinTime(date, '16:00'), city, region, 100 + r.int(100), r.some(TOPICS.map((t) => t[0]), 2), 'PUBLISHED']);
      const orgs = new Set([publishedPartner(r), publishedPartner(r)]);
      [...orgs].forEach((p, position) => organizers.push([eventId(i), p, position]));
    }
    // The contention scenario's event: 100 seats, a waiting list, registration open.
    const soon = addDays(today, 30);
    events.push([CONTENTION_EVENT, 'bench-contention', 'Fachtag (Lasttest)', 'Anmeldung unter Last', 'FACHTAG', berlinTime(soon, '10:00'), berlinTime(soon, '16:30'), 'Hannover', '03241', 100, ['gleichstellung'], 'PUBLISHED']);
    await insert(c, 'event', ['id', 'slug', 'title', 'description', 'kind', 'starts_at', 'ends_at', 'city', 'region_code', 'capacity', 'topic_slugs', 'status'], events);
    await insert(c, 'event_organizer', ['event_id', 'partner_id', 'position'], organizers);

    const programme = [];
    for (const [i, e] of events.entries()) {
      const start = e[5];
      const at = (h) => new Date(start.getTime() + h * 3600_000);
      programme.push(
        [eventId(i), at(0), null, 'Begrüßung', 'WELCOME', JSON.stringify([{ name: `${r.pick(FIRST)} ${r.pick(LAST)}`, affiliation: 'G mit Niedersachsen' }]), 0],
        [eventId(i), at(0.5), null, `Keynote: ${sentence(r, 4)}`, 'KEYNOTE', JSON.stringify([{ name: `Dr. ${r.pick(FIRST)} ${r.pick(LAST)}`, affiliation: 'Universität Göttingen' }]), 1],
        [eventId(i), at(3), null, 'Thementische', 'THEME_TABLES', '[]', 2],
        [eventId(i), at(5), null, 'Speed-Dating der Netzwerkprojekte', 'SPEED_DATING', '[]', 3],
      );
    }
    programme.length -= 4; // the contention event has none
    await insert(c, 'programme_item', ['event_id', 'starts_at', 'ends_at', 'title', 'kind', 'speakers', 'position'], programme);

    // 20,000 registrations: ~100 per event, within capacity, a few waiting; past events attended.
    const registrations = [];
    const now = Date.now();
    for (let n = 0; n < SIZES.registrations; n++) {
      const i = n % SIZES.events;
      const capacity = events[i][9];
      const seat = Math.floor(n / SIZES.events);
      const past = events[i][6].getTime() < now;
      const status = seat >= capacity ? 'WAITLISTED' : past ? (r.next() < 0.85 ? 'ATTENDED' : 'CONFIRMED') : 'CONFIRMED';
      registrations.push([eventId(i), `${r.pick(FIRST)} ${r.pick(LAST)}`, `teilnehmerin-${n}@bench.example.org`, r.pick(['Beratungsstelle', 'Kommune', 'Verein', null]), r.pick(CITIES)[1], status, new Date(now - r.int(300) * 86_400_000)]);
    }
    await insert(c, 'registration', ['event_id', 'name', 'email', 'organisation', 'region_code', 'status', 'consent_at'], registrations, 2000);
  });
}

export const CONTENTION_EVENT = stableId('event', 'bench-contention');

export async function seedSubscribers(url) {
  const r = prng(4);
  await withClient(url, async (c) => {
    const rows = [];
    for (let i = 0; i < SIZES.subscribers; i++) {
      rows.push([`abonnentin-${i}@bench.example.org`, `Person ${i}`, r.pick(['de', 'de', 'de', 'en']), r.some(TOPICS.map((t) => t[0]), 3), 'CONFIRMED', new Date()]);
    }
    await insert(c, 'subscriber', ['email', 'name', 'language', 'topic_slugs', 'status', 'confirmed_at'], rows, 2000);
  });
}

/** Ids of the next `n` published events (for operations that name events). */
export async function upcomingEvents(url, n) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT id FROM event WHERE status = 'PUBLISHED' AND starts_at > now() AND slug LIKE 'bench-event-%' ORDER BY starts_at LIMIT $1", [n]);
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
