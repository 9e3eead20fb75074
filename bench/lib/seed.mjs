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
const CITIES = [
  ['Hannover', '03241', '30159'], ['Braunschweig', '03101', '38100'], ['Osnabrück', '03404', '49074'], ['Oldenburg', '03403', '26122'],
  ['Göttingen', '03159', '37073'], ['Lüneburg', '03355', '21335'], ['Hildesheim', '03254', '31134'], ['Wolfsburg', '03103', '38440'],
  ['Celle', '03351', '29221'], ['Meppen', '03454', '49716'], ['Emden', '03402', '26721'], ['Stade', '03359', '21682'],
];
const KINDS = ['ASSOCIATION', 'COUNSELLING_SERVICE', 'EQUALITY_OFFICE', 'MIGRANT_ORGANISATION', 'EDUCATION_PROVIDER', 'UNIVERSITY', 'PUBLIC_AUTHORITY'];
const WORDS = ['Beratung', 'Frauen', 'Migration', 'Teilhabe', 'Arbeit', 'Sprache', 'Familie', 'Schutz', 'Netzwerk', 'Bildung', 'Gleichstellung', 'Empowerment', 'Integration', 'Gesundheit', 'Recht', 'Kinder', 'Qualifizierung', 'Mentoring', 'Begegnung', 'Vielfalt'];
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
const publishedPartner = (r) => {
  for (;;) {
    const i = r.int(SIZES.partners);
    if (!isDraft(i)) return partnerId(i);
  }
};
export const eventId = (i) => stableId('event', `bench-${i}`);

export async function seedPartners(url) {
  const r = prng(1);
  await withClient(url, async (c) => {
    await insert(c, 'topic', ['slug', 'name'], TOPICS);
    const partners = [];
    const partnerTopics = [];
    for (let i = 0; i < SIZES.partners; i++) {
      const [city, region, zip] = r.pick(CITIES);
      const name = `${r.pick(['Beratungsstelle', 'Netzwerk', 'Verein', 'Initiative', 'Fachstelle', 'Zentrum'])} ${r.pick(WORDS)} ${city} ${i + 1}`;
      partners.push([partnerId(i), `${slugify(name)}`, name, r.pick(KINDS), sentence(r, 40), city, zip, region, r.some(LANGS, 3), isDraft(i) ? 'DRAFT' : 'PUBLISHED']);
      for (const t of r.some(TOPICS, 3)) partnerTopics.push([partnerId(i), t[0]]);
    }
    await insert(c, 'partner', ['id', 'slug', 'name', 'kind', 'description', 'city', 'postal_code', 'region_code', 'languages', 'status'], partners);
    await insert(c, 'partner_topic', ['partner_id', 'topic_slug'], partnerTopics);
  });
}

export async function seedResources(url) {
  const r = prng(2);
  const today = new Date().toISOString().slice(0, 10);
  await withClient(url, async (c) => {
    const rows = [];
    for (let i = 0; i < SIZES.resources; i++) {
      const statewide = r.next() < 0.2;
      const from = r.next() < 0.5 ? addDays(today, -r.int(400)) : null;
      const until = r.next() < 0.4 ? addDays(today, r.int(600) - 150) : null;
      rows.push([
        stableId('resource', `bench-${i}`),
        `${sentence(r, 3)} ${i + 1}`,
        sentence(r, 15),
        sentence(r, 80),
        r.pick(RESOURCE_KINDS),
        publishedPartner(r),
        r.some(TOPICS.map((t) => t[0]), 3),
        r.some(LANGS, 3),
        statewide ? [] : [r.pick(CITIES)[1]],
        statewide,
        from,
        from && until && until < from ? from : until,
        i % 13 === 0 ? 'DRAFT' : 'PUBLISHED',
      ]);
    }
    await insert(c, 'resource', ['id', 'title', 'summary', 'body', 'kind', 'provider_id', 'topic_slugs', 'languages', 'region_codes', 'statewide', 'valid_from', 'valid_until', 'status'], rows);
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
    await insert(c, 'event', ['id', 'slug', 'title', 'description', 'kind', 'starts_at', 'ends_at', 'city', 'region_code', 'capacity', 'topic_slugs', 'status'], events);
    await insert(c, 'event_organizer', ['event_id', 'partner_id', 'position'], organizers);
  });
}

export async function seedSubscribers(url) {
  const r = prng(4);
  await withClient(url, async (c) => {
    const rows = [];
    for (let i = 0; i < SIZES.subscribers; i++) {
      rows.push([`abonnentin-${i}@bench.example.org`, `Person ${i}`, r.pick(['de', 'de', 'de', 'en']), r.some(TOPICS.map((t) => t[0]), 3), 'CONFIRMED']);
    }
    await insert(c, 'subscriber', ['email', 'name', 'language', 'topic_slugs', 'status'], rows, 2000);
  });
}
