import { IsLanguageCode, IsPlainText, IsSlug, IsWebUrl, NO_CONTROL_CHARACTERS, PublicationStatus, SINGLE_LINE_TEXT } from '@mitgen/subgraph-kit';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ResourceFormat, ResourceKind } from './resource.entity';

// Control characters (NUL above all) would make PostgreSQL refuse a statement: refuse them here,
// as bad input, before any SQL (the kit's text rules). Line breaks and tabs stay allowed in long texts.
const noControl = { message: '$property must not contain control characters' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION_CODE = /^\d{5}$/;

export enum ResourceSort {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  TITLE = 'TITLE',
}

registerEnumType(ResourceSort, {
  name: 'ResourceSort',
  description: 'Order of a list of resources.',
  valuesConfig: {
    RELEVANCE: { description: 'Best match of `search` first (the default when searching; without `search` the same as TITLE).' },
    NEWEST: { description: 'Most recently published first.' },
    TITLE: { description: 'By title, A to Z (the default without `search`).' },
  },
});

@InputType({ description: 'Narrows the resource pool; all given conditions must hold.' })
export class ResourceFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'German full-text search over title, summary, body and the provider’s name ("Beratungsstellen" finds "Beratungsstelle"). Web search syntax: `"exact phrase"`, `-excluded`, `or`. At most 200 characters with at least one letter or digit.',
  })
  @IsOptional()
  @MaxLength(200)
  @Matches(SINGLE_LINE_TEXT, noControl)
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Only resources on this topic (slug, e.g. `gewaltschutz`).' })
  @IsOptional()
  @IsSlug()
  topic?: string | null;

  @Field(() => String, { nullable: true, description: 'Only resources serving this region (official five-digit key); statewide offers always match.' })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'region must be an official five-digit key such as 03241' })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Only resources available in this language (ISO 639-1, e.g. `ar`).' })
  @IsOptional()
  @Length(2, 2, { message: 'language must be a two-letter ISO 639-1 code' })
  @Matches(/^[A-Za-z]{2}$/, { message: 'language must be a two-letter ISO 639-1 code' })
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'Only resources for this target group, exactly as listed in `targetGroups` (e.g. `Frauen mit Fluchterfahrung`).' })
  @IsOptional()
  @MaxLength(100)
  @Matches(SINGLE_LINE_TEXT, noControl)
  targetGroup?: string | null;

  @Field(() => ResourceKind, { nullable: true, description: 'Only resources of this kind.' })
  @IsOptional()
  kind?: ResourceKind | null;

  @Field(() => ResourceFormat, { nullable: true, description: 'Only offers in this format (online, in person or hybrid).' })
  @IsOptional()
  format?: ResourceFormat | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only offers free of charge; false: only offers that cost something.' })
  @IsOptional()
  freeOfCharge?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only resources valid today in Germany (valid from ≤ today ≤ valid until; an open start or end always matches).',
  })
  @IsOptional()
  currentOnly?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only resources of this provider (partner id).' })
  @IsOptional()
  @IsUUID('all', { message: 'provider must be a partner id' })
  provider?: string | null;

  @Field(() => PublicationStatus, {
    nullable: true,
    description:
      'Coordinators may list drafts or archived resources, editors those of their own organisation; everyone else always gets published ones.',
  })
  @IsOptional()
  @IsIn(Object.values(PublicationStatus))
  status?: PublicationStatus | null;
}

/** Fields shared by create and update; every field optional here, create makes some required. */
@InputType()
abstract class ResourceFields {
  @Field(() => String, { nullable: true, description: 'One or two sentences for lists and teasers (plain text, at most 500 characters).' })
  @IsOptional()
  @MaxLength(500)
  @IsPlainText()
  @Matches(NO_CONTROL_CHARACTERS, noControl)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'Full description (plain text, paragraphs separated by blank lines; at most 20,000 characters).' })
  @IsOptional()
  @MaxLength(20_000)
  @IsPlainText()
  @Matches(NO_CONTROL_CHARACTERS, noControl)
  body?: string | null;

  @Field(() => [String], { nullable: true, description: 'Topic slugs (from `topics`); old slugs of renamed topics are stored as the current one.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsSlug({ each: true })
  topicSlugs?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Who the offer is for, e.g. `Frauen mit Fluchterfahrung` (at most 20, each up to 100 characters).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Length(1, 100, { each: true })
  @IsPlainText()
  @Matches(SINGLE_LINE_TEXT, { ...noControl, each: true })
  targetGroups?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Languages the offer is available in: ISO 639-1 codes in lower case, e.g. `de`, `ar`, `fa`.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsLanguageCode()
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Official five-digit keys of the regions served (from `regions`); leave empty for statewide offers.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(REGION_CODE, { each: true, message: 'regionCodes must be official five-digit keys such as 03241' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the offer serves all of Lower Saxony (then `regionCodes` stays empty).' })
  @IsOptional()
  statewide?: boolean | null;

  @Field(() => ResourceFormat, { nullable: true, description: 'Online, in person or hybrid.' })
  @IsOptional()
  format?: ResourceFormat | null;

  @Field(() => Boolean, { nullable: true, description: 'True when taking part costs nothing (default true).' })
  @IsOptional()
  freeOfCharge?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Costs in words, e.g. `80 € für zwei Tage, ermäßigt 40 €`.' })
  @IsOptional()
  @MaxLength(300)
  @IsPlainText()
  @Matches(NO_CONTROL_CHARACTERS, noControl)
  cost?: string | null;

  @Field(() => String, { nullable: true, description: 'Notes on accessibility (Barrierefreiheit).' })
  @IsOptional()
  @MaxLength(2000)
  @IsPlainText()
  @Matches(NO_CONTROL_CHARACTERS, noControl)
  accessibility?: string | null;

  @Field(() => String, { nullable: true, description: 'Where to find out more (http or https URL).' })
  @IsOptional()
  @IsWebUrl()
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'First day the offer is valid (YYYY-MM-DD); null for open-ended.' })
  @IsOptional()
  @Matches(DATE, { message: 'validFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day the offer is valid (YYYY-MM-DD), not before `validFrom`; null for open-ended.' })
  @IsOptional()
  @Matches(DATE, { message: 'validUntil must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Contact persons (Ansprechpersonen) for this offer: ids of `ContactPerson`s.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'contactIds must be ids of contact persons' })
  contactIds?: string[] | null;
}

@InputType({ description: 'A new resource; it starts as a draft (publish it with `publishResource`).' })
export class CreateResourceInput extends ResourceFields {
  @Field({ description: 'Title of the offer or information (plain text, at most 200 characters).' })
  @Length(1, 200)
  @IsPlainText()
  @Matches(SINGLE_LINE_TEXT, noControl)
  title: string;

  @Field(() => ResourceKind, { description: 'Kind of offer or information.' })
  kind: ResourceKind;

  @Field(() => ID, {
    nullable: true,
    description: 'The providing partner. Editors may leave it out (their own organisation) and may give no other; coordinators must give it.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a partner id' })
  providerId?: string | null;
}

@InputType({
  description:
    'Changes to a resource: only the given fields change. `null` or an empty list clears a field; title, kind, provider, statewide and freeOfCharge cannot be cleared (null leaves them as they are).',
})
export class UpdateResourceInput extends ResourceFields {
  @Field(() => Int, { description: 'The `version` you read; if the resource changed since, the update is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => String, { nullable: true, description: 'New title (plain text, at most 200 characters).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  @Matches(SINGLE_LINE_TEXT, noControl)
  title?: string | null;

  @Field(() => ResourceKind, { nullable: true, description: 'New kind.' })
  @IsOptional()
  kind?: ResourceKind | null;

  @Field(() => ID, { nullable: true, description: 'New providing partner (coordinators only).' })
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a partner id' })
  providerId?: string | null;
}

@InputType({
  description:
    'A translation of a resource’s German texts into one content language: a given text is stored (an empty one removes that field’s translation; the title cannot be empty), null or absent leaves it as it is.',
})
export class ResourceTranslationInput {
  @Field(() => String, { nullable: true, description: 'Translated title (plain text, at most 200 characters).' })
  @IsOptional()
  @MaxLength(200)
  @IsPlainText()
  @Matches(SINGLE_LINE_TEXT, noControl)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Translated summary (plain text, at most 500 characters).' })
  @IsOptional()
  @MaxLength(500)
  @IsPlainText()
  @Matches(NO_CONTROL_CHARACTERS, noControl)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'Translated body (plain text, at most 20,000 characters).' })
  @IsOptional()
  @MaxLength(20_000)
  @IsPlainText()
  @Matches(NO_CONTROL_CHARACTERS, noControl)
  body?: string | null;
}
