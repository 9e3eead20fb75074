import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  isObjectType,
  isInterfaceType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
} from 'graphql';

// Apollo's query planner (2.14.4, the newest; upstream issue apollographql/federation#3036, open)
// merges the key fields it adds for a fetch into another subgraph under their own names. A client
// alias with such a name (`id: slug` on Partner, `slug: name` on Topic) then comes back holding the
// key's value instead of the aliased field's: silently wrong data. The gateway renames such aliases
// before planning (to names no field has) and restores them in the answer, so every alias works.

/** Prefix of the internal names; client aliases that start with it are renamed too, so restoring is exact. */
export const ALIAS_PREFIX = 'mitgenAlias__';

/** Names of the fields of a type and of every object type it may be, plus `__typename`. */
function fieldNamesOf(schema: GraphQLSchema, type: GraphQLCompositeType, cache: Map<string, Set<string>>): Set<string> {
  let names = cache.get(type.name);
  if (!names) {
    names = new Set(['__typename']);
    const types = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
    for (const t of types) for (const name of Object.keys(t.getFields())) names.add(name);
    if (isInterfaceType(type)) for (const name of Object.keys(type.getFields())) names.add(name);
    cache.set(type.name, names);
  }
  return names;
}

const rewritten = new WeakMap<DocumentNode, DocumentNode>();

/**
 * The document with every alias that names another field of its type (a key the planner may add)
 * or starts with ALIAS_PREFIX renamed to ALIAS_PREFIX + alias; the same document when there is none.
 * Memoized per document (Apollo caches parsed documents per query string).
 */
export function withSafeAliases(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const hit = rewritten.get(document);
  if (hit) return hit;
  const typeInfo = new TypeInfo(schema);
  const cache = new Map<string, Set<string>>();
  const result = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD](node) {
        const alias = node.alias?.value;
        if (!alias || alias === node.name.value) return undefined;
        const parent = typeInfo.getParentType();
        const named = parent ? getNamedType(parent) : undefined;
        const collides = alias.startsWith(ALIAS_PREFIX) || (named && (isObjectType(named) || isAbstractType(named)) && fieldNamesOf(schema, named, cache).has(alias));
        if (!collides) return undefined;
        return { ...node, alias: { ...node.alias!, value: ALIAS_PREFIX + alias } };
      },
    }),
  );
  rewritten.set(document, result);
  return result;
}

/** The client's name for a response key of a rewritten document. */
const clientKey = (key: string) => (key.startsWith(ALIAS_PREFIX) ? key.slice(ALIAS_PREFIX.length) : key);

/** Answer data with the client's aliases back in place (key order kept). */
export function restoreAliases<T>(value: T): T {
  if (Array.isArray(value)) return value.map(restoreAliases) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[clientKey(k)] = restoreAliases(v);
  return out as T;
}

/** An error with the client's aliases back in its path. */
export function restoreErrorPath(e: GraphQLError): GraphQLError {
  if (!e.path?.some((p) => typeof p === 'string' && p.startsWith(ALIAS_PREFIX))) return e;
  return new GraphQLError(e.message, {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    path: e.path.map((p) => (typeof p === 'string' ? clientKey(p) : p)),
    originalError: e.originalError ?? undefined,
    extensions: e.extensions,
  });
}
