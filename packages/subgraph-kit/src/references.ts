import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entity stubs for subgraphs that reference a type another subgraph owns: only the key field; the
// owner resolves the rest. A factory, not a shared class: type-graphql keeps field resolvers per
// class, so each subgraph needs a class of its own (else, with two subgraphs in one process as in
// tests, one would serve the other's fields).

/**
 * Cache hint of every reference stub. It applies to `_entities` fetches of the type and to fields
 * that return it; a stub's own fields are only its key, the fields a subgraph adds carry their own
 * hints (scalars among them inherit this one), so it is the max-age of public data.
 */
const REFERENCE_CACHE_HINT = '@cacheControl(maxAge: 60)';

/** An instance of a reference stub: just the key. */
export type Reference<K extends string> = { [P in K]: string };

/** The class `referenceType` returns: usable in `@FieldResolver(() => PartnerRef)`, `@Resolver(() => PartnerRef)`. */
export interface ReferenceType<K extends string> {
  new (): Reference<K>;
  /** The stub for one key value, e.g. `PartnerRef.of(partnerId)`. */
  of(key: string): Reference<K>;
}

export interface ReferenceTypeOptions {
  /** Description of the type; the owner's own description, so that composition shows one text. */
  description: string;
  /** Description of the key field (also the owner's). */
  keyDescription: string;
  /** GraphQL type of the key: `ID` (default) or `String` (e.g. a topic's `slug`, a region's `code`). */
  keyType?: 'ID' | 'String';
}

/** A new reference stub type `name` with key field `key`, for one subgraph. */
export function referenceType<K extends string>(name: string, key: K, options: ReferenceTypeOptions): ReferenceType<K> {
  @Directive(`@key(fields: "${key}")`)
  @Directive(REFERENCE_CACHE_HINT)
  @ObjectType(name, { description: options.description })
  class ReferenceStub {
    static of(value: string): Reference<K> {
      return Object.assign(new ReferenceStub(), { [key]: value }) as unknown as Reference<K>;
    }
  }
  Field(() => ((options.keyType ?? 'ID') === 'ID' ? ID : String), { description: options.keyDescription })(ReferenceStub.prototype, key);
  return ReferenceStub as unknown as ReferenceType<K>;
}
