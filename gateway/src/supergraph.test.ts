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

  test('every entity type has id: ID! (other keys stay), so that standard clients can normalise it', () => {
    const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const api = buildSchema(sdl, { assumeValidSDL: true });
    // DataSubject is keyed by the person's e-mail address: a look-up, not a stored record.
    const lookups = new Set(['DataSubject']);
    const entities = [...sdl.matchAll(/^type (\w+)\n\s+@join__type\(graph: \w+, key: /gm)].map((m) => m[1]).filter((t) => !lookups.has(t));
    expect(entities).toEqual(expect.arrayContaining(['Partner', 'Topic', 'Region', 'Event', 'Resource', 'ContactPerson']));
    const without = entities.filter((name) => {
      const type = api.getType(name);
      return !isObjectType(type) || String(type.getFields().id?.type) !== 'ID!';
    });
    expect(without).toEqual([]);
  });

  test('version is Int! wherever it is read or sent back (output types and Update inputs alike)', () => {
    const api = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'), { assumeValidSDL: true });
    const versions: Record<string, string> = {};
    for (const type of Object.values(api.getTypeMap())) {
      if (!(isObjectType(type) || isInputObjectType(type)) || type.name.startsWith('__')) continue;
      const field = type.getFields().version;
      // ConsentText.version names a text version (a string), not a row version.
      if (field && type.name !== 'ConsentText') versions[type.name] = String(field.type);
    }
    expect(Object.keys(versions).filter((t) => t.startsWith('Update')).length).toBeGreaterThanOrEqual(7);
    expect(Object.entries(versions).filter(([, t]) => t !== 'Int!')).toEqual([]);
  });
});
