import { referenceType } from '@mitgen/subgraph-kit';

/** `Event` as edition items reference it (the events service owns it). */
export const EventRef = referenceType('Event', 'id', {
  description: 'An event of the network: Fachtag, Netzwerktreffen, workshop or training.',
  keyDescription: 'Stable unique id (UUID).',
});
export type EventRef = InstanceType<typeof EventRef>;
