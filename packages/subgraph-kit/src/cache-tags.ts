import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { CACHE_TAGS_EXTENSION, CACHE_TAGS_HEADER } from './context';

// Entity tags of answers, for the gateway's response cache (docs/gateway.md, "Response cache").
// The gateway asks for them with a header; the subgraph then names in `extensions.cacheTags`:
//
// - of a query: what its answer contains — `Partner:<id>` for every entity object (its `id` and
//   single-field keys, e.g. `Topic:<slug>`), `Partner` for every entity type present, and `Partner[]`
//   where the answer depends on which entities exist (a root field or a field with arguments that
//   lists a type, or a lookup that found nothing) or on aggregates (`dependOnCacheTag`);
// - of a mutation: what it changed — the entities it returns (not those nested in another entity),
//   with `Partner[]`; `Partner` and `Partner[]` for tables of entity types it wrote without returning
//   one of them (deletes); and what its resolvers name with `touchCacheTag`.
//
// A gateway that stored an answer drops it when a mutation changes one of its tags.


/** Types whose keys are personal data (an e-mail address) never become tags; nor are their answers public. */
const UNTAGGED_TYPES = new Set(['DataSubject']);

/** The tags of one request, collected while it runs. */
export class CacheTagCollector {
  readonly tags = new Set<string>();
  /** Entity types whose tables the request wrote (INSERT, UPDATE, DELETE). */
  readonly written = new Set<string>();
  readonly seen = new WeakSet<object>();
}

const scope = new AsyncLocalStorage<CacheTagCollector>();

/**
 * Express middleware: when the gateway asked for tags, the rest of the request (resolvers, SQL)
 * runs with a collector. Body parsers call on outside a scope opened before them: mount it after.
 */
export function cacheTagScope() {
  return (req: { headers: Record<string, string | string[] | undefined> }, _res: unknown, next: () => void): void => {
    if (req.headers[CACHE_TAGS_HEADER] === '1') scope.run(new CacheTagCollector(), next);
    else next();
  };
}

/**
 * A mutation changed `type` with key `key` (or, without a key, any entity of the type) in a way its
 * answer does not show — e.g. a registration changes its event's seats. Gateways drop cached
 * answers that contain it. Does nothing outside a request that asked for tags.
 */
export function touchCacheTag(type: string, key?: string | number): void {
  const c = scope.getStore();
  if (!c) return;
  if (key === undefined) {
    c.tags.add(type);
    c.tags.add(`${type}[]`);
  } else c.tags.add(`${type}:${key}`);
}

/**
 * The answer being built depends on all entities of `type` (e.g. a count of published partners):
 * any change to one of them drops it from gateways' caches.
 */
export function dependOnCacheTag(type: string): void {
  scope.getStore()?.tags.add(`${type}[]`);
}

const WRITE = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:"?\w+"?\.)?"?(\w+)"?/i;
const tableTypes = new WeakMap<DataSource, Map<string, string>>();

/** Notes the entity type whose table a write statement changes (kit DataSources call it for every statement). */
export function noteSqlWrite(ds: DataSource, sql: string): void {
  const c = scope.getStore();
  if (!c) return;
  const m = WRITE.exec(sql);
  if (!m) return;
  let types = tableTypes.get(ds);
  if (!types) {
    types = new Map(ds.entityMetadatas.map((e) => [e.tableName, e.targetName]));
    tableTypes.set(ds, types);
  }
  const type = types.get(m[1]);
  if (type) c.written.add(type);
}

interface FieldRule {
  /** The field lists this entity type (membership matters). */
  lists?: string;
  /** The field returns one entity of this type or null (a null answer depends on its absence). */
  lookup?: string;
}

/** What the plugin needs to know of a schema, worked out once per schema and field. */
class SchemaShape {
  /** Entity types and their single-field keys (plus `id`). */
  readonly entities = new Map<string, string[]>();
  private readonly rules = new Map<GraphQLObjectType, Map<string, FieldRule>>();

  constructor(private readonly schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || UNTAGGED_TYPES.has(type.name)) continue;
      const keys = new Set<string>();
      for (const node of [type.astNode, ...type.extensionASTNodes]) {
        for (const d of node?.directives ?? []) {
          if (d.name.value !== 'key') continue;
          const fields = d.arguments?.find((a) => a.name.value === 'fields')?.value;
          if (fields?.kind === 'StringValue' && /^\s*\w+\s*$/.test(fields.value)) keys.add(fields.value.trim());
        }
      }
      if (keys.size) this.entities.set(type.name, [...new Set(['id', ...keys])]);
    }
  }

  rule(parent: GraphQLObjectType, fieldName: string): FieldRule {
    let fields = this.rules.get(parent);
    if (!fields) this.rules.set(parent, (fields = new Map()));
    let rule = fields.get(fieldName);
    if (!rule) fields.set(fieldName, (rule = this.ruleOf(parent, parent.getFields()[fieldName])));
    return rule;
  }

  private ruleOf(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown> | undefined): FieldRule {
    // Lists chosen by a query (root fields, fields with arguments) change when entities come and go;
    // a relation list without arguments (`organizers`) is its parent's data.
    if (!field || (parent !== this.schema.getQueryType() && field.args.length === 0)) return {};
    const lists = this.listedEntity(field.type);
    if (lists) return { lists };
    const named = getNamedType(field.type);
    return !isNonNullType(field.type) && !isListType(field.type) && this.entities.has(named.name) ? { lookup: named.name } : {};
  }

  private listedEntity(type: GraphQLOutputType): string | undefined {
    const t = isNonNullType(type) ? type.ofType : type;
    if (isListType(t)) {
      const named = getNamedType(t).name;
      return this.entities.has(named) ? named : undefined;
    }
    // A connection: `nodes: [T]` or `edges { node: T }`.
    if (isObjectType(t) && !this.entities.has(t.name)) {
      const f = t.getFields();
      if (f.nodes) return this.listedEntity(f.nodes.type);
      const edge = f.edges && getNamedType(f.edges.type);
      if (edge && isObjectType(edge) && edge.getFields().node) {
        const named = getNamedType(edge.getFields().node.type).name;
        return this.entities.has(named) ? named : undefined;
      }
    }
    return undefined;
  }

  /** Whether an entity at this path is returned by a mutation itself, not nested in another entity. */
  firstEntityOnPath(info: GraphQLResolveInfo): boolean {
    for (let p = info.path.prev; p; p = p.prev) if (p.typename && this.entities.has(p.typename)) return false;
    return true;
  }
}

const shapes = new WeakMap<GraphQLSchema, SchemaShape>();

function tagEntity(c: CacheTagCollector, type: string, keys: string[], source: Record<string, unknown>): void {
  for (const key of keys) {
    const v = source[key];
    if (typeof v === 'string' || typeof v === 'number') c.tags.add(`${type}:${v}`);
  }
}

/**
 * Apollo Server plugin that answers the gateway's question for entity tags (see the top of this
 * file). Costs nothing for requests that do not ask.
 */
export function cacheTagsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const c = scope.getStore();
      if (!c) return;
      let mutation = false;
      return {
        async executionDidStart({ operation, schema }) {
          mutation = operation.operation === 'mutation';
          let shape = shapes.get(schema);
          if (!shape) shapes.set(schema, (shape = new SchemaShape(schema)));
          const s = shape;
          return {
            willResolveField({ source, info }) {
              const keys = s.entities.get(info.parentType.name);
              if (keys && source && typeof source === 'object' && !c.seen.has(source)) {
                c.seen.add(source);
                if (!mutation) {
                  c.tags.add(info.parentType.name);
                  tagEntity(c, info.parentType.name, keys, source as Record<string, unknown>);
                } else if (s.firstEntityOnPath(info)) {
                  c.tags.add(`${info.parentType.name}[]`);
                  tagEntity(c, info.parentType.name, keys, source as Record<string, unknown>);
                }
              }
              if (mutation) return;
              const rule = s.rule(info.parentType, info.fieldName);
              if (rule.lists) c.tags.add(`${rule.lists}[]`);
              else if (rule.lookup) {
                const type = rule.lookup;
                return (_error, result) => {
                  if (result == null) c.tags.add(`${type}[]`);
                };
              }
            },
          };
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          if (mutation) {
            // A table written without the answer returning one of its type (a delete, a join table):
            // every answer with an entity of the type, or depending on the type, is dropped.
            for (const type of c.written) {
              if (c.tags.has(`${type}[]`)) continue;
              c.tags.add(type);
              c.tags.add(`${type}[]`);
            }
          }
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [CACHE_TAGS_EXTENSION]: [...c.tags] };
        },
      };
    },
  };
}
