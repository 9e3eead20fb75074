import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { getNamedType, isCompositeType, isInterfaceType, isObjectType, Kind, type FieldNode, type GraphQLCompositeType, type GraphQLSchema, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';

type Fragments = Map<string, FragmentDefinitionNode>;
import type { DocumentAnalysis } from './limits';

/**
 * Public reads that may be cached when nobody is signed in: root query fields and their
 * max-age (`default` = CACHE_MAX_AGE_SECONDS). A query is cacheable only when every root field is
 * listed here; anything else (`me`, token lookups of registrations or subscriptions, coordinator
 * lists, new fields nobody has classified yet) is answered with `Cache-Control: no-store`.
 * Anonymous callers only ever see published records, so no private data can be cached.
 */
export const PUBLIC_READS: Record<string, number | 'default'> = {
  partners: 'default',
  partner: 'default',
  resources: 'default',
  resource: 'default',
  events: 'default',
  event: 'default',
  topics: 'default',
  topic: 'default',
  regions: 'default',
  region: 'default',
  newsletterConsentText: 'default',
};

/** Nested fields that change faster than the records they belong to: their own, shorter max-age. */
export const SHORT_LIVED_FIELDS: Record<string, number> = {
  'Event.seatsLeft': 10,
};

/** The cache max-age of an operation in seconds (0: not cacheable), from its root and nested fields. */
export function cacheMaxAge(schema: GraphQLSchema, analysis: DocumentAnalysis, operation: string, defaultMaxAge: number): number {
  if (operation !== 'query' || analysis.introspection || analysis.rootFields.length === 0) return 0;
  let maxAge = Number.MAX_SAFE_INTEGER;
  for (const f of analysis.rootFields) {
    if (f.name.value === '__typename') continue;
    const hint = PUBLIC_READS[f.name.value];
    if (hint === undefined) return 0;
    maxAge = Math.min(maxAge, hint === 'default' ? defaultMaxAge : hint);
  }
  const queryType = schema.getQueryType();
  if (queryType) {
    for (const f of analysis.rootFields) maxAge = Math.min(maxAge, nestedMaxAge(schema, analysis.fragments, queryType, f, new Set()));
  }
  return maxAge === Number.MAX_SAFE_INTEGER ? 0 : maxAge;
}

function nestedMaxAge(schema: GraphQLSchema, fragments: Fragments, parent: GraphQLCompositeType, field: FieldNode, seen: Set<string>): number {
  const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[field.name.value] : undefined;
  let maxAge = SHORT_LIVED_FIELDS[`${parent.name}.${field.name.value}`] ?? Number.MAX_SAFE_INTEGER;
  const type = def && getNamedType(def.type);
  if (field.selectionSet && type && isCompositeType(type)) maxAge = Math.min(maxAge, selectionMaxAge(schema, fragments, type, field.selectionSet, seen));
  return maxAge;
}

function selectionMaxAge(schema: GraphQLSchema, fragments: Fragments, parent: GraphQLCompositeType, set: SelectionSetNode, seen: Set<string>): number {
  let maxAge = Number.MAX_SAFE_INTEGER;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) maxAge = Math.min(maxAge, nestedMaxAge(schema, fragments, parent, s, seen));
    else if (s.kind === Kind.INLINE_FRAGMENT) {
      const type = (s.typeCondition && (schema.getType(s.typeCondition.name.value) as GraphQLCompositeType)) || parent;
      maxAge = Math.min(maxAge, selectionMaxAge(schema, fragments, type, s.selectionSet, seen));
    }
    else if (!seen.has(s.name.value)) {
      const fragment = fragments.get(s.name.value);
      if (!fragment) continue;
      seen.add(s.name.value);
      const type = (schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined) ?? parent;
      maxAge = Math.min(maxAge, selectionMaxAge(schema, fragments, type, fragment.selectionSet, seen));
      seen.delete(s.name.value);
    }
  }
  return maxAge;
}

/**
 * The response cache's store: an LRU in memory whose entries all become unreachable at once
 * (new key generation) after any mutation through this gateway, so coordinators see public
 * answers change at once here; other instances and CDNs catch up within the max-age.
 */
export class GenerationalCache implements KeyValueCache<string> {
  private generation = 0;

  constructor(private readonly inner: KeyValueCache<string>) {}

  get(key: string): Promise<string | undefined> {
    return this.inner.get(`${this.generation}:${key}`);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return this.inner.set(`${this.generation}:${key}`, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.inner.delete(`${this.generation}:${key}`);
  }

  /** Forget every stored answer (they stay in memory until the LRU evicts them). */
  invalidate(): void {
    this.generation++;
  }
}
