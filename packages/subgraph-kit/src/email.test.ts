import { GraphQLError } from 'graphql';
import { Client } from 'pg';
import { canonicaliseStoredEmails, canonicalEmail, emailAddress, optionalEmailAddress } from './email';

test('one form for every spelling: trimmed, lower case, the domain in ASCII (punycode)', () => {
  const canonical = 'info@xn--brgerhaus-musterstadt-8hc.de';
  for (const spelling of ['info@bürgerhaus-musterstadt.de', ' Info@Bürgerhaus-Musterstadt.DE\n', 'INFO@XN--BRGERHAUS-MUSTERSTADT-8HC.DE', canonical, 'info@bu\u0308rgerhaus-musterstadt.de']) {
    expect([spelling, canonicalEmail(spelling)]).toEqual([spelling, canonical]);
  }
  expect(canonicalEmail('Anna.Schmidt+Newsletter@Beispiel.de')).toBe('anna.schmidt+newsletter@beispiel.de');
  expect(canonicalEmail('kontakt@straße.de')).toBe('kontakt@xn--strae-oqa.de');
  expect(canonicalEmail('jürgen@beispiel.de')).toBe('jürgen@beispiel.de');
});

test.each([
  '',
  'no-at-sign.example.org',
  'anna@localhost',
  'anna..b@beispiel.de',
  'anna @beispiel.de',
  '@beispiel.de',
  'anna@',
  'anna@@beispiel.de',
  'Anna <anna@beispiel.de>',
  'anna@-beispiel.de',
  'anna@beispiel..de',
  'anna@beispiel.de.',
  'anna@[127.0.0.1]',
  'anna@127.0.0.1',
  'anna@xn--zz.de',
  `${'a'.repeat(65)}@beispiel.de`,
  `anna@${'b'.repeat(250)}.de`,
])('%j is no address', (bad) => {
  expect(canonicalEmail(bad)).toBeNull();
  let error: unknown;
  try {
    emailAddress(bad, 'contactEmail');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'contactEmail', reason: 'INVALID_EMAIL' });
  expect((error as GraphQLError).message).toMatch(/^contactEmail must be a valid e-mail address/);
});

test('optional addresses: null and empty stay null', () => {
  expect(optionalEmailAddress(null)).toBeNull();
  expect(optionalEmailAddress(undefined)).toBeNull();
  expect(optionalEmailAddress('  ')).toBeNull();
  expect(optionalEmailAddress(' A@B.de ')).toBe('a@b.de');
  expect(() => optionalEmailAddress('kaputt')).toThrow(GraphQLError);
});

describe('stored addresses in one form (migration helper)', () => {
  let client: Client;
  const runner = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows };

  beforeAll(async () => {
    if (!process.env.TEST_PG_URL) throw new Error('TEST_PG_URL is not set: run tests through jest with the root config');
    const url = new URL(process.env.TEST_PG_URL);
    url.pathname = '/postgres';
    client = new Client({ connectionString: url.toString() });
    await client.connect();
  });
  afterAll(() => client?.end());

  test('every email column of the schema is rewritten; invalid and colliding addresses stay', async () => {
    await client.query('BEGIN');
    try {
      // A schema of its own, so that the helper sees only these tables.
      await client.query('CREATE SCHEMA kit_email_test');
      await client.query('SET LOCAL search_path TO kit_email_test');
      await client.query('CREATE TABLE person (id int PRIMARY KEY, email text)');
      await client.query('CREATE UNIQUE INDEX person_email ON person (lower(email))');
      await client.query('CREATE TABLE contact (id int PRIMARY KEY, email varchar(254), other text)');
      await client.query(
        `INSERT INTO person VALUES (1, ' Info@Bürgerhaus-Musterstadt.DE'), (2, 'anna@beispiel.de'), (3, 'kaputt'), (4, NULL),
           (5, 'kim@xn--strae-oqa.de'), (6, 'Kim@Straße.de')`,
      );
      await client.query(`INSERT INTO contact VALUES (1, 'Jürgen@Beispiel.DE', 'X@Y.de'), (2, 'Jürgen@Beispiel.DE', NULL)`);
      expect(await canonicaliseStoredEmails(runner)).toBe(2);
      expect((await client.query('SELECT id, email FROM person ORDER BY id')).rows).toEqual([
        { id: 1, email: 'info@xn--brgerhaus-musterstadt-8hc.de' },
        { id: 2, email: 'anna@beispiel.de' },
        { id: 3, email: 'kaputt' },
        { id: 4, email: null },
        { id: 5, email: 'kim@xn--strae-oqa.de' },
        // Its form is taken by row 5 under the unique index: a duplicate, left for a person to decide.
        { id: 6, email: 'Kim@Straße.de' },
      ]);
      expect((await client.query('SELECT email, other FROM contact ORDER BY id')).rows).toEqual([
        { email: 'jürgen@beispiel.de', other: 'X@Y.de' },
        { email: 'jürgen@beispiel.de', other: null },
      ]);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
