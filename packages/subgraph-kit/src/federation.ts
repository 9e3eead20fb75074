import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { roleAuthChecker } from './auth';

/** The one federation version all subgraphs link; change it here only. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"])';

/**
 * Apollo's cache-control directive, declared in every subgraph: subgraphs put hints on their public
 * reads, Apollo Server turns them into each answer's `Cache-Control` header and the gateway honours
 * it. A field without a hint that returns an object (or any root field) is not cacheable (max-age 0).
 */
export const CACHE_CONTROL_SDL = `"""How long an answer that contains this type or field may be reused, and by whom (Apollo cache control)."""
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION

"""Who may reuse a cached answer: PUBLIC (any cache) or PRIVATE (only the caller's own)."""
enum CacheControlScope {
  """Any cache (CDN, gateway) may keep the answer for everyone."""
  PUBLIC
  """Only the caller's own cache (e.g. the browser) may keep the answer."""
  PRIVATE
}`;

export interface FederatedSchema {
  /** Executable subgraph schema (with `_service` and `_entities`). */
  schema: GraphQLSchema;
  /** The subgraph SDL as composition sees it; committed as the service's `schema.graphql`. */
  sdl: string;
}

// Each type's reference resolver takes its own representation and context type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = Record<string, { __resolveReference: (...args: any[]) => unknown }>;

/** Turns type-graphql resolvers into a federation-2 subgraph schema. */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<FederatedSchema> {
  // skipCheck: entity stubs and `extend` types are incomplete until composition.
  const plain = await buildSchema({
    authChecker: roleAuthChecker,
    validate: { forbidUnknownValues: false },
    ...options,
    skipCheck: true,
  });
  const sdl = `${FEDERATION_LINK}\n\n${CACHE_CONTROL_SDL}\n\n${printSchemaWithDirectives(plain)}\n`;
  // type-graphql's resolver map and Apollo's differ in their types, not in shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const resolvers: Record<string, any> = createResolversMap(plain);
  for (const [typeName, ref] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...ref };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}
