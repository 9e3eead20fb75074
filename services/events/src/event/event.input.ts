import { IsGermanPostalCode, IsPlainText, IsSlug, IsWebUrl, NO_CONTROL_CHARACTERS, SINGLE_LINE_TEXT } from '@mitgen/subgraph-kit';
import { ArrayMaxSize, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MAX_PROGRAMME_ITEMS, ProgrammeItemInput } from '../programme/programme.input';
import { EventSessionInput, MAX_SESSIONS } from '../session/session.input';
import { EventKind, EventStatus } from './event.entity';

@InputType({ description: 'Narrows the event list; all given conditions must hold.' })
export class EventFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: only events that have not ended yet, soonest first. false or absent: all events, newest first.' })
  @IsOptional()
  upcoming?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only events on this topic (slug).' })
  @IsOptional()
  @MaxLength(80)
  topic?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events in this region (official five-digit key).' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'region must be an official five-digit key such as 03241' })
  region?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'Only events of this kind.' })
  @IsOptional()
  kind?: EventKind | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only events that have ended, newest first (for looking back and documentation).' })
  @IsOptional()
  past?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only events this partner organises or co-organises.' })
  @IsOptional()
  @IsUUID('all', { message: 'organizer must be a partner id' })
  organizer?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only events that end at or after this instant (start of a date range).' })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only events that start before this instant (end of a date range).' })
  @IsOptional()
  @IsDate()
  until?: Date | null;

  @Field(() => [EventStatus], {
    nullable: true,
    description: 'Only events in these states. Default: published and cancelled. Drafts and archived events appear only for coordinators and the organising partners\' editors.',
  })
  @IsOptional()
  @IsIn(Object.values(EventStatus), { each: true })
  status?: EventStatus[] | null;
}

/** Most organisers and documentation entries one event takes (server-side limits). */
export const MAX_ORGANIZERS = 10;
export const MAX_DOCUMENTATION = 50;

/** Fields that creating and changing an event share (all optional). */
@InputType({ description: 'Fields shared by CreateEventInput and UpdateEventInput.' })
abstract class EventFieldsInput {
  @Field(() => String, { nullable: true, description: 'URL-safe name (lower-case letters, digits, dashes); made from title and date when left out on creation.' })
  @IsOptional()
  @IsSlug()
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'Description in plain text.' })
  @IsOptional()
  @MaxLength(20000)
  @IsPlainText()
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the venue.' })
  @IsOptional()
  @MaxLength(200)
  @IsPlainText()
  venueName?: string | null;

  @Field(() => String, { nullable: true, description: 'Street and house number.' })
  @IsOptional()
  @MaxLength(200)
  @IsPlainText()
  street?: string | null;

  @Field(() => String, { nullable: true, description: 'German postal code (five digits).' })
  @IsOptional()
  @IsGermanPostalCode()
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  @IsOptional()
  @MaxLength(120)
  @IsPlainText()
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Region (official five-digit key of a district of Lower Saxony, e.g. `03241`).' })
  @IsOptional()
  @Matches(/^03\d{3}$/, { message: 'regionCode must be the official key of a district of Lower Saxony, such as 03241' })
  regionCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the event (also) takes place online.' })
  @IsOptional()
  @IsBoolean()
  online?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Link to the online room; shown only to confirmed participants and organisers.' })
  @IsOptional()
  @IsWebUrl()
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of seats; null for unlimited.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  capacity?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether people can join a waiting list when all seats are taken (default true).' })
  @IsOptional()
  @IsBoolean()
  waitlistEnabled?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Registration opens; right away when null.' })
  @IsOptional()
  @IsDate()
  registrationOpensAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Registration closes; at the start of the event when null.' })
  @IsOptional()
  @IsDate()
  registrationClosesAt?: Date | null;

  @Field(() => [String], { nullable: true, description: 'Topic slugs (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsSlug({ each: true })
  topicSlugs?: string[] | null;

  @Field(() => [ID], { nullable: true, description: `Organising partners, in display order (1 to ${MAX_ORGANIZERS}). A partner editor's own organisation must be among them (it is the default).` })
  @IsOptional()
  @ArrayMaxSize(MAX_ORGANIZERS)
  @IsUUID('all', { each: true, message: 'organizerIds must be partner ids' })
  organizerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: `Resources of the resource pool that document the event (programme, slides, photos; at most ${MAX_DOCUMENTATION}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_DOCUMENTATION)
  @IsUUID('all', { each: true, message: 'documentationResourceIds must be resource ids' })
  documentationResourceIds?: string[] | null;

  @Field(() => [ProgrammeItemInput], { nullable: true, description: `The whole programme (replaces the previous one; at most ${MAX_PROGRAMME_ITEMS} items).` })
  @IsOptional()
  @ArrayMaxSize(MAX_PROGRAMME_ITEMS)
  @ValidateNested()
  programme?: ProgrammeItemInput[] | null;

  @Field(() => [EventSessionInput], {
    nullable: true,
    description: `All sessions (at most ${MAX_SESSIONS}). Sessions given with \`id\` are kept and changed, new ones added, missing ones removed (only while nobody chose them).`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_SESSIONS)
  @ValidateNested()
  sessions?: EventSessionInput[] | null;
}

@InputType({ description: 'A new event; it starts as a draft.' })
export class CreateEventInput extends EventFieldsInput {
  @Field({ description: 'Title (1 to 200 characters).' })
  @Length(1, 200)
  @IsPlainText()
  title: string;

  @Field(() => EventKind, { description: 'Fachtag, Netzwerktreffen, workshop or training.' })
  @IsIn(Object.values(EventKind))
  kind: EventKind;

  @Field({ description: 'Start (ISO 8601 with offset, e.g. `2026-09-10T10:00:00+02:00`).' })
  @IsDate()
  startsAt: Date;

  @Field({ description: 'End (ISO 8601 with offset); not before the start.' })
  @IsDate()
  endsAt: Date;
}

@InputType({ description: 'Changes to an event: only the fields given change (null clears an optional field).' })
export class UpdateEventInput extends EventFieldsInput {
  @Field(() => Int, { description: 'The `version` you read; if the event changed since, the update is refused with CONFLICT.' })
  @IsInt()
  version: number;

  @Field(() => String, { nullable: true, description: 'Title (1 to 200 characters).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  title?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'Fachtag, Netzwerktreffen, workshop or training.' })
  @IsOptional()
  @IsIn(Object.values(EventKind))
  kind?: EventKind | null;

  @Field(() => Date, { nullable: true, description: 'Start.' })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End; not before the start.' })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;
}

const noControl = { message: '$property must not contain control characters' };

@InputType({
  description:
    'A translation of an event’s German texts into one content language: a given text is stored (an empty one removes that field’s translation; the title cannot be empty), null or absent leaves it as it is.',
})
export class EventTranslationInput {
  @Field(() => String, { nullable: true, description: 'Translated title (plain text, one line, at most 200 characters).' })
  @IsOptional()
  @MaxLength(200)
  @IsPlainText()
  @Matches(SINGLE_LINE_TEXT, noControl)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Translated description (plain text, at most 20,000 characters).' })
  @IsOptional()
  @MaxLength(20000)
  @IsPlainText()
  @Matches(NO_CONTROL_CHARACTERS, noControl)
  description?: string | null;
}
