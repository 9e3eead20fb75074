import { referenceType } from '@mitgen/subgraph-kit';

/** `Resource` as this subgraph references it (documentation of an event; the resources service owns it). */
export const ResourceRef = referenceType('Resource', 'id', {
  description: 'An entry of the resource pool (Ressourcenpool).',
  keyDescription: 'Stable unique id (UUID).',
});
export type ResourceRef = InstanceType<typeof ResourceRef>;
