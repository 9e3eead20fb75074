import { contactPersonReferenceType, partnerReferenceType, regionReferenceType, topicReferenceType } from '@mitgen/subgraph-kit';

/** `Partner` as this subgraph references it (the partners service owns it). */
export const PartnerRef = partnerReferenceType();
export type PartnerRef = InstanceType<typeof PartnerRef>;

/** `Topic` as this subgraph references it (the partners service owns it). */
export const TopicRef = topicReferenceType();
export type TopicRef = InstanceType<typeof TopicRef>;

/** `ContactPerson` as this subgraph references it (the partners service owns it). */
export const ContactPersonRef = contactPersonReferenceType();
export type ContactPersonRef = InstanceType<typeof ContactPersonRef>;

/** `Region` as this subgraph references it (key `code`; the partners service owns it). */
export const RegionRef = regionReferenceType();
export type RegionRef = InstanceType<typeof RegionRef>;
