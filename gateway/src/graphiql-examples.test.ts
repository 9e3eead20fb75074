import { getVariableValues } from 'graphql/execution/values';
import { parse, validate, type OperationDefinitionNode } from 'graphql';
import { apiSchema } from './compose';
import { EXAMPLE_GROUPS, EXAMPLES } from './graphiql-examples';

// The browser test (integration-tests/src/graphiql.e2e.test.ts) runs every example against the
// demo data; here each is checked against the committed supergraph.

const schema = apiSchema();

test('every example and every query that prepares one is valid against the supergraph', () => {
  for (const x of EXAMPLES) {
    for (const query of [x.query, x.prepare?.query].filter((q): q is string => !!q)) {
      expect([x.title, validate(schema, parse(query)).map((e) => e.message)]).toEqual([x.title, []]);
    }
  }
});

test("examples with fixed variables give every variable the operation needs, of the right type", () => {
  for (const x of EXAMPLES.filter((e) => !e.prepare)) {
    const op = parse(x.query).definitions[0] as OperationDefinitionNode;
    const { errors } = getVariableValues(schema, op.variableDefinitions ?? [], x.variables ?? {});
    expect([x.title, (errors ?? []).map((e) => e.message)]).toEqual([x.title, []]);
  }
});

test('no example signs in (so none can lock an account), and each sits in a group', () => {
  for (const x of EXAMPLES) {
    const op = parse(x.query).definitions[0] as OperationDefinitionNode;
    const fields = op.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : ''));
    expect([x.title, fields]).not.toEqual([x.title, expect.arrayContaining(['login'])]);
    expect(JSON.stringify(x.variables ?? {})).not.toMatch(/password/i);
    expect(EXAMPLE_GROUPS.map((g) => g.role)).toContain(x.role);
  }
  expect(new Set(EXAMPLES.map((x) => x.title)).size).toBe(EXAMPLES.length);
});

test("the coordinator's tasks are there", () => {
  const coordinator = EXAMPLES.filter((x) => x.role === 'coordinator').map((x) => x.query);
  const runs = (field: string) => coordinator.some((q) => new RegExp(`\\b${field}\\s*[({]`).test(q));
  for (const field of [
    'createPartner',
    'publishPartner',
    'createContactPerson',
    'createResource',
    'publishResource',
    'createEvent',
    'publishEvent',
    'registrations',
    'attendeeListDownload',
    'createNewsletterEdition',
    'sendNewsletterEdition',
    'createApiKey',
    'dataSubject',
    'eraseDataSubject',
  ]) {
    expect([field, runs(field)]).toEqual([field, true]);
  }
});
