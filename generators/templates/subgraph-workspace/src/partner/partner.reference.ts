import { referenceType } from '@mitgen/subgraph-kit';

/** `Partner` as this subgraph references it (the partners service owns it). */
export const PartnerRef = referenceType('Partner', 'id', {
  description: 'A partner organisation of the MitGeN network (Netzwerkpartner*in).',
  keyDescription: 'Stable unique id (UUID).',
});
export type PartnerRef = InstanceType<typeof PartnerRef>;
