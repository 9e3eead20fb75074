import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from './database';
import { foldGerman, GERMAN_COLLATION, GERMAN_SEARCH_SQL_V1, germanContainsPattern, germanSearchSql, germanSearchText } from './german';

// The German rule in TypeScript and in SQL, on the real PostgreSQL of the test run: both sides must
// give the same text, or a query folded here would miss documents folded there.

let admin: Client;
let db: Client;
let name: string;

beforeAll(async () => {
  if (!process.env.TEST_PG_URL) throw new Error('TEST_PG_URL is not set: run tests through jest with the root config');
  name = `t_kit_german_${randomBytes(4).toString('hex')}`;
  const url = new URL(process.env.TEST_PG_URL);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString(), 'kit-german');
  db = new Client({ connectionString: url.toString() });
  await db.connect();
  for (const sql of GERMAN_SEARCH_SQL_V1.up) await db.query(sql);
});

afterAll(async () => {
  await db?.end();
  const url = new URL(process.env.TEST_PG_URL!);
  url.pathname = '/postgres';
  admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
});

const SAMPLES = [
  'Flüchtlinge',
  'FLÜCHTLINGE',
  'Fluechtlinge',
  'Straße STRASSE ẞ',
  'u\u0308ber Ärztinnen Öffnungszeiten', // ü decomposed, as some keyboards send it
  'Café Ñandú İstanbul',
  'ΟΔΟΣ οδος',
  'Beratung für Mädchen, dass daß über-regional Überfür',
  'مرحبا بكم في المركز',
  'Frauen 👩 50% _x_ C:\\pfad',
  '',
];

test.each(SAMPLES)('foldGerman and german_fold agree on %p', async (text) => {
  const [row] = (await db.query('SELECT german_fold($1) AS fold, german_search_text($1) AS search', [text])).rows;
  expect(row.fold).toBe(foldGerman(text));
  expect(row.search).toBe(germanSearchText(text));
});

test('umlauts and their spellings with e, ß and ss, capitals and accents all fold to the same text', () => {
  expect(new Set(['Flüchtlinge', 'FLÜCHTLINGE', 'Fluechtlinge', 'flu\u0308chtlinge'].map(foldGerman))).toEqual(new Set(['fluechtlinge']));
  expect(foldGerman('Straße')).toBe(foldGerman('STRASSE'));
  expect(foldGerman('Sprachcafé')).toBe('sprachcafe');
});

test('stop words with umlauts stay stop words after folding, in both spellings', async () => {
  for (const text of ['für', 'fuer', 'über', 'ueber', 'daß', 'dass', 'würden', 'während']) {
    const [row] = (await db.query("SELECT german_search_vector($1)::text AS v, websearch_to_tsquery('german', $2)::text AS q", [text, germanSearchText(text)])).rows;
    expect([text, row.v, row.q]).toEqual([text, '', '']);
  }
  // …without taking words of the same stem with them ("üben" is no stop word, "über" is).
  const [row] = (await db.query("SELECT german_search_vector('Wir üben') @@ websearch_to_tsquery('german', $1) AS found", [germanSearchText('ueben')])).rows;
  expect(row.found).toBe(true);
});

async function search(doc: string, query: string): Promise<{ matches: boolean; wholeWords: boolean; rank: number }> {
  const s = germanSearchSql('v', '$1');
  const [row] = (await db.query(`SELECT ${s.matches} AS matches, ${s.wholeWords} AS "wholeWords", ${s.rank} AS rank FROM german_search_vector($2) v`, [germanSearchText(query), doc])).rows;
  return row;
}

test('"Fluechtlinge" finds "Flüchtlinge" and the other way round', async () => {
  expect(await search('Beratung für Flüchtlinge', 'Fluechtlinge')).toMatchObject({ matches: true, wholeWords: true });
  expect(await search('Beratung fuer Fluechtlinge', 'Flüchtlinge')).toMatchObject({ matches: true, wholeWords: true });
  expect(await search('Hilfe in der Straße', 'Strasse')).toMatchObject({ matches: true, wholeWords: true });
});

test('parts of compound words are found, below whole words; short parts are not', async () => {
  const part = await search('Gewaltschutz in Hannover', 'Schutz');
  const whole = await search('Schutz vor Gewalt', 'Schutz');
  expect(part).toMatchObject({ matches: true, wholeWords: false });
  expect(whole).toMatchObject({ matches: true, wholeWords: true });
  expect(whole.rank).toBeGreaterThan(part.rank);
  expect(await search('Schutzkonzept', 'Schutz')).toMatchObject({ matches: true, wholeWords: false }); // the first part
  expect(await search('Gewaltschutzkonzept', 'Schutz')).toMatchObject({ matches: true }); // a middle part
  expect(await search('Onlineberatungen', 'Beratung')).toMatchObject({ matches: true }); // stemmed on both sides
  expect(await search('Beratungsstelle', 'Rat')).toMatchObject({ matches: false });
});

test('parts keep the web search syntax: phrases stay phrases, exclusions exclude', async () => {
  expect(await search('Schutz vor häuslicher Gewalt', '"häuslicher Gewalt"')).toMatchObject({ matches: true });
  expect(await search('Gewalt im Netz; häuslicher Streit', '"häuslicher Gewalt"')).toMatchObject({ matches: false });
  expect(await search('Gewaltschutz und Netzwerk', 'Schutz -Netz')).toMatchObject({ matches: false });
  expect(await search('Gewaltschutz', 'Schutz or Sprachkurs')).toMatchObject({ matches: true });
});

test.each(["it's", 'C:\\pfad', "x'y'z", '\\\\', '::*', "'''"])('the query %p never breaks the parts query', async (query) => {
  await expect(search("Dokument it's C:\\pfad", query)).resolves.toHaveProperty('matches');
});

test('a LIKE pattern folds and escapes', () => {
  expect(germanContainsPattern(' Müller_50% ')).toBe('%mueller\\_50\\%%');
});

test(`the German collation ${GERMAN_COLLATION} exists and puts Göttingen before Grafschaft Bentheim`, async () => {
  const names = ['Grafschaft Bentheim', 'Göttingen', 'Goslar', 'Gifhorn', 'Zeven', 'ärztliche Hilfe', 'Osnabrück', 'Ostfriesland'];
  const { rows } = await db.query(`SELECT n FROM unnest($1::text[]) n ORDER BY n COLLATE "${GERMAN_COLLATION}"`, [names]);
  expect(rows.map((r) => r.n)).toEqual(['ärztliche Hilfe', 'Gifhorn', 'Goslar', 'Göttingen', 'Grafschaft Bentheim', 'Osnabrück', 'Ostfriesland', 'Zeven']);
});

test('the SQL functions drop again', async () => {
  const client = db;
  await client.query('BEGIN');
  try {
    for (const sql of GERMAN_SEARCH_SQL_V1.down) await client.query(sql);
    const { rows } = await client.query("SELECT proname FROM pg_proc WHERE proname LIKE 'german\\_%'");
    expect(rows).toEqual([]);
  } finally {
    await client.query('ROLLBACK');
  }
});
