import { referenceType } from '@mitgen/subgraph-kit';

/** `ContactPerson` as this subgraph references it (the partners service owns it). */
export const ContactPersonRef = referenceType('ContactPerson', 'id', {
  description: 'A contact person (Ansprechperson) of a partner organisation.',
  keyDescription: 'Stable unique id (UUID).',
});
export type ContactPersonRef = InstanceType<typeof ContactPersonRef>;
