import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, isObjectType, parse, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchema, createResolversMap, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { roleAuthChecker } from './auth';
import { inSpan, recordingSpan } from './tracing';

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

/** class-validator's options for every argument: what type-graphql's `validate: { forbidUnknownValues: false }` used. */
const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };

const validatable = (v: unknown): v is object => v !== null && typeof v === 'object';

/**
 * Validates an argument (an input object, or a list of them) with its class-validator rules, as
 * type-graphql's own `validate` does, but with class-validator imported once: type-graphql imports
 * it again for every argument and copies all of the module's exports each time (~2 % of a mutation's CPU).
 */
async function validateArgument(value: unknown): Promise<void> {
  if (!validatable(value)) return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(validatable).map((v) => validateOrReject(v, VALIDATOR_OPTIONS)));
    else await validateOrReject(value, VALIDATOR_OPTIONS);
  } catch (e) {
    throw new ArgumentValidationError(e as ValidationError[]);
  }
}

/** Turns type-graphql resolvers into a federation-2 subgraph schema. */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<FederatedSchema> {
  // skipCheck: entity stubs and `extend` types are incomplete until composition.
  const plain = await buildSchema({
    authChecker: roleAuthChecker,
    validateFn: validateArgument,
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
  const traced = resolverFields(plain);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (!isObjectType(plain.getType(typeName))) continue;
    for (const [fieldName, fn] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof fn === 'function' && (fieldName === '__resolveReference' || traced.has(`${typeName}.${fieldName}`))) {
        fields[fieldName] = tracedResolver(`${typeName}.${fieldName}`, fn as Resolver);
      }
    }
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Resolver = (source: unknown, args: any, context: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * Fields with a resolver of their own — root fields and type-graphql field resolvers — which are
 * the ones that fetch data; plain properties get no span.
 */
function resolverFields(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.keys(root?.getFields() ?? {})) names.add(`${root!.name}.${field}`);
  }
  const storage = getMetadataStorage();
  for (const fr of storage.fieldResolvers) {
    const target = fr.getObjectType?.();
    const type = storage.objectTypes.find((o) => o.target === target) ?? storage.interfaceTypes.find((o) => o.target === target);
    if (type) names.add(`${type.name}.${fr.schemaName}`);
  }
  return names;
}

/** The resolver inside a span `resolve <Type.field>` when the request's trace is recorded. */
function tracedResolver(name: string, fn: Resolver): Resolver {
  const spanName = `resolve ${name}`;
  return (source, args, context, info) =>
    // The span's attributes only when it is recorded: this runs for every resolved field.
    recordingSpan()
      ? inSpan(spanName, { 'graphql.field.path': info?.path ? responsePathAsArray(info.path).join('.') : name }, () => fn(source, args, context, info))
      : fn(source, args, context, info);
}
