import { IsEmailAddress, IsLanguageCode, IsPhoneNumber, IsPlainText } from '@mitgen/subgraph-kit';
import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

/** Fields shared by creating and changing a contact person (never in the schema by itself). */
@InputType('ContactPersonFields')
export class ContactPersonFields {
  @Field(() => String, { nullable: true, description: 'Role or position, e.g. `Beraterin`.' })
  @IsOptional()
  @MaxLength(120)
  @IsPlainText()
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'Area of responsibility (Zuständigkeit), plain text.' })
  @IsOptional()
  @MaxLength(500)
  @IsPlainText()
  areaOfResponsibility?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address (shown to the public only with `emailPublic`).' })
  @IsOptional()
  @IsEmailAddress()
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number, e.g. `+49 541 123456` (shown to the public only with `phonePublic`).' })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the public may see the person at all (default true).' })
  @IsOptional()
  isPublic?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the public may see the email address (default false).' })
  @IsOptional()
  emailPublic?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the public may see the phone number (default false).' })
  @IsOptional()
  phonePublic?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Languages (ISO 639-1 codes such as `de`, `ar`, `fa`).' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsLanguageCode()
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Topic areas the person is the contact for (slugs; old slugs are accepted).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(80, { each: true })
  topics?: string[] | null;
}

@InputType({ description: 'A new contact person of a partner.' })
export class CreateContactPersonInput extends ContactPersonFields {
  @Field(() => ID, { description: 'The partner the person works for (editors: their own organisation).' })
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId: string;

  @Field({ description: 'Full name.' })
  @Length(1, 120)
  @IsPlainText()
  name: string;
}

@InputType({ description: 'Changes to a contact person; fields left out stay as they are, null clears a field.' })
export class UpdateContactPersonInput extends ContactPersonFields {
  @Field(() => Int, { description: 'The `version` you read; a newer one on the server gives CONFLICT.' })
  @IsInt()
  version: number;

  @Field(() => String, { nullable: true, description: 'Full name.' })
  @IsOptional()
  @Length(1, 120)
  @IsPlainText()
  name?: string | null;
}

@InputType({ description: 'Narrows the directory of contact persons; all given conditions must hold.' })
export class ContactPersonFilter {
  @Field(() => String, { nullable: true, description: 'Only contact persons for this topic area (slug; old slugs work too).' })
  @IsOptional()
  @MaxLength(80)
  topic?: string | null;

  @Field(() => String, { nullable: true, description: 'Only contact persons speaking this language (ISO 639-1, e.g. `ar`).' })
  @IsOptional()
  @Length(2, 2, { message: 'language must be a two-letter ISO 639-1 code' })
  language?: string | null;

  @Field(() => String, { nullable: true, description: "Only contact persons of partners in this region (official five-digit key)." })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'region must be an official five-digit key such as 03241' })
  region?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only contact persons of this partner.' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId?: string | null;
}
