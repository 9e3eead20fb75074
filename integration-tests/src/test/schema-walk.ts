import { getNamedType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

// Ways through the public schema for tests that must cover every field of a kind by themselves.

/** Whether a field returns a connection (`{ totalCount pageInfo nodes }`). */
export const isConnection = (f: GraphQLField<unknown, unknown>) => getNamedType(f.type).name.endsWith('Connection');

/** For each object type, one way to reach items of it from the root, through lists (without required arguments) where possible. */
export function nestedRoutes(s: GraphQLSchema): Map<string, (inner: string) => string> {
  const routes = new Map<string, (inner: string) => string>();
  const queue: { type: GraphQLObjectType; wrap: (inner: string) => string; depth: number }[] = [{ type: s.getQueryType()!, wrap: (i) => `{ ${i} }`, depth: 0 }];
  while (queue.length) {
    const { type, wrap, depth } = queue.shift()!;
    if (depth > 0 && !routes.has(type.name)) routes.set(type.name, wrap);
    if (depth >= 3) continue;
    // Lists first (they return items to go below), then fields without arguments (references).
    // (A field with arguments other than a list's may answer null without them.)
    const fields = Object.values(type.getFields()).filter((f) => (isConnection(f) ? f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined) : !f.args.length));
    fields.sort((a, b) => Number(isConnection(b)) - Number(isConnection(a)));
    for (const f of fields) {
      const named = getNamedType(f.type);
      if (!isObjectType(named) || routes.has(named.name)) continue;
      const args = f.args.some((a) => a.name === 'first') ? '(first: 2)' : '';
      queue.push({ type: named, wrap: (i) => wrap(`${f.name}${args} { ${i} }`), depth: depth + 1 });
    }
  }
  return routes;
}

