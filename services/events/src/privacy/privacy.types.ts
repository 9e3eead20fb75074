import { dataSubjectErasureType, dataSubjectType } from '@mitgen/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';

/** `DataSubject` as the events service contributes to it (registrations and their mails). */
export const DataSubject = dataSubjectType();
export type DataSubject = InstanceType<typeof DataSubject>;

/** `DataSubjectErasure` as the events service contributes to it. */
export const DataSubjectErasure = dataSubjectErasureType();
export type DataSubjectErasure = InstanceType<typeof DataSubjectErasure>;

@ObjectType({ description: 'What the events service erased about a person.' })
export class EventsErasure {
  @Field(() => Int, {
    description:
      'Registrations anonymised: name, address, organisation, needs, consent details and manage links removed. They stay as anonymous rows (event, status, sessions, region, dates), so that counts for funders still count them.',
  })
  registrationsAnonymised: number;

  @Field(() => Int, {
    description: 'Of these, registrations for events still to come that were cancelled: the seat or waiting place went to the next person waiting.',
  })
  registrationsCancelled: number;

  @Field(() => Int, { description: 'Mails to the person that were still waiting to be sent and now never will be.' })
  mailsWithdrawn: number;

  @Field(() => Int, { description: 'Sent mails whose content (address, name, links) was removed from the outbox.' })
  mailsScrubbed: number;
}
