import { referenceType } from '@mitgen/subgraph-kit';

/** `Topic` as this subgraph references it (the partners service owns it). */
export const TopicRef = referenceType('Topic', 'slug', {
  description: 'A topic area (Themenbereich) of the network.',
  keyDescription: 'Stable URL-safe key of the topic.',
  keyType: 'String',
});
export type TopicRef = InstanceType<typeof TopicRef>;
