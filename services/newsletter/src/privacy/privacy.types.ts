import { Connection, dataSubjectType } from '@mitgen/subgraph-kit';
import { ObjectType } from 'type-graphql';
import { ConsentRecord } from '../consent/consent.entity';

/** `DataSubject` as the newsletter service contributes to it (subscription, consent proofs, mails). */
export const DataSubject = dataSubjectType();
export type DataSubject = InstanceType<typeof DataSubject>;

@ObjectType({ description: 'A page of newsletter consent proofs, newest first.' })
export class NewsletterConsentConnection extends Connection(ConsentRecord) {}
