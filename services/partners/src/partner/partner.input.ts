import { IsEmailAddress, IsGermanPostalCode, IsLanguageCode, IsPhoneNumber, IsPlainText, IsSlug, IsWebUrl, PublicationStatus } from '@mitgen/subgraph-kit';
import { ArrayMaxSize, IsIn, IsInt, IsISO8601, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { PartnerKind } from './partner.entity';

@InputType({ description: 'Narrows the partner directory; all given conditions must hold.' })
export class PartnerFilter {
  @Field(() => String, { nullable: true, description: 'German full-text search over name and description ("Beratungen" finds "Beratung").' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Only partners working on this topic (slug).' })
  @IsOptional()
  @MaxLength(80)
  topic?: string | null;

  @Field(() => String, { nullable: true, description: 'Only partners in this region (official five-digit key).' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'region must be an official five-digit key such as 03241' })
  region?: string | null;

  @Field(() => PartnerKind, { nullable: true, description: 'Only partners of this kind.' })
  @IsOptional()
  kind?: PartnerKind | null;

  @Field(() => String, { nullable: true, description: 'Only partners offering services in this language (ISO 639-1, e.g. `ar`).' })
  @IsOptional()
  @Length(2, 2, { message: 'language must be a two-letter ISO 639-1 code' })
  language?: string | null;

  @Field(() => PublicationStatus, {
    nullable: true,
    description: 'Coordinators (and editors for their own organisation) may list drafts or archived partners; the public always gets published ones.',
  })
  @IsOptional()
  @IsIn(Object.values(PublicationStatus))
  status?: PublicationStatus | null;
}

const DATE_MESSAGE = 'memberSince must be a date such as 2019-09-12';

/** Profile fields shared by creating and changing a partner (never in the schema by itself). */
@InputType('PartnerProfileFields')
export class PartnerProfileFields {
  @Field(() => String, { nullable: true, description: 'Short name or abbreviation, e.g. `VNB e.V.`.' })
  @IsOptional()
  @MaxLength(60)
  @IsPlainText()
  shortName?: string | null;

  @Field(() => String, { nullable: true, description: 'What the organisation does, in plain text (no HTML), up to 5000 characters.' })
  @IsOptional()
  @MaxLength(5000)
  @IsPlainText()
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Street and house number.' })
  @IsOptional()
  @MaxLength(200)
  @IsPlainText()
  street?: string | null;

  @Field(() => String, { nullable: true, description: 'German five-digit postal code, e.g. `30159`.' })
  @IsOptional()
  @IsGermanPostalCode()
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'City or municipality.' })
  @IsOptional()
  @MaxLength(100)
  @IsPlainText()
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Official five-digit key of the region (see the `regions` query), e.g. `03241`.' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'regionCode must be an official five-digit key such as 03241' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Website, starting with https://.' })
  @IsOptional()
  @IsWebUrl()
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Public contact email of the organisation.' })
  @IsOptional()
  @IsEmailAddress()
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Public phone number of the organisation, e.g. `+49 511 123456`.' })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @Field(() => [String], { nullable: true, description: 'Languages offered (ISO 639-1 codes such as `de`, `ar`, `fa`).' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsLanguageCode()
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Target groups in plain text, e.g. `Frauen mit Fluchterfahrung` (up to 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  @IsPlainText()
  targetGroups?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Topic areas (slugs, see the `topics` query; old slugs are accepted).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(80, { each: true })
  topics?: string[] | null;

  @Field(() => String, { nullable: true, description: 'URL of the logo image, starting with https://.' })
  @IsOptional()
  @IsWebUrl()
  logoUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Date the organisation joined the network (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  memberSince?: string | null;
}

@InputType({ description: 'A new partner organisation; it starts as a draft until a coordinator publishes it.' })
export class CreatePartnerInput extends PartnerProfileFields {
  @Field({ description: 'Full name of the organisation.' })
  @Length(1, 200)
  @IsPlainText()
  name: string;

  @Field(() => PartnerKind, { description: 'What kind of organisation this is.' })
  @IsIn(Object.values(PartnerKind))
  kind: PartnerKind;

  @Field(() => String, {
    nullable: true,
    description:
      'Slug to use; by default made from the name (ä→ae, ö→oe, ü→ue, ß→ss) with `-2`, `-3` … when taken. A given slug that is taken is refused. Slugs never change afterwards.',
  })
  @IsOptional()
  @IsSlug()
  slug?: string | null;
}

@InputType({ description: 'Changes to a partner profile; fields left out stay as they are, null clears an optional field.' })
export class UpdatePartnerInput extends PartnerProfileFields {
  @Field(() => Int, { description: 'The `version` of the partner you read; a newer one on the server gives CONFLICT instead of overwriting.' })
  @IsInt()
  version: number;

  @Field(() => String, { nullable: true, description: 'Full name of the organisation (the slug stays).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  name?: string | null;

  @Field(() => PartnerKind, { nullable: true, description: 'What kind of organisation this is.' })
  @IsOptional()
  @IsIn(Object.values(PartnerKind))
  kind?: PartnerKind | null;
}
