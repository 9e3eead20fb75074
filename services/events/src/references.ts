import { partnerReferenceType, regionReferenceType, resourceReferenceType, topicReferenceType } from '@mitgen/subgraph-kit';

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
export const RegionRef = regionReferenceType();
export type RegionRef = InstanceType<typeof RegionRef>;
