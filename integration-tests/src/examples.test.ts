import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isObjectType, Kind, parse, TypeInfo, validate, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { REPO_ROOT } from '@mitgen/registry';

// The example operations a site developer copies (README, GraphiQL's examples panel) are valid and
// select `id` on every entity, so that a normalising client cache keeps one copy of each record.

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

function schema(): GraphQLSchema {
  return buildSchema(read('gateway/supergraph.graphql'), { assumeValidSDL: true });
}

/** The operations in the README: ```graphql blocks and the `"query"` of curl examples. */
function readmeOperations(): string[] {
  const readme = read('README.md');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  const curls = [...readme.matchAll(/"query":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  return [...blocks, ...curls];
}

/** The operations of GraphiQL's examples panel (template literals after `query:`). */
function graphiqlOperations(): string[] {
  return [...read('gateway/src/graphiql-examples.ts').matchAll(/query: `([\s\S]*?)`/g)].map((m) => m[1]);
}

/** Selections of a type with an `id` field that leave it out, as `Type in "…"`. */
function withoutId(s: GraphQLSchema, operation: string): string[] {
  const typeInfo = new TypeInfo(s);
  const missing: string[] = [];
  visit(
    parse(operation),
    visitWithTypeInfo(typeInfo, {
      [Kind.SELECTION_SET](node) {
        const type = typeInfo.getType() ? getNamedType(typeInfo.getType()!) : typeInfo.getParentType();
        if (!isObjectType(type) || !type.getFields().id) return;
        const selected = node.selections.some((sel) => sel.kind === Kind.FIELD && sel.name.value === 'id' && !sel.alias);
        if (!selected) missing.push(`${type.name} in ${operation.replace(/\s+/g, ' ').slice(0, 80)}`);
      },
    }),
  );
  return missing;
}

test.each([
  ['README', readmeOperations],
  ['GraphiQL examples', graphiqlOperations],
])('the %s operations are valid and select id on every entity', (_name, operations) => {
  const s = schema();
  const all = operations();
  expect(all.length).toBeGreaterThan(1);
  for (const op of all) expect([op, validate(s, parse(op)).map((e) => e.message)]).toEqual([op, []]);
  expect(all.flatMap((op) => withoutId(s, op))).toEqual([]);
});
