import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@mitgen/registry';
import { gql, gqlOk } from '@mitgen/test-kit';
import { coordinatorToken } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// An alias may carry the name of an entity key (`id: slug`) while the query planner fetches that
// key for another subgraph: the answer must hold the aliased field, never the key (the gateway
// renames such aliases for planning, gateway/src/aliases.ts). One case per key of the supergraph.

let stack: TestStack;
let coordinator: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
});
afterAll(() => stack?.stop());

/** Every object at `path` below `value` (arrays flattened, nulls left out). */
function at(value: unknown, keys: string[]): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap((v) => at(v, keys));
  if (!value || typeof value !== 'object') return [];
  if (!keys.length) return [value as Record<string, unknown>];
  return at((value as Record<string, unknown>)[keys[0]], keys.slice(1));
}

interface Case {
  /** `Type.key` */
  key: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Where the objects with the alias are. */
  path: string[];
  /** The alias (the key's name) and the field whose value it must hold. */
  alias: string;
  field: string;
}

const CASES: Case[] = [
  {
    key: 'Partner.id',
    // The example: Partner.events is fetched from the events subgraph by Partner.id.
    query: '{ partners(first: 2) { nodes { id: slug slug name events(first: 5) { totalCount } } } }',
    path: ['partners', 'nodes'],
    alias: 'id',
    field: 'slug',
  },
  {
    key: 'Topic.slug',
    query: '{ topics(first: 3) { nodes { slug: name name resources(first: 1) { totalCount } upcomingEvents(first: 1) { totalCount } } } }',
    path: ['topics', 'nodes'],
    alias: 'slug',
    field: 'name',
  },
  {
    key: 'Region.code',
    query: '{ resources(first: 30) { nodes { regions { code: name name } } } }',
    path: ['resources', 'nodes', 'regions'],
    alias: 'code',
    field: 'name',
  },
  {
    key: 'Event.id',
    query: '{ newsletterSuggestions(first: 5, since: "2000-01-01T00:00:00Z") { topics { events { id: slug slug title } } } }',
    path: ['newsletterSuggestions', 'topics', 'events'],
    alias: 'id',
    field: 'slug',
  },
  {
    key: 'Resource.id',
    query: '{ events(first: 50) { nodes { documentation { id: title title } } } }',
    path: ['events', 'nodes', 'documentation'],
    alias: 'id',
    field: 'title',
  },
  {
    key: 'ContactPerson.id',
    query: '{ resources(first: 50) { nodes { contacts { id: name name } } } }',
    path: ['resources', 'nodes', 'contacts'],
    alias: 'id',
    field: 'name',
  },
  {
    key: 'Cooperation.id',
    query: '{ partners(first: 50) { nodes { cooperations(first: 5) { nodes { id: description description partners { name events(first: 1) { totalCount } } } } } } }',
    path: ['partners', 'nodes', 'cooperations', 'nodes'],
    alias: 'id',
    field: 'description',
  },
  {
    key: 'DataSubject.email',
    query: 'query ($e: String!) { dataSubject(email: $e) { email: __typename registrations(first: 1) { totalCount } account { id } newsletterSubscription { id } contactPersons(first: 1) { totalCount } } }',
    variables: { e: 'k.vogel@frauenberatung-os.example' },
    path: ['dataSubject'],
    alias: 'email',
    field: '__typename',
  },
];

/** `Type.key` of every entity key in the committed supergraph. */
function supergraphKeys(): string[] {
  const sdl = readFileSync(path.join(REPO_ROOT, 'gateway/supergraph.graphql'), 'utf8');
  const keys = new Set<string>();
  for (const block of sdl.matchAll(/^type (\w+)\n((?:\s+@join__\w+\(.*\)\n)+)/gm)) {
    for (const k of block[2].matchAll(/@join__type\([^)]*key: "([^"]+)"/g)) keys.add(`${block[1]}.${k[1]}`);
  }
  return [...keys].sort();
}

test('there is a case for every entity key of the supergraph', () => {
  expect(CASES.map((c) => c.key).sort()).toEqual(supergraphKeys());
});

test.each(CASES.map((c) => [c.key, c]))('an alias named like the key %s holds the aliased field', async (_key, c) => {
  const res = await gql(stack.url, c.query, c.variables, coordinator);
  expect(res.errors).toBeUndefined();
  const objects = at(res.data, c.path);
  // The case reaches real data, and in each object the alias holds the field's value.
  expect(objects.length).toBeGreaterThan(0);
  expect(objects.map((o) => o[c.alias])).toEqual(objects.map((o) => (c.field === '__typename' ? c.key.split('.')[0] : o[c.field])));
});

test('the planner still gets its keys: the aliased answer matches the plain one', async () => {
  const plain = await gqlOk(stack.url, '{ partners(first: 2) { nodes { slug events(first: 5) { totalCount nodes { title } } } } }');
  const aliased = await gqlOk(stack.url, '{ partners(first: 2) { nodes { id: slug events(first: 5) { totalCount nodes { id: title } } } } }');
  expect(aliased.partners.nodes).toEqual(
    plain.partners.nodes.map((p: any) => ({ id: p.slug, events: { totalCount: p.events.totalCount, nodes: p.events.nodes.map((e: any) => ({ id: e.title })) } })),
  );
});

test('aliases in fragments, with the internal prefix and in error paths come back as the client wrote them', async () => {
  const data = await gqlOk(
    stack.url,
    '{ partners(first: 1) { nodes { ...P mitgenAlias__x: name } } } fragment P on Partner { id: slug slug: name events(first: 1) { totalCount } }',
  );
  const [p] = data.partners.nodes;
  expect(Object.keys(p)).toEqual(['id', 'slug', 'events', 'mitgenAlias__x']);
  expect(p.mitgenAlias__x).toBe(p.slug);
  const res = await gql(stack.url, 'query ($n: Int) { partners(first: 1) { nodes { id: slug events(first: $n) { totalCount } } } }', { n: null });
  expect(res.errors?.[0].path).toEqual(['partners', 'nodes', 0, 'events']);
});
