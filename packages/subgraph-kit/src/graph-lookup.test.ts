import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql, parse, visit, Kind } from 'graphql';
import pino from 'pino';
import { GraphClient, GraphUnavailableError } from './graph-client';
import { GRAPH_LOOKUP_CHUNK, graphReferenceLookup, lookUpThroughGraph } from './graph-lookup';

// A real GraphQL endpoint (graphql-js over HTTP) stands in for the gateway.
const schema = buildSchema('type Query { partner(id: ID!): Partner topic(slug: String!): Topic } type Partner { id: ID! name: String! } type Topic { slug: String! }');
const partners: Record<string, { id: string; name: string }> = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, { id: `p${i}`, name: `Partner ${i}` }]));
const root = { partner: ({ id }: { id: string }) => partners[id] ?? null, topic: ({ slug }: { slug: string }) => (slug.startsWith('gone') ? null : { slug }) };
const aliasesPerRequest: number[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const { query, variables } = JSON.parse(body);
      let aliases = 0;
      visit(parse(query), { [Kind.FIELD]: (node) => void (node.alias && aliases++) });
      aliasesPerRequest.push(aliases);
      const result = await graphql({ schema, source: query, variableValues: variables, rootValue: root });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(result));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((r) => server.close(r)));

const client = (at = url) => new GraphClient({ service: 'test', url: at, timeoutMs: 2000, clock: { now: () => new Date() }, log: pino({ level: 'silent' }) });
const FIELDS = {
  partners: { type: 'ID!', field: (v: string) => `partner(id: $${v}) { id name }` },
  topics: { type: 'String!', field: (v: string) => `topic(slug: $${v}) { slug }` },
};

test('answers every item in order, null where the graph shows none, at most a dozen aliases per request', async () => {
  aliasesPerRequest.length = 0;
  const items = [
    ...Array.from({ length: 20 }, (_, i) => ({ kind: 'partners' as const, key: `p${i}` })),
    { kind: 'partners' as const, key: 'unknown' },
    { kind: 'topics' as const, key: 'gewaltschutz' },
    { kind: 'topics' as const, key: 'gone-topic' },
  ];
  const answers = await lookUpThroughGraph(client(), 'Refs', FIELDS, items);
  expect(answers).toHaveLength(items.length);
  expect(answers.slice(0, 20)).toEqual(Object.values(partners));
  expect(answers.slice(20)).toEqual([null, { slug: 'gewaltschutz' }, null]);
  expect(aliasesPerRequest.reduce((a, b) => a + b, 0)).toBe(items.length);
  expect(Math.max(...aliasesPerRequest)).toBeLessThanOrEqual(GRAPH_LOOKUP_CHUNK);
  expect(aliasesPerRequest).toHaveLength(Math.ceil(items.length / GRAPH_LOOKUP_CHUNK));
});

test('nothing to look up asks nothing; an unreachable graph is GraphUnavailableError', async () => {
  aliasesPerRequest.length = 0;
  expect(await lookUpThroughGraph(client(), 'Refs', FIELDS, [])).toEqual([]);
  expect(aliasesPerRequest).toEqual([]);
  await expect(lookUpThroughGraph(client('http://127.0.0.1:1/graphql'), 'Refs', FIELDS, [{ kind: 'topics', key: 'x' }])).rejects.toBeInstanceOf(GraphUnavailableError);
});

test('graphReferenceLookup: answers per kind and key, asks each key once, remembers found records of the kinds told to', async () => {
  aliasesPerRequest.length = 0;
  const lookup = graphReferenceLookup<{ partners: { id: string; name: string }; topics: { slug: string } }>(client(), {
    operationName: 'Refs',
    fields: FIELDS,
    rememberFound: { topics: 60_000 },
  });
  const first = await lookup.lookUp({ partners: ['p1', 'p1', 'unknown'], topics: ['gewaltschutz', 'gone-topic'] });
  expect([...first.partners]).toEqual([['p1', partners.p1], ['unknown', null]]);
  expect([...first.topics]).toEqual([['gewaltschutz', { slug: 'gewaltschutz' }], ['gone-topic', null]]);
  expect(aliasesPerRequest).toEqual([4]);
  // The found topic is remembered; partners and the topic not found are asked again.
  const second = await lookup.lookUp({ partners: ['p1'], topics: ['gewaltschutz', 'gone-topic'] });
  expect(second.topics.get('gewaltschutz')).toEqual({ slug: 'gewaltschutz' });
  expect(aliasesPerRequest).toEqual([4, 2]);
  // Only remembered keys: no request at all.
  await lookup.lookUp({ topics: ['gewaltschutz'] });
  expect(aliasesPerRequest).toEqual([4, 2]);
});
