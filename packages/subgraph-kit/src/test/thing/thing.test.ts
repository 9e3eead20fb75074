import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import pino from 'pino';
import type { QueryRunner } from 'typeorm';
import { ANONYMOUS, baseServiceEnv, byIdLoader, createSubgraph, draftMigration, groupedPages, loadConfig, LoaderRegistry, type Principal, type SubgraphApp } from '../../index';
import { CreateThings1796065001044 } from './migrations/1796065001044-CreateThings';
import { Thing } from './thing.entity';
import { thingSubgraph } from './thing.subgraph';

// The kit's helpers end to end, on the small subgraph a new contributor would write with them
// (files beside this test), against the real PostgreSQL of the test run.

const PARTNER = randomUUID();
const PRINCIPALS: Record<string, Principal> = {
  coordinator: { role: 'COORDINATOR', subject: randomUUID() },
  editor: { role: 'PARTNER_EDITOR', subject: randomUUID(), partnerId: PARTNER },
};

let app: SubgraphApp;
let url: string;
/** Log lines of the subgraph at warn level and above. */
const logged: { level: number; msg: string }[] = [];

function serverUrl(): string {
  if (!process.env.TEST_PG_URL) throw new Error('TEST_PG_URL is not set: run tests through jest with the root config');
  return process.env.TEST_PG_URL;
}

beforeAll(async () => {
  const db = new URL(serverUrl());
  db.pathname = `/t_kit_things_${randomBytes(4).toString('hex')}`;
  const env = loadConfig('things', baseServiceEnv, { PORT: '0', DATABASE_URL: db.toString(), LOG_LEVEL: 'silent' });
  // Tests name the caller in a header instead of a gateway-signed principal.
  app = await createSubgraph(thingSubgraph, env, {
    log: pino({ level: 'warn' }, new Writable({ write: (line, _enc, done) => (logged.push(JSON.parse(String(line))), done()) })),
    principal: (req) => PRINCIPALS[String(req.headers['x-test-as'])] ?? ANONYMOUS,
  });
  url = await app.listen(0, '127.0.0.1');
});

afterAll(async () => {
  const name = new URL((app.ds.options as { url: string }).url).pathname.slice(1);
  await app.close();
  const admin = new URL(serverUrl());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => client.end());
});

beforeEach(() => app.ds.getRepository(Thing).clear());

async function gql(query: string, variables: Record<string, unknown> = {}, as?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(as ? { 'x-test-as': as } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const CREATE = 'mutation ($input: CreateThingInput!) { createThing(input: $input) { id name quantity freeOfCharge url partner { id } } }';

function thing(name: string): Partial<Thing> {
  return { name, description: '', quantity: 1, freeOfCharge: true, url: null, partnerId: PARTNER };
}

test('a coordinator records a thing; editors and anonymous callers may not', async () => {
  const input = { name: 'Lastenrad', description: 'Für Einkäufe im Quartier', quantity: 2, freeOfCharge: true, url: 'https://example.org/rad', partnerId: PARTNER };
  const created = await gql(CREATE, { input }, 'coordinator');
  expect(created.errors).toBeUndefined();
  expect(created.data.createThing).toMatchObject({ name: 'Lastenrad', quantity: 2, freeOfCharge: true, url: 'https://example.org/rad', partner: { id: PARTNER } });
  expect(await app.ds.getRepository(Thing).countBy({ id: created.data.createThing.id })).toBe(1);

  expect((await gql(CREATE, { input }, 'editor')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await gql(CREATE, { input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(await app.ds.getRepository(Thing).count()).toBe(1);
});

test('things(first, after) pages by name, then id, with one statement per page', async () => {
  await app.ds.getRepository(Thing).save(['Zelt', 'Beamer', 'Moderationskoffer'].map(thing));
  const query = 'query ($after: String) { things(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }';
  app.counter.reset();
  const first = (await gql(query)).data.things;
  expect(app.counter.count).toBe(1);
  expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true }, nodes: [{ name: 'Beamer' }, { name: 'Moderationskoffer' }] });
  const second = (await gql(query, { after: first.pageInfo.endCursor })).data.things;
  expect(second).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false }, nodes: [{ name: 'Zelt' }] });
  // A page with no rows carries no count: the count then needs a statement of its own.
  app.counter.reset();
  const beyond = (await gql(query, { after: second.pageInfo.endCursor })).data.things;
  expect(beyond).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
  expect(app.counter.count).toBe(2);
});

test('first: 0 answers no items, but hasNextPage says whether items follow (top-level lists)', async () => {
  await app.ds.getRepository(Thing).save(['Zelt', 'Beamer', 'Moderationskoffer'].map(thing));
  const query = 'query ($first: Int!, $after: String) { things(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { name } } }';
  expect((await gql(query, { first: 0 })).data.things).toEqual({
    totalCount: 3,
    pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: null },
    nodes: [],
  });
  const two = (await gql(query, { first: 2 })).data.things;
  expect((await gql(query, { first: 0, after: two.pageInfo.endCursor })).data.things.pageInfo.hasNextPage).toBe(true);
  const all = (await gql(query, { first: 3 })).data.things;
  expect((await gql(query, { first: 0, after: all.pageInfo.endCursor })).data.things.pageInfo.hasNextPage).toBe(false);
  await app.ds.getRepository(Thing).clear();
  expect((await gql(query, { first: 0 })).data.things.pageInfo.hasNextPage).toBe(false);
});

test('first: 0 in nested lists (groupedPages): hasNextPage per group says whether items follow', async () => {
  const other = randomUUID();
  const empty = randomUUID();
  await app.ds.getRepository(Thing).save([...['Zelt', 'Beamer'].map(thing), { ...thing('Leiter'), partnerId: other }]);
  const q = { from: 'thing t', group: "t.partner_id", groupType: 'uuid', id: 't.id', sort: [{ sql: 't.name' }, { sql: 't.id', cast: 'uuid' }] };
  const pages = await groupedPages(app.ds, q, [PARTNER, other, empty], { first: 0 });
  expect(pages.map((p) => [p.totalCount, p.ids.length, p.pageInfo.hasNextPage])).toEqual([
    [2, 0, true],
    [1, 0, true],
    [0, 0, false],
  ]);
  const [firstOfPartner] = await groupedPages(app.ds, q, [PARTNER], { first: 1 });
  const [rest] = await groupedPages(app.ds, q, [PARTNER], { first: 0, after: firstOfPartner.pageInfo.endCursor });
  expect(rest.pageInfo.hasNextPage).toBe(true);
  const [all] = await groupedPages(app.ds, q, [PARTNER], { first: 2 });
  const [after] = await groupedPages(app.ds, q, [PARTNER], { first: 0, after: all.pageInfo.endCursor });
  expect(after.pageInfo.hasNextPage).toBe(false);
});

test('explicit null for an argument with a default is BAD_USER_INPUT naming it, with no error in the log', async () => {
  logged.length = 0;
  const res = await gql('query ($n: Int) { things(first: $n) { totalCount } }', { n: null });
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  expect(res.errors?.[0].message).toMatch(/^Argument "first" of non-null type "Int!" must not be null\..*default/);
  expect(res.errors?.[0].extensions).toMatchObject({ field: 'first' });
  expect(logged.filter((l) => l.level >= 50)).toEqual([]);
});

test('text with the NUL character is BAD_USER_INPUT before any statement, as variable or literal', async () => {
  logged.length = 0;
  const input = { name: 'Zelt\u0000', description: '', quantity: 1, freeOfCharge: true, url: null, partnerId: PARTNER };
  const viaVariable = await gql(CREATE, { input }, 'coordinator');
  expect(viaVariable.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'name', problem: 'NUL_CHARACTER' }]);
  expect(viaVariable.errors?.[0].message).toMatch(/NUL/);
  const viaLiteral = await gql(`mutation { createThing(input: { name: "Zelt\\u0000", quantity: 1, freeOfCharge: true, description: "", partnerId: "${PARTNER}" }) { id } }`, {}, 'coordinator');
  expect(viaLiteral.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'query', problem: 'NUL_CHARACTER' }]);
  const viaArgument = await gql('query ($s: String) { things(first: 1, after: $s) { totalCount } }', { s: 'x\u0000' });
  expect(viaArgument.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 's', problem: 'NUL_CHARACTER' }]);
  expect(await app.ds.getRepository(Thing).count()).toBe(0);
  expect(logged.filter((l) => l.level >= 50)).toEqual([]);
});

describe('POSTs of JSON to /graphql skip express (graphql-http.ts) with the same answers', () => {
  // `content-encoding: identity` is one of the requests the fast path leaves to express (body-parser reads it the same).
  const viaExpress = { 'content-encoding': 'identity' };
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'same-request', ...headers }, body });
  /** Status, the headers an answer is judged by, and the body. */
  const seen = async (res: Response) => ({
    status: res.status,
    type: res.headers.get('content-type'),
    length: res.headers.get('content-length'),
    cacheControl: res.headers.get('cache-control'),
    body: await res.text(),
  });

  test('an answer, a refused input and a GraphQL error are the same on both paths', async () => {
    await app.ds.getRepository(Thing).save(thing('Bohrmaschine'));
    const bodies = [
      JSON.stringify({ query: '{ things(first: 5) { totalCount nodes { name } } }' }),
      JSON.stringify({ query: 'query ($s: String) { things(first: 1, after: $s) { totalCount } }', variables: { s: 'x\u0000' } }),
      JSON.stringify({ query: '{ things(first: 5) { noSuchField } }' }),
    ];
    for (const body of bodies) {
      const fast = await seen(await post(body));
      expect(fast).toEqual(await seen(await post(body, viaExpress)));
      expect(fast.type).toBe('application/json; charset=utf-8');
    }
    expect(JSON.parse((await seen(await post(bodies[0]))).body)).toEqual({ data: { things: { totalCount: 1, nodes: [{ name: 'Bohrmaschine' }] } } });
  });

  test('a body that is no JSON, or JSON but no object, is refused with 400 on both paths, before any statement', async () => {
    app.counter.reset();
    for (const body of ['{"query": ', '"a string"', ' 42']) {
      const fast = await post(body);
      const slow = await post(body, viaExpress);
      expect([fast.status, slow.status]).toEqual([400, 400]);
      expect(fast.headers.get('content-type')).toBe(slow.headers.get('content-type'));
    }
    expect(app.counter.count).toBe(0);
  });

  test('the caller and the request id reach the resolvers on the fast path', async () => {
    const input = { name: 'Leiter', description: '', quantity: 1, freeOfCharge: true, url: null, partnerId: PARTNER };
    const created = await gql(CREATE, { input }, 'coordinator');
    expect(created.errors).toBeUndefined();
    const refused = await gql(CREATE, { input }, 'editor');
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

test('the schema has the Partner reference stub and an input copied from the entity', () => {
  expect(app.sdl).toContain('type Partner @key(fields: "id") @cacheControl(maxAge: 60) {');
  expect(app.sdl).toContain('"""A partner organisation of the MitGeN network (Netzwerkpartner*in)."""');
  const input = app.sdl.slice(app.sdl.indexOf('input CreateThingInput'));
  expect(input.slice(0, input.indexOf('}'))).toMatch(/"""Name of the thing\."""\s+name: String!/);
  expect(input.slice(0, input.indexOf('}'))).toMatch(/"""Web page about it\."""\s+url: String\n/);
  expect(input.slice(0, input.indexOf('}'))).toMatch(/quantity: Int!/);
});

test('byIdLoader loads many ids in one statement, with null for unknown and malformed ids', async () => {
  const [a, b] = await app.ds.getRepository(Thing).save(['Zelt', 'Beamer'].map(thing));
  const ctx = { ds: app.ds, loaders: new LoaderRegistry() };
  const loader = byIdLoader(ctx, Thing);
  expect(byIdLoader(ctx, Thing)).toBe(loader);
  app.counter.reset();
  const found = await Promise.all([b.id, randomUUID(), 'not-a-uuid', a.id].map((id) => loader.load(id)));
  expect(found.map((t) => t?.name ?? null)).toEqual(['Beamer', null, null, 'Zelt']);
  expect(app.counter.count).toBe(1);
  // Malformed ids alone reach no database.
  app.counter.reset();
  expect(await byIdLoader({ ds: app.ds, loaders: new LoaderRegistry() }, Thing).load('nonsense')).toBeNull();
  expect(app.counter.count).toBe(0);
});

test('the committed migration is what the kit drafts from the entity', async () => {
  const draft = await draftMigration(serverUrl(), [Thing]);
  const ran: string[] = [];
  const recorder = { query: async (sql: string) => void ran.push(sql) } as unknown as QueryRunner;
  await new CreateThings1796065001044().up(recorder);
  expect(ran).toEqual(draft.up);
  expect(draft.up[0]).toMatch(/^CREATE TABLE "thing" \("id" uuid NOT NULL DEFAULT gen_random_uuid\(\)/);
});
