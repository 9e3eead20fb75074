import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isObjectType, isInputObjectType, isEnumType, isInterfaceType } from 'graphql';
import { composeFromCommittedSchemas, composeSupergraph, REPO_ROOT, SUPERGRAPH_FILE } from './compose';
import { loadRegistry } from '@mitgen/registry';

describe('static supergraph', () => {
  test('the registry composes with the federation version the gateway uses', () => {
    const { version } = JSON.parse(readFileSync(require.resolve('@apollo/composition/package.json'), 'utf8'));
    expect(loadRegistry(path.join(REPO_ROOT, 'supergraph.yaml')).federationVersion).toBe(`=${version}`);
  });

  test('the committed supergraph equals the composition of the committed subgraph schemas', () => {
    expect(composeFromCommittedSchemas()).toBe(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  });

  test('composition errors fail loudly', () => {
    const bad = 'type Query { partner: Partner } type Partner @key(fields: "id") { id: ID! name: String }';
    const clash = 'type Query { other: Partner } type Partner @key(fields: "id") { id: ID! name: Int }';
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\n';
    expect(() =>
      composeSupergraph([
        { name: 'a', url: 'http://a', sdl: link + bad },
        { name: 'b', url: 'http://b', sdl: link + clash },
      ]),
    ).toThrow(/composition failed/);
  });

  test('every public type, field, argument and enum value has a description', () => {
    const api = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'), { assumeValidSDL: true });
    const missing: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (type.name.startsWith('__') || type.name.startsWith('link__') || type.name.startsWith('join__')) continue;
      if (['String', 'Int', 'Float', 'Boolean', 'ID', 'Query', 'Mutation', 'link__Import', 'join__FieldSet'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    for (const root of [api.getQueryType(), api.getMutationType()]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        if (!field.description) missing.push(`${root!.name}.${field.name}`);
        for (const arg of field.args) if (!arg.description) missing.push(`${root!.name}.${field.name}(${arg.name})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
