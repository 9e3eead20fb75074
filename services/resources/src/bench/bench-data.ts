import { ANONYMOUS, PublicationStatus, searchConfigOf, stableId, systemClock, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import { Resource, ResourceFormat, ResourceKind } from '../resource/resource.entity';
import type { ResourceFilter, ResourceSort } from '../resource/resource.input';
import { resourcesQuery } from '../resource/resource.service';
import { PROVIDER_NAMES } from '../seed/demo';

// Generated resources of realistic size and vocabulary for the search plan (test and benchmark script)
// and the SQL-count test: deterministic, so that plans and counts do not depend on luck.

const OFFERS = ['Beratung', 'Sprechstunde', 'Gruppenangebot', 'Workshop', 'Infoabend', 'Fortbildung', 'Sprachkurs', 'Mentoring', 'Broschüre', 'Telefonberatung', 'Elterncafé', 'Bewerbungstraining'];
const SUBJECTS = [
  'zu Aufenthaltsrecht und Familiennachzug',
  'bei häuslicher Gewalt',
  'zur Anerkennung ausländischer Abschlüsse',
  'für Alleinerziehende',
  'zu Kinderbetreuung und Beruf',
  'für Frauen in Gemeinschaftsunterkünften',
  'zu Gesundheit und Schwangerschaft',
  'für Migrantinnenorganisationen',
  'zu Diskriminierung am Arbeitsplatz',
  'für Väter mit Migrationsgeschichte',
];
const PLACES = [
  'Hannover', 'Osnabrück', 'Oldenburg', 'Braunschweig', 'Göttingen', 'Lüneburg', 'Celle', 'Hildesheim', 'Wolfsburg', 'Salzgitter',
  'Emden', 'Goslar', 'Lingen', 'Meppen', 'Nordhorn', 'Stade', 'Verden', 'Nienburg', 'Peine', 'Gifhorn',
  'Cuxhaven', 'Aurich', 'Leer', 'Wilhelmshaven', 'Delmenhorst', 'Vechta', 'Cloppenburg', 'Uelzen', 'Holzminden', 'Northeim',
  'Hameln', 'Rotenburg', 'Soltau', 'Helmstedt', 'Wolfenbüttel', 'Osterode', 'Diepholz', 'Syke', 'Buxtehude', 'Walsrode',
];
const SENTENCES = [
  'Die Teilnahme ist kostenlos und vertraulich.',
  'Eine Anmeldung ist telefonisch oder per E-Mail möglich.',
  'Kinderbetreuung wird während der Termine angeboten.',
  'Sprachmittlung kann auf Wunsch organisiert werden.',
  'Die Räume sind barrierefrei erreichbar.',
  'Wir arbeiten eng mit Jobcentern, Ausländerbehörden und Beratungsstellen zusammen.',
  'Das Angebot wird aus Mitteln des Landes Niedersachsen gefördert.',
  'Fachkräfte können Klientinnen direkt an uns verweisen.',
  'Termine finden vormittags statt, damit Mütter teilnehmen können.',
  'Die Gruppe trifft sich im Stadtteilzentrum.',
];
const REGIONS = ['03101', '03102', '03103', '03151', '03153', '03154', '03155', '03157', '03158', '03159', '03241', '03251', '03252', '03254', '03255', '03256', '03257', '03351', '03352', '03353', '03354', '03355', '03356', '03357', '03358', '03359', '03360', '03361', '03401', '03402', '03403', '03404', '03405', '03451', '03452', '03453', '03454', '03455', '03456', '03457', '03458', '03459', '03460', '03461', '03462'];
const TOPICS = ['gleichstellung', 'arbeitsmarktintegration', 'gewaltschutz', 'maenner-und-jungenarbeit', 'antidiskriminierung', 'empowerment', 'bildung-und-sprache', 'gesundheit-und-familie'];
const LANGUAGES = ['de', 'en', 'ar', 'fa', 'tr', 'ru', 'uk', 'ku', 'ti', 'pl'];

/** Demo partners that are published (the Hildesheim café is a draft in the partners demo data). */
const BENCH_PROVIDERS = Object.entries(PROVIDER_NAMES).filter(([slug]) => slug !== 'interkulturelles-frauencafe-hildesheim');

/** Small deterministic random numbers (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inserts `count` published resources with generated German texts; returns their ids. */
export async function insertBenchResources(
  ds: DataSource,
  count: number,
  options: { seed?: number; titlePrefix?: string; contactsPerResource?: number } = {},
): Promise<string[]> {
  const next = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const providers = BENCH_PROVIDERS;
  const kinds = Object.values(ResourceKind);
  const formats = Object.values(ResourceFormat);
  const rows: Partial<Resource>[] = [];
  for (let i = 0; i < count; i++) {
    const [slug, name] = pick(providers);
    const place = pick(PLACES);
    const statewide = next() < 0.15;
    const title = `${options.titlePrefix ?? ''}${pick(OFFERS)} ${pick(SUBJECTS)} in ${place}`;
    rows.push({
      id: stableId('bench-resource', `${options.seed ?? 1}:${i}`),
      title,
      summary: `${pick(SENTENCES)} ${pick(SENTENCES)}`,
      body: Array.from({ length: 6 }, () => pick(SENTENCES)).join(' '),
      kind: pick(kinds),
      format: pick(formats),
      providerId: stableId('partner', slug),
      providerName: name,
      topicSlugs: [pick(TOPICS), pick(TOPICS)].filter((t, j, all) => all.indexOf(t) === j),
      languages: ['de', pick(LANGUAGES)].filter((l, j, all) => all.indexOf(l) === j),
      regionCodes: statewide ? [] : [pick(REGIONS)],
      statewide,
      freeOfCharge: next() < 0.8,
      contactIds: Array.from({ length: options.contactsPerResource ?? 1 }, (_, c) => stableId('contact', `bench/${i % 300}-${c}`)),
      status: PublicationStatus.PUBLISHED,
      publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000),
      lastReviewedAt: new Date(Date.UTC(2026, 0, 1)),
    });
  }
  for (let i = 0; i < rows.length; i += 500) await ds.getRepository(Resource).insert(rows.slice(i, i + 500));
  return rows.map((r) => r.id!);
}

const EN_OFFERS = ['Counselling', 'Office hours', 'Group', 'Workshop', 'Information evening', 'Training', 'Language course', 'Mentoring', 'Brochure', 'Phone counselling'];
const EN_SENTENCES = [
  'Participation is free of charge and confidential.',
  'You can register by phone or by e-mail.',
  'Childcare is offered during the sessions.',
  'Interpreters can be arranged on request.',
  'The rooms are accessible without steps.',
  'We work closely with job centres, immigration offices and counselling services.',
  'The offer is funded by the state of Lower Saxony.',
  'Professionals can refer clients to us directly.',
];
const EN_SUBJECTS = ['on residence law', 'on domestic violence', 'on recognising foreign degrees', 'for single parents', 'on childcare and work', 'on health and pregnancy', 'on discrimination at work'];

/**
 * Translates the title, summary and body of a share of the given resources (rows as
 * `Translations.save` writes them; English texts, also where another language is named, as
 * they only give the tables their size), for plans of searches in another language.
 */
export async function insertBenchTranslations(ds: DataSource, ids: readonly string[], options: { seed?: number; share?: number; language?: string } = {}): Promise<number> {
  const next = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const rows: [string, string, string][] = [];
  for (const id of ids) {
    if (next() >= (options.share ?? 0.3)) continue;
    rows.push([id, 'title', `${pick(EN_OFFERS)} ${pick(EN_SUBJECTS)} in ${pick(PLACES)}`]);
    rows.push([id, 'summary', `${pick(EN_SENTENCES)} ${pick(EN_SENTENCES)}`]);
    rows.push([id, 'body', Array.from({ length: 6 }, () => pick(EN_SENTENCES)).join(' ')]);
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    await ds.query(
      `INSERT INTO resource_translation (entity_id, language, field, text, source_hash, search, updated_by)
       SELECT v.id, $4, v.field, v.text, '', to_tsvector($5::regconfig, v.text), 'bench' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, field, text)`,
      [part.map((r) => r[0]), part.map((r) => r[1]), part.map((r) => r[2]), options.language ?? 'en', searchConfigOf(options.language ?? 'en')],
    );
  }
  return rows.length;
}

/**
 * `EXPLAIN ANALYZE` of the two statements `resources(filter, sort, first)` runs: the page (same
 * builder, order and limit as `paginate`) and the total count.
 */
export async function explainResources(
  ds: DataSource,
  filter: ResourceFilter,
  sort: ResourceSort | null = null,
  first = 50,
  language = 'de',
): Promise<{ page: string; count: string }> {
  const ctx = { ds, principal: ANONYMOUS, clock: systemClock, language } as SubgraphContext;
  const { qb, keys } = resourcesQuery(ctx, filter, sort);
  const pageQb = qb.clone();
  keys.forEach((k, i) => (i === 0 ? pageQb.orderBy(k.sql, k.desc ? 'DESC' : 'ASC') : pageQb.addOrderBy(k.sql, k.desc ? 'DESC' : 'ASC')));
  pageQb.limit(first + 1);
  const countQb = qb.clone().select('COUNT(DISTINCT(r.id))', 'cnt');
  const explain = async ([sql, params]: [string, unknown[]]) =>
    ((await ds.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>)
      .map((row) => row['QUERY PLAN'])
      .join('\n');
  return { page: await explain(pageQb.getQueryAndParameters()), count: await explain(countQb.getQueryAndParameters()) };
}
