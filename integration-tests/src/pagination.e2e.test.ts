import { buildClientSchema, getIntrospectionQuery, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { gqlOk } from '@mitgen/test-kit';
import { coordinatorToken } from './test/principals';
import { isConnection, nestedRoutes } from './test/schema-walk';
import { startStack, type TestStack } from './test/stack';

// Every connection of the graph, top-level and nested, pages the same way (the kit's pagination):
// here `first: 0`, which answers no items but still says whether items follow.

let stack: TestStack;
let schema: GraphQLSchema;
let coordinator: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
  schema = buildClientSchema(await gqlOk(stack.url, getIntrospectionQuery()));
});
afterAll(() => stack?.stop());

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  nodes: unknown[];
}

/** Every connection object anywhere in an answer. */
function pagesIn(value: unknown): Page[] {
  if (Array.isArray(value)) return value.flatMap(pagesIn);
  if (!value || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  if ('totalCount' in v && 'pageInfo' in v) return [v as unknown as Page];
  return Object.values(v).flatMap(pagesIn);
}

test('resources(first: 0) says that items follow (issue example)', async () => {
  const { resources } = await gqlOk(stack.url, '{ resources(first: 0) { totalCount pageInfo { hasNextPage } nodes { id } } }');
  expect(resources.totalCount).toBeGreaterThan(0);
  expect(resources).toEqual({ totalCount: resources.totalCount, pageInfo: { hasNextPage: true }, nodes: [] });
  const page = await gqlOk(stack.url, '{ resources(first: 1) { pageInfo { endCursor } } }');
  const after = await gqlOk(stack.url, 'query ($a: String) { resources(first: 0, after: $a) { pageInfo { hasNextPage hasPreviousPage } nodes { id } } }', {
    a: page.resources.pageInfo.endCursor,
  });
  expect(after.resources).toEqual({ pageInfo: { hasNextPage: resources.totalCount > 1, hasPreviousPage: true }, nodes: [] });
});

test('first: 0 on every connection, top-level and nested: no items, hasNextPage exactly when there are any', async () => {
  const routes = new Map([['Query', (i: string) => `{ ${i} }`], ...nestedRoutes(schema)]);
  const checked: string[] = [];
  const withItems: string[] = [];
  for (const [typeName, wrap] of routes) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const f of Object.values(type.getFields())) {
      if (!isConnection(f) || f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
      const label = `${typeName}.${f.name}`;
      const data = await gqlOk(stack.url, `query ${wrap(`${f.name}(first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { __typename } }`)}`, {}, coordinator);
      const pages = pagesIn(data);
      expect([label, pages.length > 0]).toEqual([label, true]);
      for (const p of pages) {
        expect([label, p]).toEqual([label, { totalCount: p.totalCount, pageInfo: { hasNextPage: p.totalCount > 0, hasPreviousPage: false, endCursor: null }, nodes: [] }]);
        if (p.totalCount > 0 && !withItems.includes(label)) withItems.push(label);
      }
      checked.push(label);
    }
  }
  // The demo data fills the main lists, top-level and nested, so the rule is tested where it matters.
  expect(withItems).toEqual(expect.arrayContaining(['Query.resources', 'Query.partners', 'Query.events', 'Query.topics', 'Query.regions', 'Partner.resources', 'Partner.events', 'Topic.resources']));
  expect(checked.length).toBeGreaterThan(20);
});
