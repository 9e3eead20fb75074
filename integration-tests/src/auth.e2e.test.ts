import { createPrivateKey } from 'node:crypto';
import { generateKeyPairPem, signingKey, signPrincipalToken, signUserToken, stableId, subgraphAudience, PRINCIPAL_HEADER } from '@mitgen/subgraph-kit';
import { asPrincipal, entitiesQuery, gql, gqlOk, TEST_KEYS } from '@mitgen/test-kit';
import { startStack, type TestStack } from './test/stack';
import { ADMIN, coordinatorToken, PARTNER_A, setUpCallers, type Callers } from './test/principals';

let stack: TestStack;
let callers: Callers;
let clockOffsetMs = 0;
beforeAll(async () => {
  stack = await startStack({ AUTH_CACHE_SECONDS: '0' }, { clock: () => new Date(Date.now() + clockOffsetMs) });
  callers = await setUpCallers(stack.url);
});
afterAll(() => stack?.stop());
afterEach(() => {
  clockOffsetMs = 0;
});

const ME = '{ me { email } }';
const code = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) => res.errors?.[0]?.extensions?.code;

describe('tokens at the gateway', () => {
  test('an expired token is UNAUTHENTICATED (clock moved past its lifetime)', async () => {
    expect((await gqlOk(stack.url, ME, {}, callers.headers.editorA)).me).toEqual({ email: 'editor-a@partner.example' });
    clockOffsetMs = 2 * 3600 * 1000;
    const res = await gql(stack.url, ME, {}, callers.headers.editorA);
    expect(res.status).toBe(401);
    expect(code(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toMatch(/expired/);
    expect(res.data).toBeUndefined();
  });

  test('malformed, unsigned (alg none), wrongly signed and wrong-audience tokens are refused', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = { sub: callers.ids.editorA, role: 'COORDINATOR', iss: 'mitgen:partners', aud: 'mitgen:graph', exp: Math.floor(Date.now() / 1000) + 600 };
    const other = await signingKey(generateKeyPairPem().privateKey);
    const real = await signingKey(TEST_KEYS.user.privateKey);
    const principalAsUser = await signPrincipalToken(await signingKey(TEST_KEYS.gateway.privateKey), { role: 'COORDINATOR', subject: 'x' }, subgraphAudience('partners'));
    const tokens = {
      malformed: 'abc.def',
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      wrongKey: await signUserToken(other, { role: 'COORDINATOR', subject: callers.ids.editorA }, 600),
      wrongAudience: principalAsUser,
      tampered: (await signUserToken(real, { role: 'PARTNER_EDITOR', subject: callers.ids.editorA }, 600)).replace(/\.([^.]+)\./, `.${b64(claims)}.`),
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const res = await gql(stack.url, ME, {}, { authorization: `Bearer ${token}` });
      expect({ kind, code: code(res), status: res.status }).toEqual({ kind, code: 'UNAUTHENTICATED', status: 401 });
    }
    expect(code(await gql(stack.url, ME, {}, { authorization: 'Basic abc' }))).toBe('UNAUTHENTICATED');
  });

  test('a token is refused once its account is disabled', async () => {
    const throwaway = await setUpCallers(stack.url, '-disable');
    expect((await gqlOk(stack.url, ME, {}, throwaway.headers.editorB)).me).not.toBeNull();
    await gqlOk(stack.url, 'mutation ($id: ID!) { disableAccount(id: $id) { id } }', { id: throwaway.ids.editorB }, callers.headers.coordinator);
    expect(code(await gql(stack.url, ME, {}, throwaway.headers.editorB))).toBe('UNAUTHENTICATED');
  });
});

describe('API keys', () => {
  test('requests with a key are attributed to its partner and its use is recorded; unknown and revoked keys are refused', async () => {
    const throwaway = await setUpCallers(stack.url, '-keys');
    const res = await gql(stack.url, '{ partners(first: 1) { totalCount } }', {}, { 'x-api-key': throwaway.apiKey });
    expect(res.errors).toBeUndefined();
    const { apiKeys } = await gqlOk(stack.url, `{ apiKeys(partnerId: "${PARTNER_A}", first: 100) { nodes { id lastUsedAt partner { slug } } } }`, {}, callers.headers.coordinator);
    const key = apiKeys.nodes.find((k: { id: string }) => k.id === throwaway.ids.apiKey);
    expect(key.lastUsedAt).not.toBeNull();
    expect(key.partner.slug).toBe('g-mit-niedersachsen');

    expect(code(await gql(stack.url, '{ partners { totalCount } }', {}, { 'x-api-key': 'mgk_000000000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }))).toBe('UNAUTHENTICATED');
    await gqlOk(stack.url, 'mutation ($id: ID!) { revokeApiKey(id: $id) { revoked } }', { id: throwaway.ids.apiKey }, callers.headers.coordinator);
    expect(code(await gql(stack.url, '{ partners { totalCount } }', {}, { 'x-api-key': throwaway.apiKey }))).toBe('UNAUTHENTICATED');
  });

  test('the key is shown only at creation and only its hash is stored', async () => {
    const rows = await stack.subgraphs.partners.ds.query('SELECT prefix, key_hash FROM api_key');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(callers.apiKey.includes(row.key_hash)).toBe(false);
    }
    const fields = await gqlOk(stack.url, '{ __type(name: "ApiKey") { fields { name } } }');
    expect(fields.__type.fields.map((f: { name: string }) => f.name)).not.toContain('key');
  });
});

describe('login', () => {
  const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';

  test('an unknown email and a wrong password get the same answer', async () => {
    const unknown = await gql(stack.url, LOGIN, { e: 'nobody@partner.example', p: 'whatever-password' });
    const wrong = await gql(stack.url, LOGIN, { e: ADMIN.email, p: 'not-the-password' });
    expect(unknown.errors).toEqual(wrong.errors);
    expect(code(unknown)).toBe('UNAUTHENTICATED');
  });

  test('five wrong passwords lock the address: the owner is told (ACCOUNT_LOCKED), also with the right password', async () => {
    const { headers } = await setUpCallers(stack.url, '-lock');
    void headers;
    const email = 'editor-a-lock@partner.example';
    for (let i = 0; i < 4; i++) expect(code(await gql(stack.url, LOGIN, { e: email, p: `wrong-${i}` }))).toBe('UNAUTHENTICATED');
    expect(code(await gql(stack.url, LOGIN, { e: email, p: 'wrong-4' }))).toBe('ACCOUNT_LOCKED');
    const owner = await gql(stack.url, LOGIN, { e: email, p: 'editor-password-123' });
    expect(code(owner)).toBe('ACCOUNT_LOCKED');
    expect(owner.errors?.[0].extensions?.lockedUntil).toEqual(expect.any(String));
    // a coordinator lifts the lock
    const { accounts } = await gqlOk(stack.url, '{ accounts(first: 100) { nodes { id email } } }', {}, callers.headers.coordinator);
    const id = accounts.nodes.find((a: { email: string }) => a.email === email).id;
    await gqlOk(stack.url, 'mutation ($id: ID!) { enableAccount(id: $id) { id } }', { id }, callers.headers.coordinator);
    expect((await gqlOk(stack.url, LOGIN, { e: email, p: 'editor-password-123' })).login.token).toBeTruthy();
  });

  test('the password hash is scrypt and never a field of the schema', async () => {
    const [row] = await stack.subgraphs.partners.ds.query("SELECT password_hash FROM account WHERE email = 'admin@mitgen.local'");
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const fields = await gqlOk(stack.url, '{ __type(name: "Account") { fields { name } } }');
    expect(fields.__type.fields.map((f: { name: string }) => f.name).join(' ')).not.toMatch(/password/i);
  });
});

describe('forged principals', () => {
  const DRAFT = stableId('partner', 'interkulturelles-frauencafe-hildesheim');
  const draftQuery = `{ partner(id: "${DRAFT}") { name } }`;

  test('a principal header sent to the gateway is dropped, even a correctly signed one', async () => {
    const forged = await asPrincipal({ role: 'COORDINATOR', subject: 'x' }, 'partners');
    expect((await gqlOk(stack.subgraphs.partners.url, draftQuery, {}, forged)).partner).not.toBeNull(); // it would work directly…
    expect((await gqlOk(stack.url, draftQuery, {}, forged)).partner).toBeNull(); // …but the gateway never forwards it
    expect((await gqlOk(stack.url, '{ accounts { totalCount } }', {}, forged).catch((e) => e)).message).toMatch(/UNAUTHENTICATED|Sign in/);
  });

  test('a subgraph reached directly with a forged, expired or foreign-audience principal serves public data only', async () => {
    const wrongKey = await signingKey(generateKeyPairPem().privateKey);
    const gatewayKey = await signingKey(TEST_KEYS.gateway.privateKey);
    const coordinator = { role: 'COORDINATOR' as const, subject: 'x' };
    const headers = {
      none: {},
      wrongKey: { [PRINCIPAL_HEADER]: await signPrincipalToken(wrongKey, coordinator, subgraphAudience('partners')) },
      expired: { [PRINCIPAL_HEADER]: await signPrincipalToken(gatewayKey, coordinator, subgraphAudience('partners'), 60, new Date(Date.now() - 3600_000)) },
      otherSubgraph: { [PRINCIPAL_HEADER]: await signPrincipalToken(gatewayKey, coordinator, subgraphAudience('events')) },
      bareRole: { 'x-role': 'COORDINATOR', 'x-mitgen-role': 'COORDINATOR' },
    };
    for (const [kind, h] of Object.entries(headers)) {
      expect({ kind, partner: (await gqlOk(stack.subgraphs.partners.url, draftQuery, {}, h)).partner }).toEqual({ kind, partner: null });
      const res = await gql(stack.subgraphs.partners.url, '{ accounts { totalCount } }', {}, h);
      expect({ kind, code: code(res) }).toEqual({ kind, code: 'UNAUTHENTICATED' });
    }
    void createPrivateKey;
  });

  test('_entities on a subgraph directly never shows more than the field would: drafts by caller', async () => {
    const rep = { r: [{ __typename: 'Partner', id: DRAFT }] };
    const draftOwner = stableId('partner', 'interkulturelles-frauencafe-hildesheim');
    const cases: Array<[string, Record<string, string>, boolean]> = [
      ['anonymous', {}, false],
      ['api key of the owner', await asPrincipal({ role: 'API_CLIENT', subject: 'k', partnerId: draftOwner }, 'partners'), false],
      ['editor of the owner', await asPrincipal({ role: 'PARTNER_EDITOR', subject: 'e', partnerId: draftOwner }, 'partners'), true],
      ['editor of another partner', await asPrincipal({ role: 'PARTNER_EDITOR', subject: 'e', partnerId: PARTNER_A }, 'partners'), false],
      ['coordinator', await asPrincipal({ role: 'COORDINATOR', subject: 'c' }, 'partners'), true],
    ];
    for (const [who, headers, visible] of cases) {
      const { _entities } = await gqlOk(stack.subgraphs.partners.url, entitiesQuery('Partner', 'name'), rep, headers);
      expect({ who, visible: _entities[0] !== null }).toEqual({ who, visible });
    }
  });
});

test('the coordinator account exists from the start (ADMIN_EMAIL / ADMIN_PASSWORD)', async () => {
  expect(await coordinatorToken(stack.url)).toMatch(/^ey/);
});
