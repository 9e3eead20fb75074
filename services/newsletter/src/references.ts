import { eventReferenceType, partnerReferenceType, resourceReferenceType, topicReferenceType } from '@mitgen/subgraph-kit';

/** `Topic` as this subgraph references it (subscribers' interests, edition audiences). */
export const TopicRef = topicReferenceType();
export type TopicRef = InstanceType<typeof TopicRef>;

/** `Event`, `Resource` and `Partner` as edition items reference them. */
export const EventRef = eventReferenceType();
export type EventRef = InstanceType<typeof EventRef>;
export const ResourceRef = resourceReferenceType();
export type ResourceRef = InstanceType<typeof ResourceRef>;
export const PartnerRef = partnerReferenceType();
export type PartnerRef = InstanceType<typeof PartnerRef>;
