import { Writable } from 'node:stream';
import pino from 'pino';
import { asPrincipal, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';

// Everything the service logs, at the most detailed level, to look for secrets in it.
let logged = '';
const memory = new Writable({
  write(chunk, _enc, done) {
    logged += chunk.toString();
    done();
  },
});

let sg: TestSubgraph;
let coordinator: Record<string, string>;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true', LOG_LEVEL: 'trace' }, { log: pino({ level: 'trace' }, memory) });
  coordinator = await asPrincipal({ role: 'COORDINATOR', subject: '00000000-0000-4000-8000-000000000000' }, 'partners');
});
afterAll(() => sg?.stop());

const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt account { email role } } }';

test('passwords appear neither in logs nor in responses', async () => {
  const secret = 'Geheimes-Passwort-4711';
  const created = await gql(
    sg.url,
    'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id email role disabled } }',
    { i: { email: 'Lea@Partner.example', displayName: 'Lea', role: 'COORDINATOR', password: secret } },
    coordinator,
  );
  const ok = await gql(sg.url, LOGIN, { e: 'lea@partner.EXAMPLE', p: secret });
  const wrong = await gql(sg.url, LOGIN, { e: 'lea@partner.example', p: `${secret}-falsch` });
  const tooShort = await gql(
    sg.url,
    'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
    { i: { email: 'x@partner.example', displayName: 'X', role: 'COORDINATOR', password: 'kurz-4711' } },
    coordinator,
  );
  // Stored in the graph's one form of an address (lower case).
  expect(created.data.createAccount).toMatchObject({ email: 'lea@partner.example', role: 'COORDINATOR', disabled: false });
  expect(ok.data.login.account).toEqual({ email: 'lea@partner.example', role: 'COORDINATOR' });
  expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(tooShort.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
  expect(logged.length).toBeGreaterThan(0);
  for (const text of [logged, JSON.stringify([created.body, ok.body, wrong.body, tooShort.body])]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain('kurz-4711');
    expect(text).not.toMatch(/scrypt\$/);
  }
});

test('bad account input is BAD_USER_INPUT naming the field, and nothing is written', async () => {
  const create = 'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }';
  const base = { email: 'neu@partner.example', displayName: 'Neu', role: 'PARTNER_EDITOR', password: 'a-long-password-1' };
  const cases: Array<[object, string]> = [
    [{ ...base, email: 'no-email' }, 'email'],
    [{ ...base }, 'partnerId'], // an editor needs a partner
    [{ ...base, partnerId: '00000000-0000-4000-8000-000000000001' }, 'partnerId'], // unknown partner
    [{ ...base, role: 'COORDINATOR', email: 'admin@MITGEN.local' }, 'email'], // exists already, any case
  ];
  for (const [input, field] of cases) {
    const res = await gql(sg.url, create, { i: input }, coordinator);
    expect({ field: res.errors?.[0].extensions?.field, code: res.errors?.[0].extensions?.code }).toEqual({ field, code: 'BAD_USER_INPUT' });
  }
  const [{ count }] = await sg.ds.query("SELECT count(*)::int AS count FROM account WHERE lower(email) = 'neu@partner.example'");
  expect(count).toBe(0);
});

test('a login token carries the account, expires after the configured lifetime, and the lock resets on success', async () => {
  const before = Date.now();
  const { login } = await gqlOk(sg.url, LOGIN, { e: 'admin@mitgen.local', p: 'mitgen-admin-dev' });
  const payload = JSON.parse(Buffer.from(login.token.split('.')[1], 'base64url').toString());
  expect(payload).toMatchObject({ role: 'COORDINATOR', email: 'admin@mitgen.local', iss: 'mitgen:partners', aud: 'mitgen:graph' });
  expect(payload.exp - payload.iat).toBe(3600);
  expect(Date.parse(login.expiresAt)).toBeGreaterThanOrEqual(before + 3_599_000);
});

test('in production a missing key or the default admin password is refused at start', () => {
  const result = partnersSubgraph.env.safeParse({ NODE_ENV: 'production', DATABASE_URL: 'postgres://a:b@h/db' });
  expect(result.success).toBe(false);
  const paths = result.error!.issues.map((i) => i.path.join('.'));
  expect(paths).toEqual(expect.arrayContaining(['AUTH_PRIVATE_KEY', 'ADMIN_PASSWORD']));
});
