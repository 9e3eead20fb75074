import { dataSubjectType } from '@mitgen/subgraph-kit';

/** `DataSubject` as the events service contributes to it (registrations and their mails). */
export const DataSubject = dataSubjectType();
export type DataSubject = InstanceType<typeof DataSubject>;
