import { dataSubjectErasureType, dataSubjectType } from '@mitgen/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';

/** `DataSubject` as the partners service contributes to it (accounts, contact persons). */
export const DataSubject = dataSubjectType();
export type DataSubject = InstanceType<typeof DataSubject>;

/** `DataSubjectErasure` as the partners service contributes to it. */
export const DataSubjectErasure = dataSubjectErasureType();
export type DataSubjectErasure = InstanceType<typeof DataSubjectErasure>;

@ObjectType({ description: 'What the partners service erased about a person.' })
export class PartnersErasure {
  @Field(() => Int, {
    description: 'Sign-in accounts disabled and anonymised (address, name and password removed; the account id stays so that audit entries keep their actor).',
  })
  accountsAnonymised: number;

  @Field(() => Int, { description: 'Contact-person entries (Ansprechpersonen) deleted, at any partner.' })
  contactPersonsDeleted: number;
}
