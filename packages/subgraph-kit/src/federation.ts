import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { roleAuthChecker } from './auth';

/** The one federation version all subgraphs link; change it here only. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"])';

export interface FederatedSchema {
  /** Executable subgraph schema (with `_service` and `_entities`). */
  schema: GraphQLSchema;
  /** The subgraph SDL as composition sees it; committed as the service's `schema.graphql`. */
  sdl: string;
}

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
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(plain)}\n`;
  const resolvers: Record<string, any> = createResolversMap(plain);
  for (const [typeName, ref] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...ref };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}
