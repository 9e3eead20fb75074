import { referenceType } from '@mitgen/subgraph-kit';

/** `Resource` as edition items reference it (the resources service owns it). */
export const ResourceRef = referenceType('Resource', 'id', {
  description: 'An entry of the resource pool (Ressourcenpool).',
  keyDescription: 'Stable unique id (UUID).',
});
export type ResourceRef = InstanceType<typeof ResourceRef>;
