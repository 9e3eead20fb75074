import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isCompositeType,
  isScalarType,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { asPrincipal, captureLogs, gqlOk } from '@mitgen/test-kit';
import { coordinatorToken } from './test/principals';
import { SUBGRAPHS } from './test/services';
import { startStack, type TestStack } from './test/stack';

// Every mutation of the supergraph, found by introspection (not listed by hand), gets the three kinds
// of input no field accepts: a NUL character, a lone UTF-16 surrogate, and nesting deep enough to
// overflow a parser (variables 10,000 deep, a list literal 2,000 deep). Each is the client's error —
// BAD_USER_INPUT naming what is wrong — at the gateway and at the subgraph reached directly; nothing
// is stored and no process writes an error-level log line.

const logs = captureLogs();
let stack: TestStack;
let schema: GraphQLSchema;
let coordinator: Record<string, string>;
/** The subgraph that owns each mutation (from its own SDL). */
const owner = new Map<string, string>();

beforeAll(async () => {
  stack = await startStack({}, { logOf: (service) => logs.logger(service, 'warn') });
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
  schema = buildClientSchema(await gqlOk(stack.url, getIntrospectionQuery()));
  for (const s of SUBGRAPHS) {
    for (const def of parse(stack.subgraphs[s.name].sdl).definitions) {
      if ((def.kind === 'ObjectTypeDefinition' || def.kind === 'ObjectTypeExtension') && def.name.value === 'Mutation') {
        for (const f of (def as ObjectTypeDefinitionNode).fields ?? []) owner.set(f.name.value, s.name);
      }
    }
  }
});
afterAll(() => stack?.stop());

const NUL = 'a\u0000b@example.org';
const SURROGATE = 'x\ud800y';

/** A value of `type` that is otherwise plausible, with `bad` in every text field (or every id when the input has no text). */
function sample(type: GraphQLInputType, bad: string, textTypes: Set<string>): unknown {
  if (isNonNullType(type)) return sample(type.ofType, bad, textTypes);
  if (isListType(type)) return [sample(type.ofType, bad, textTypes)];
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      const named = getNamedType(f.type).name;
      if (isNonNullType(f.type) || textTypes.has(named)) out[f.name] = sample(f.type, bad, textTypes);
    }
    return out;
  }
  if (isEnumType(type)) return type.getValues()[0].value;
  if (textTypes.has(type.name)) return bad;
  switch (type.name) {
    case 'ID':
      return '00000000-0000-4000-8000-000000000001';
    case 'String':
      return 'text';
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return '2031-01-01T10:00:00.000Z';
    default:
      return isScalarType(type) ? 'text' : null;
  }
}

/** Whether any leaf of the arguments is of one of these scalar types. */
function hasLeaf(args: readonly GraphQLArgument[], names: Set<string>): boolean {
  const seen = new Set<string>();
  const visit = (t: GraphQLInputType): boolean => {
    const n = getNamedType(t);
    if (names.has(n.name)) return true;
    if (!isInputObjectType(n) || seen.has(n.name)) return false;
    seen.add(n.name);
    return Object.values(n.getFields()).some((f) => visit(f.type));
  };
  return args.some((a) => visit(a.type));
}

const selectionOf = (f: GraphQLField<unknown, unknown>) => (isCompositeType(getNamedType(f.type)) ? ' { __typename }' : '');

/** The mutation with every argument as a variable; variables carry `bad` in their text (or ids). */
function withBadText(f: GraphQLField<unknown, unknown>, bad: string): { query: string; variables: Record<string, unknown> } {
  const textTypes = new Set(hasLeaf(f.args, new Set(['String'])) ? ['String'] : ['ID']);
  const defs = f.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = f.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const variables = Object.fromEntries(f.args.map((a) => [a.name, sample(a.type, bad, textTypes)]));
  return { query: `mutation${defs ? `(${defs})` : ''} { ${f.name}${args ? `(${args})` : ''}${selectionOf(f)} }`, variables };
}

/** The mutation's first argument as a variable whose value is a list nested `depth` deep (JSON written by hand: no recursion). */
function deepVariables(f: GraphQLField<unknown, unknown>, depth: number): string {
  const a = f.args[0];
  const query = `mutation($v: ${a.type.toString()}) { ${f.name}(${a.name}: $v)${selectionOf(f)} }`;
  return `{"query":${JSON.stringify(query)},"variables":{"v":${'['.repeat(depth)}"2031-01-01T10:00:00.000Z"${']'.repeat(depth)}}}`;
}

/** The mutation's first argument as a list literal nested `depth` deep in the operation text. */
function deepLiteral(f: GraphQLField<unknown, unknown>, depth: number): string {
  const query = `mutation { ${f.name}(${f.args[0].name}: ${'['.repeat(depth)}"x"${']'.repeat(depth)})${selectionOf(f)} }`;
  return JSON.stringify({ query });
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let json: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data?: unknown } | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, errors: json?.errors, data: json?.data, text };
}

/** Rows per table of every subgraph's database: "nothing stored" means these do not change. */
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const s of SUBGRAPHS) {
    const { ds } = stack.subgraphs[s.name];
    const tables: Array<{ t: string }> = await ds.query(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    for (const { t } of tables) counts[`${s.name}.${t}`] = (await ds.query(`SELECT count(*)::int AS n FROM "${t}"`))[0].n;
  }
  return counts;
}

const KINDS = [
  { kind: 'NUL character', message: /NUL character \(U\+0000\)/, body: (f: GraphQLField<unknown, unknown>) => JSON.stringify(withBadText(f, NUL)) },
  { kind: 'lone surrogate', message: /lone UTF-16 surrogate/, body: (f: GraphQLField<unknown, unknown>) => JSON.stringify(withBadText(f, SURROGATE)) },
  { kind: 'variables nested 10,000 deep', message: /nested more than 64 levels deep/, body: (f: GraphQLField<unknown, unknown>) => deepVariables(f, 10_000) },
  { kind: 'list literal nested 2,000 deep', message: /nested more than 64 levels deep/, body: (f: GraphQLField<unknown, unknown>) => deepLiteral(f, 2_000) },
];

test('every mutation refuses NUL characters, lone surrogates and deep nesting as BAD_USER_INPUT, at the gateway and at its subgraph; nothing stored, no error logged', async () => {
  const mutations = Object.values(schema.getMutationType()!.getFields()).filter((f) => f.args.length > 0);
  expect(mutations.length).toBeGreaterThanOrEqual(45);
  const before = await rowCounts();
  const answers: Array<{ mutation: string; kind: string; via: string; status: number; code: unknown; message: string }> = [];
  for (const f of mutations) {
    const service = owner.get(f.name)!;
    expect({ mutation: f.name, service }).toEqual({ mutation: f.name, service: expect.any(String) });
    const direct = { url: stack.subgraphs[service].url, headers: await asPrincipal({ role: 'COORDINATOR', subject: '00000000-0000-4000-8000-0000000000c0' }, service) };
    for (const k of KINDS) {
      const body = k.body(f);
      for (const [via, target] of [
        ['gateway', { url: stack.url, headers: coordinator }],
        [service, direct],
      ] as const) {
        const res = await post(target.url, body, target.headers);
        answers.push({ mutation: f.name, kind: k.kind, via, status: res.status, code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message ?? res.text.slice(0, 200) });
      }
    }
  }
  const expected = answers.map((a) => ({ ...a, status: 400, code: 'BAD_USER_INPUT', message: expect.stringMatching(KINDS.find((k) => k.kind === a.kind)!.message) }));
  expect(answers).toEqual(expected);
  expect(await rowCounts()).toEqual(before);
  expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
});

test('the refusal names where the bad text is, and the same text without it is stored as given', async () => {
  const res = await post(
    stack.url,
    JSON.stringify({ query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: NUL, p: 'x' } }),
    {},
  );
  expect(res.errors).toEqual([
    { message: 'Invalid input: variables.e contains a NUL character (U+0000), which text may not contain', extensions: { code: 'BAD_USER_INPUT', field: 'e', problem: 'NUL_CHARACTER' } },
  ]);
  // A real pair of surrogates is a character like any other (here U+1F600).
  const { createApiKey } = await gqlOk(
    stack.url,
    'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { name } } }',
    { i: { partnerId: (await gqlOk(stack.url, '{ partners(first: 1) { nodes { id } } }')).partners.nodes[0].id, name: 'Website \ud83d\ude00' } },
    coordinator,
  );
  expect(createApiKey.apiKey.name).toBe('Website \u{1F600}');
});
