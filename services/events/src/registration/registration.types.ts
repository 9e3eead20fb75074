import { Connection } from '@mitgen/subgraph-kit';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RegionRef } from '../region/region.reference';
import { ChoiceStatus, EventSession } from '../session/session.entity';
import { Registration } from './registration.entity';

@ObjectType({ description: 'A page of registrations, in the order people registered.' })
export class RegistrationConnection extends Connection(Registration) {}

@ObjectType('RegistrationNeeds', { description: 'What a person needs to take part, as they stated it.' })
export class NeedsView {
  @Field(() => String, { nullable: true, description: 'Accessibility needs.' })
  accessibility: string | null;

  @Field(() => String, { nullable: true, description: 'Language to interpret into (ISO 639-1).' })
  interpretationLanguage: string | null;

  @Field({ description: 'True when German Sign Language (DGS) interpretation is needed.' })
  signLanguage: boolean;

  @Field({ description: 'True when childcare (Kinderbetreuung) is needed.' })
  childcare: boolean;

  @Field(() => String, { nullable: true, description: 'Details for childcare.' })
  childcareDetails: string | null;

  @Field(() => String, { nullable: true, description: 'Anything else the organisers should know.' })
  notes: string | null;
}

@ObjectType({ description: 'A session a person chose, and whether they have a seat in it.' })
export class SessionChoice {
  @Field(() => EventSession, { description: 'The session.' })
  session: EventSession;

  @Field(() => ChoiceStatus, { description: 'Seat reserved, on the session’s waiting list, or pending (the person waits for the event itself).' })
  status: ChoiceStatus;

  @Field(() => Int, { nullable: true, description: 'Place on the session’s waiting list (1 = next); null unless waitlisted.' })
  waitlistPosition: number | null;
}

export enum RegistrationState {
  NOT_PUBLISHED = 'NOT_PUBLISHED',
  NOT_OPEN_YET = 'NOT_OPEN_YET',
  OPEN = 'OPEN',
  WAITLIST = 'WAITLIST',
  FULL = 'FULL',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(RegistrationState, {
  name: 'RegistrationState',
  description: 'Whether people can register for an event right now.',
  valuesConfig: {
    NOT_PUBLISHED: { description: 'The event is a draft or archived.' },
    NOT_OPEN_YET: { description: 'Registration opens later (`registrationOpensAt`).' },
    OPEN: { description: 'Seats are free: registering confirms a seat.' },
    WAITLIST: { description: 'All seats are taken; registering puts people on the waiting list.' },
    FULL: { description: 'All seats are taken and there is no waiting list.' },
    CLOSED: { description: 'Registration has closed (`registrationClosesAt`, or the event has started).' },
    CANCELLED: { description: 'The event was called off.' },
  },
});

@ObjectType({ description: 'Registrations and attendance of one organisation (as people typed its name).' })
export class OrganisationCount {
  @Field(() => String, { nullable: true, description: 'Organisation; null for people who gave none.' })
  organisation: string | null;

  @Field(() => Int, { description: 'Registrations (not cancelled).' })
  registrations: number;

  @Field(() => Int, { description: 'People checked in.' })
  attended: number;
}

@ObjectType({ description: 'Registrations and attendance from one region.' })
export class RegionCount {
  @Field(() => RegionRef, { nullable: true, description: 'Region; null for people who gave none.' })
  region: RegionRef | null;

  @Field(() => Int, { description: 'Registrations (not cancelled).' })
  registrations: number;

  @Field(() => Int, { description: 'People checked in.' })
  attended: number;
}

@ObjectType('RegistrationStats', { description: 'Counts of an event for reports to funders; no personal data.' })
export class RegistrationStatsView {
  @Field(() => Int, { description: 'Registrations that are not cancelled (confirmed, waitlisted and attended).' })
  registrations: number;

  @Field(() => Int, { description: 'Confirmed, not (yet) checked in.' })
  confirmed: number;

  @Field(() => Int, { description: 'On the waiting list.' })
  waitlisted: number;

  @Field(() => Int, { description: 'Cancelled.' })
  cancelled: number;

  @Field(() => Int, { description: 'Checked in at the event.' })
  attended: number;

  @Field(() => [OrganisationCount], { description: 'Per organisation, most registrations first.' })
  byOrganisation: OrganisationCount[];

  @Field(() => [RegionCount], { description: 'Per region, most registrations first.' })
  byRegion: RegionCount[];
}
