import { IsEmailAddress, IsPlainText, IsLanguageCode } from '@mitgen/subgraph-kit';
import { ArrayMaxSize, Equals, IsBoolean, IsIn, IsOptional, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { RegistrationStatus, type Needs } from './registration.entity';

/** Most sessions one person can choose at one event. */
export const MAX_SESSIONS_PER_REGISTRATION = 20;

@InputType('RegistrationNeedsInput', { description: 'What a person needs to take part; organisers plan with it. All optional.' })
export class NeedsInput {
  @Field(() => String, { nullable: true, description: 'Accessibility needs, e.g. `Rollstuhlgerechter Zugang`, `Induktionsschleife`.' })
  @IsOptional()
  @MaxLength(500)
  @IsPlainText()
  accessibility?: string | null;

  @Field(() => String, { nullable: true, description: 'Language to interpret into (ISO 639-1 code such as `ar`, `fa`, `tr`).' })
  @IsOptional()
  @IsLanguageCode()
  interpretationLanguage?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when German Sign Language (DGS) interpretation is needed.' })
  @IsOptional()
  @IsBoolean()
  signLanguage?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'True when childcare (Kinderbetreuung) is needed during the event.' })
  @IsOptional()
  @IsBoolean()
  childcare?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Details for childcare, e.g. number and ages of the children.' })
  @IsOptional()
  @MaxLength(300)
  @IsPlainText()
  childcareDetails?: string | null;

  @Field(() => String, { nullable: true, description: 'Anything else the organisers should know (e.g. dietary needs).' })
  @IsOptional()
  @MaxLength(1000)
  @IsPlainText()
  notes?: string | null;
}

@InputType({ description: 'A registration for an event.' })
export class RegisterForEventInput {
  @Field(() => ID, { description: 'Id of the event.' })
  @IsUUID('all', { message: 'eventId must be the id of an event' })
  eventId: string;

  @Field({ description: 'Full name (1 to 120 characters).' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(120, { message: 'name must be at most 120 characters long' })
  @IsPlainText()
  name: string;

  @Field({ description: 'Email address; confirmation and manage link go there. Registering again with the same address (any letter case) returns the existing registration.' })
  @MaxLength(254, { message: 'email must be at most 254 characters long' })
  @IsEmailAddress()
  email: string;

  @Field(() => String, { nullable: true, description: 'Organisation or institution the person works for.' })
  @IsOptional()
  @MaxLength(200)
  @IsPlainText()
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: 'Region the person works in (official five-digit key of a district of Lower Saxony, e.g. `03241`); used only for anonymous counts.' })
  @IsOptional()
  @Matches(/^03\d{3}$/, { message: 'regionCode must be the official key of a district of Lower Saxony, such as 03241' })
  regionCode?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Sessions (e.g. theme tables) the person chooses; each has its own seats.' })
  @IsOptional()
  @ArrayMaxSize(MAX_SESSIONS_PER_REGISTRATION)
  @IsUUID('all', { each: true, message: 'sessionIds must be ids of sessions of this event' })
  sessionIds?: string[] | null;

  @Field(() => NeedsInput, { nullable: true, description: 'Accessibility, interpretation, childcare and other needs.' })
  @IsOptional()
  @ValidateNested()
  needs?: NeedsInput | null;

  @Field({ description: 'Must be true: the person agrees that their data is stored and used to organise the event (privacy notice of the website).' })
  @Equals(true, { message: 'consent must be given (true) to register' })
  consent: boolean;
}

@InputType({ description: 'Narrows the registrations of an event; all given conditions must hold.' })
export class RegistrationFilter {
  @Field(() => [RegistrationStatus], { nullable: true, description: 'Only registrations in one of these states.' })
  @IsOptional()
  @IsIn(Object.values(RegistrationStatus), { each: true })
  status?: RegistrationStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only registrations that chose this session.' })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be the id of a session' })
  sessionId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only registrations whose name, email or organisation contains this text (any letter case).' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only registrations that stated any need (accessibility, interpretation, childcare, notes).' })
  @IsOptional()
  hasNeeds?: boolean | null;
}

/** A registration as `registerForEvent` checked and cleaned it, on its way into the event's next batch. */
export interface NewRegistration {
  eventId: string;
  name: string;
  email: string;
  organisation: string | null;
  regionCode: string | null;
  needs: Needs;
  /** Chosen sessions; checked against the event's sessions in the batch, under the event's lock. */
  sessionIds: string[];
  /** Content language of the person's mails (the argument, else the negotiated Accept-Language, else German). */
  language: string;
}
