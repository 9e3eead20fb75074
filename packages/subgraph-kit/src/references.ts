import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entity stubs for subgraphs that reference partners and topics without owning them: only the key
// fields; the partners service resolves the rest. Factories, not shared classes: type-graphql keeps
// field resolvers per class, so each subgraph needs a class of its own (else, with two subgraphs
// in one process as in tests, one would serve the other's fields).

/**
 * Cache hint of every reference stub. It applies to `_entities` fetches of the type and to fields
 * that return it; a stub's own fields are only its key, the fields a subgraph adds carry their own
 * hints (scalars among them inherit this one), so it is the max-age of public data.
 */
const REFERENCE_CACHE_HINT = '@cacheControl(maxAge: 60)';

/** A new `Partner` reference type (key `id`) for one subgraph. */
export function partnerReferenceType() {
  @Directive('@key(fields: "id")')
  @Directive(REFERENCE_CACHE_HINT)
  @ObjectType('Partner', { description: 'A partner organisation of the MitGeN network (Netzwerkpartner*in).' })
  class PartnerRef {
    @Field(() => ID, { description: 'Stable unique id (UUID).' })
    id: string;

    static of(id: string): PartnerRef {
      return Object.assign(new PartnerRef(), { id });
    }
  }
  return PartnerRef;
}

/** A new `Topic` reference type (key `slug`) for one subgraph. */
export function topicReferenceType() {
  @Directive('@key(fields: "slug")')
  @Directive(REFERENCE_CACHE_HINT)
  @ObjectType('Topic', { description: 'A topic area (Themenbereich) of the network.' })
  class TopicRef {
    @Field({ description: 'Stable URL-safe key of the topic.' })
    slug: string;

    static of(slug: string): TopicRef {
      return Object.assign(new TopicRef(), { slug });
    }
  }
  return TopicRef;
}

/** A new `ContactPerson` reference type (key `id`; owned by the partners service). */
export function contactPersonReferenceType() {
  @Directive('@key(fields: "id")')
  @Directive(REFERENCE_CACHE_HINT)
  @ObjectType('ContactPerson', { description: 'A contact person (Ansprechperson) of a partner organisation.' })
  class ContactPersonRef {
    @Field(() => ID, { description: 'Stable unique id (UUID).' })
    id: string;

    static of(id: string): ContactPersonRef {
      return Object.assign(new ContactPersonRef(), { id });
    }
  }
  return ContactPersonRef;
}

/** A new `Resource` reference type (key `id`; owned by the resources service). */
export function resourceReferenceType() {
  @Directive('@key(fields: "id")')
  @Directive(REFERENCE_CACHE_HINT)
  @ObjectType('Resource', { description: 'An entry of the resource pool (Ressourcenpool).' })
  class ResourceRef {
    @Field(() => ID, { description: 'Stable unique id (UUID).' })
    id: string;

    static of(id: string): ResourceRef {
      return Object.assign(new ResourceRef(), { id });
    }
  }
  return ResourceRef;
}

/** A new `Event` reference type (key `id`; owned by the events service). */
export function eventReferenceType() {
  @Directive('@key(fields: "id")')
  @Directive(REFERENCE_CACHE_HINT)
  @ObjectType('Event', { description: 'An event of the network: Fachtag, Netzwerktreffen, workshop or training.' })
  class EventRef {
    @Field(() => ID, { description: 'Stable unique id (UUID).' })
    id: string;

    static of(id: string): EventRef {
      return Object.assign(new EventRef(), { id });
    }
  }
  return EventRef;
}

/** A new `Region` reference type (key `code`; owned by the partners service). */
export function regionReferenceType() {
  @Directive('@key(fields: "code")')
  @Directive(REFERENCE_CACHE_HINT)
  @ObjectType('Region', { description: "One of Lower Saxony's districts, district-free cities or the Region Hannover." })
  class RegionRef {
    @Field({ description: 'Official five-digit municipality key of the area (Kreisschlüssel), e.g. `03241` for the Region Hannover.' })
    code: string;

    static of(code: string): RegionRef {
      return Object.assign(new RegionRef(), { code });
    }
  }
  return RegionRef;
}
