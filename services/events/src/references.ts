import { partnerReferenceType, resourceReferenceType, topicReferenceType } from '@mitgen/subgraph-kit';
import { Directive, Field, ObjectType } from 'type-graphql';

/** `Partner` as this subgraph references it (the partners service owns it). */
export const PartnerRef = partnerReferenceType();
export type PartnerRef = InstanceType<typeof PartnerRef>;

/** `Topic` as this subgraph references it (the partners service owns it). */
export const TopicRef = topicReferenceType();
export type TopicRef = InstanceType<typeof TopicRef>;

/** `Resource` as this subgraph references it (documentation of an event; the resources service owns it). */
export const ResourceRef = resourceReferenceType();
export type ResourceRef = InstanceType<typeof ResourceRef>;

/** `Region` as this subgraph references it (key `code`; the partners service owns it). */
@Directive('@key(fields: "code")')
@ObjectType('Region', { description: "One of Lower Saxony's districts, district-free cities or the Region Hannover." })
export class RegionRef {
  @Field({ description: 'Official five-digit municipality key of the area (Kreisschlüssel), e.g. `03241` for the Region Hannover.' })
  code: string;

  static of(code: string): RegionRef {
    return Object.assign(new RegionRef(), { code });
  }
}
