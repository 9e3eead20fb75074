import { dataSubjectType } from '@mitgen/subgraph-kit';

/** `DataSubject` as the partners service contributes to it (accounts, contact persons). */
export const DataSubject = dataSubjectType();
export type DataSubject = InstanceType<typeof DataSubject>;
