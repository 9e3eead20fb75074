import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asPrincipal, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { composeSupergraph } from '@mitgen/gateway';
import { REPO_ROOT } from '@mitgen/registry';
import type { Gateway } from '@mitgen/gateway';
import { SUBGRAPHS } from './test/services';
import { setUpCallers, type Callers } from './test/principals';
import { projectsSubgraph } from './test/projects-subgraph';
import { urlsOf } from './test/services';
import { createTestGateway, startStack, type TestStack } from './test/stack';

// Cache policy comes from the subgraphs' `@cacheControl` hints: the gateway keeps no list of
// fields. A subgraph it has never heard of (`projects`, served in place of the newsletter
// subgraph) gets its public list cached by its own hints alone.

let stack: TestStack;
let callers: Callers;
let projects: TestSubgraph;
let supergraphFile: string;
let projectRequests = 0;
const gateways: Gateway[] = [];

beforeAll(async () => {
  stack = await startStack();
  callers = await setUpCallers(stack.url, '-cache');
  const { partners } = await gqlOk(stack.url, '{ partners(first: 2) { nodes { id } } }');
  projects = await startTestSubgraph(projectsSubgraph(partners.nodes.map((p: { id: string }) => p.id)));
  projects.httpServer.on('request', () => projectRequests++);
  const sdls = SUBGRAPHS.map((s) =>
    s.name === 'newsletter'
      ? { name: s.name, url: projects.url, sdl: projects.sdl }
      : { name: s.name, url: stack.subgraphs[s.name].url, sdl: readFileSync(path.join(REPO_ROOT, s.dir, 'schema.graphql'), 'utf8') },
  );
  supergraphFile = path.join(tmpdir(), `supergraph-projects-${process.pid}.graphql`);
  writeFileSync(supergraphFile, composeSupergraph(sdls));
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await projects?.stop();
  await stack?.stop();
  rmSync(supergraphFile, { force: true });
});

/** A gateway with the response cache on, in front of partners, resources, events and `projects`. */
async function gatewayWith(settings: Record<string, string> = {}): Promise<string> {
  const gateway = await createTestGateway({
    ...urlsOf(stack.subgraphs),
    NEWSLETTER_URL: projects.url,
    SUPERGRAPH_PATH: supergraphFile,
    RESPONSE_CACHE_ENABLED: 'true',
    CACHE_MAX_AGE_SECONDS: '30',
    ...settings,
  });
  gateways.push(gateway);
  return gateway.listen(0, '127.0.0.1');
}

/** Sends a query twice; tells the headers of both answers and how many reached the `projects` subgraph. */
async function twice(url: string, query: string, headers: Record<string, string> = {}) {
  const before = projectRequests;
  const first = await gql(url, query, {}, headers);
  expect(first.errors).toBeUndefined();
  const second = await gql(url, query, {}, headers);
  expect(second.data).toEqual(first.data);
  return {
    data: first.data,
    cacheControl: [first.headers.get('cache-control'), second.headers.get('cache-control')],
    vary: first.headers.get('vary'),
    servedFromCache: second.headers.get('age') !== null,
    projectRequests: projectRequests - before,
  };
}

describe('a new subgraph’s hints decide, the gateway holds no list', () => {
  test('its public list is cached for the max-age its hints give (below the gateway’s cap)', async () => {
    const url = await gatewayWith();
    const r = await twice(url, '{ projects(first: 2) { totalCount nodes { name partner { name } } } }');
    expect(r.data.projects.nodes[0].partner.name).toEqual(expect.any(String));
    expect(r.cacheControl).toEqual(['max-age=20, public', 'max-age=20, public']);
    expect(r.servedFromCache).toBe(true);
    expect(r.projectRequests).toBe(1);
  });

  test('CACHE_MAX_AGE_SECONDS caps longer hints', async () => {
    const url = await gatewayWith({ CACHE_MAX_AGE_SECONDS: '5' });
    const r = await twice(url, '{ projects(first: 1) { totalCount } }');
    expect(r.cacheControl).toEqual(['max-age=5, public', 'max-age=5, public']);
    expect(r.servedFromCache).toBe(true);
  });

  test('a query that mixes the public list with a field without a hint is not cached', async () => {
    const url = await gatewayWith();
    const r = await twice(url, '{ projects(first: 1) { totalCount } projectNote }');
    expect(r.cacheControl).toEqual(['no-store', 'no-store']);
    expect(r.servedFromCache).toBe(false);
    expect(r.projectRequests).toBe(2);
  });

  test('a PRIVATE hint: cacheable by the caller’s own cache, never stored for others', async () => {
    const url = await gatewayWith();
    const r = await twice(url, '{ projects(first: 1) { totalCount } myProjectDrafts { name } }');
    expect(r.cacheControl).toEqual(['max-age=20, private', 'max-age=20, private']);
    expect(r.vary).toMatch(/authorization/);
    expect(r.servedFromCache).toBe(false);
    expect(r.projectRequests).toBe(2);
  });

  test('fields it adds to Partner (fetched through _entities) are cached by its hints; an object without a hint is not', async () => {
    const url = await gatewayWith();
    const hinted = await twice(url, '{ partners(first: 2) { nodes { name projects { name } } } }');
    expect(hinted.data.partners.nodes[0].projects).toEqual([{ name: 'Projekt 1' }]);
    expect(hinted.cacheControl).toEqual(['max-age=20, public', 'max-age=20, public']);
    expect(hinted.servedFromCache).toBe(true);
    const unhinted = await twice(url, '{ partners(first: 2) { nodes { name projectSummary { count } } } }');
    expect(unhinted.cacheControl).toEqual(['no-store', 'no-store']);
    expect(unhinted.servedFromCache).toBe(false);
    expect(unhinted.projectRequests).toBe(2);
  });

  test('signed-in callers are never cached, whatever the hints say; API keys per key', async () => {
    const url = await gatewayWith();
    for (const caller of ['coordinator', 'editorA'] as const) {
      const r = await twice(url, '{ projects(first: 2) { totalCount } }', callers.headers[caller]);
      expect(r.cacheControl).toEqual(['no-store', 'no-store']);
      expect(r.servedFromCache).toBe(false);
      expect(r.projectRequests).toBe(2);
    }
    const k = await twice(url, '{ projects(first: 2) { totalCount } }', callers.headers.apiKey);
    expect(k.cacheControl[0]).toMatch(/private/);
    expect(k.servedFromCache).toBe(true);
    expect(k.projectRequests).toBe(1);
  });
});

describe('hints of the MitGeN subgraphs', () => {
  test('seats change fast: Event.seatsLeft keeps an answer for 10 s, the rest of an event for the gateway’s 30 s', async () => {
    const url = await gatewayWith();
    const seats = await gql(url, '{ events(first: 3) { nodes { title seatsLeft sessions { title seatsLeft } } } }');
    expect(seats.errors).toBeUndefined();
    expect(seats.data.events.nodes.length).toBeGreaterThan(0);
    expect(seats.headers.get('cache-control')).toBe('max-age=10, public');
    const titles = await gql(url, '{ events(first: 3) { nodes { title programme { title speakers { name } } organizers { name } } } }');
    expect(titles.errors).toBeUndefined();
    expect(titles.headers.get('cache-control')).toBe('max-age=30, public');
  });

  test('public reads the old gateway list never named (news, contact persons) are cached by their subgraph’s hints', async () => {
    const url = await gatewayWith();
    for (const query of ['{ news(first: 2) { totalCount nodes { title } } }', '{ contactPersons(first: 2) { totalCount nodes { name } } }']) {
      const first = await gql(url, query);
      expect(first.errors).toBeUndefined();
      expect(Object.values(first.data)[0]).toMatchObject({ totalCount: expect.any(Number) });
      expect(first.headers.get('cache-control')).toBe('max-age=30, public');
      expect((await gql(url, query)).headers.get('age')).not.toBeNull();
    }
  });

  test('the benchmark’s pages (directory, event page, search, edition items) stay cacheable', async () => {
    const url = await gatewayWith();
    const dir = path.join(REPO_ROOT, 'bench', 'operations');
    const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const res = await gql(url, readFileSync(path.join(dir, file), 'utf8'));
      expect([file, res.errors]).toEqual([file, undefined]);
      expect([file, res.headers.get('cache-control')]).toEqual([file, expect.stringMatching(/^max-age=(10|30), public$/)]);
    }
  });

  test('each subgraph answers with the Cache-Control its hints give; to a caller with a principal it is private', async () => {
    const partners = stack.subgraphs.partners.url;
    expect((await gql(partners, '{ regions(first: 2) { totalCount } }')).headers.get('cache-control')).toBe('max-age=86400, public');
    expect((await gql(partners, '{ topics(first: 2) { nodes { name partnerCount } } }')).headers.get('cache-control')).toBe('max-age=60, public');
    expect((await gql(partners, '{ me { email } }')).headers.get('cache-control')).toBe('no-store');
    const coordinator = await asPrincipal({ role: 'COORDINATOR', subject: '00000000-0000-4000-8000-00000000cac1' }, 'partners');
    expect((await gql(partners, '{ regions(first: 2) { totalCount } }', {}, coordinator)).headers.get('cache-control')).toBe('max-age=86400, private');
    expect((await gql(partners, '{ accounts(first: 1) { totalCount } }', {}, coordinator)).headers.get('cache-control')).toBe('no-store');
  });
});
