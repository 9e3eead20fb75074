import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { gql, gqlOk } from '@mitgen/test-kit';
import { coordinatorToken } from './test/principals';
import { nestedRoutes } from './test/schema-walk';
import { startStack, type TestStack } from './test/stack';

// Whatever a client sends, a mistake in the input is the client's: BAD_USER_INPUT (or a more
// specific code), never INTERNAL_SERVER_ERROR — at the root and at every nesting level. The
// operations are made from the schema itself, so a new field or argument is covered by itself.

let stack: TestStack;
let schema: GraphQLSchema;
let coordinator: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
  schema = buildClientSchema(await gqlOk(stack.url, getIntrospectionQuery()));
});
afterAll(() => stack?.stop());

test('explicit null for an argument with a default is BAD_USER_INPUT naming the argument (issue example)', async () => {
  const res = await gql(stack.url, 'query ($n: Int) { events(first: $n) { nodes { title } } }', { n: null });
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.errors![0].message).toMatch(/first/);
  expect(res.errors![0].message).toMatch(/null/);
  expect(res.errors![0].message).not.toBe('Internal server error');
});

test('explicit null in a nested list argument is BAD_USER_INPUT too', async () => {
  const res = await gql(stack.url, 'query ($n: Int) { partners(first: 2) { nodes { name events(first: $n) { totalCount } } } }', { n: null });
  expect(res.errors?.length).toBeGreaterThan(0);
  expect(res.errors!.map((e) => e.extensions?.code)).toEqual(res.errors!.map(() => 'BAD_USER_INPUT'));
  expect(res.errors![0].message).toMatch(/first/);
});

/** Odd values of each kind a client can send (the n-th variant picks the n-th value). */
const ODD: Record<string, unknown[]> = {
  ID: ['not-an-id', '', '00000000-0000-0000-0000-000000000000', 'x'.repeat(300), 'a\u0000b'],
  String: ['', 'x'.repeat(5000), ' @ ', 'ä\u0000ö', '%_\\'],
  Int: [-1, 2147483647, 0, -2147483648, 1],
  Float: [-1, 1e300, 0, -1e300, 0.5],
  Boolean: [true, false, true, false, true],
};
const VARIANTS = ODD.ID.length;
const oddScalar = (name: string, variant: number): unknown => (ODD[name] ?? ['not-a-value', '', '2026-13-45T99:00:00Z', '-1', '\u0000'])[variant];

function oddValue(type: GraphQLInputType, variant: number, depth = 0): unknown {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return [oddValue(t.ofType, variant, depth)];
  if (isEnumType(t)) return t.getValues()[variant % t.getValues().length].name;
  if (isScalarType(t)) return oddScalar(t.name, variant);
  if (isInputObjectType(t)) {
    if (depth > 3) return {};
    return Object.fromEntries(Object.values(t.getFields()).map((f) => [f.name, oddValue(f.type, variant, depth + 1)]));
  }
  return null;
}

const typeName = (t: GraphQLInputType): string => t.toString();

interface Probe {
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

/** `{ __typename }` or nothing, so that any field can be selected. */
const leaf = (f: GraphQLField<unknown, unknown>) => (isCompositeType(getNamedType(f.type)) ? ' { __typename }' : '');

/** Operations that call `field` (below `path`, a selection prefix/suffix) with odd values and explicit nulls. */
function probes(operation: 'query' | 'mutation', label: string, wrap: (inner: string) => string, field: GraphQLField<unknown, unknown>, prefix: string): Probe[] {
  if (!field.args.length) return [];
  const vars = (args: readonly GraphQLArgument[], nullable: (a: GraphQLArgument) => boolean) =>
    args.map((a) => `$${prefix}${a.name}: ${nullable(a) ? typeName(getNullableType(a.type) as GraphQLInputType) : typeName(a.type)}`).join(', ');
  const call = `${field.name}(${field.args.map((a) => `${a.name}: $${prefix}${a.name}`).join(', ')})${leaf(field)}`;
  const out: Probe[] = [];
  for (let v = 0; v < VARIANTS; v++) {
    out.push({
      label: `${label} (odd values #${v})`,
      query: `${operation} (${vars(field.args, () => false)}) ${wrap(call)}`,
      variables: Object.fromEntries(field.args.map((a) => [`${prefix}${a.name}`, oddValue(a.type, v)])),
    });
  }
  // Explicit null for every argument that may be left out (nullable, or non-null with a default).
  const omissible = field.args.filter((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);
  if (omissible.length) {
    out.push({
      label: `${label} (explicit nulls)`,
      query: `${operation} (${vars(field.args, (a) => omissible.includes(a))}) ${wrap(call)}`,
      variables: Object.fromEntries(field.args.map((a) => [`${prefix}${a.name}`, omissible.includes(a) ? null : oddValue(a.type, 0)])),
    });
  }
  return out;
}

function allProbes(): Probe[] {
  const out: Probe[] = [];
  for (const [operation, root] of [
    ['query', schema.getQueryType()!],
    ['mutation', schema.getMutationType()!],
  ] as const) {
    for (const f of Object.values(root.getFields())) out.push(...probes(operation, `${root.name}.${f.name}`, (i) => `{ ${i} }`, f, ''));
  }
  for (const [name, wrap] of nestedRoutes(schema)) {
    const type = schema.getType(name) as GraphQLObjectType;
    for (const f of Object.values(type.getFields())) out.push(...probes('query', `${name}.${f.name} (nested)`, wrap, f, 'n_'));
  }
  return out;
}

test('no argument value of any field, root or nested, query or mutation, comes back as INTERNAL_SERVER_ERROR', async () => {
  const all = allProbes();
  // Every field with arguments is probed, nested ones included.
  expect(all.some((p) => p.label.startsWith('Partner.events (nested)'))).toBe(true);
  expect(all.some((p) => p.label.startsWith('Mutation.registerForEvent'))).toBe(true);
  const internal: string[] = [];
  for (const headers of [{}, coordinator]) {
    for (const p of all) {
      const res = await gql(stack.url, p.query, p.variables, headers);
      for (const e of res.errors ?? []) {
        if (e.extensions?.code === 'INTERNAL_SERVER_ERROR' || !e.extensions?.code) internal.push(`${p.label} as ${Object.keys(headers).length ? 'coordinator' : 'anonymous'}: ${e.message} ${JSON.stringify(p.variables).slice(0, 200)}`);
      }
      if (res.status >= 500) internal.push(`${p.label}: HTTP ${res.status}`);
    }
  }
  expect(internal).toEqual([]);
});
