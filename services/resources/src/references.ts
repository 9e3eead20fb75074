import { partnerReferenceType, topicReferenceType } from '@mitgen/subgraph-kit';

/** `Partner` as this subgraph references it (the partners service owns it). */
export const PartnerRef = partnerReferenceType();
export type PartnerRef = InstanceType<typeof PartnerRef>;

/** `Topic` as this subgraph references it (the partners service owns it). */
export const TopicRef = topicReferenceType();
export type TopicRef = InstanceType<typeof TopicRef>;
