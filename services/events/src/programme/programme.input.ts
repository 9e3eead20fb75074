import { IsPlainText, SINGLE_LINE_TEXT } from '@mitgen/subgraph-kit';
import { ArrayMaxSize, IsDate, IsIn, IsOptional, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ProgrammeItemKind } from './programme.entity';

/** Most programme items one event takes (the programme is returned whole). */
export const MAX_PROGRAMME_ITEMS = 100;

@InputType('ProgrammeSpeakerInput', { description: 'A speaker or host of a programme item.' })
export class SpeakerInput {
  @Field({ description: 'Name as printed in the programme.' })
  @Length(1, 200)
  @IsPlainText()
  name: string;

  @Field(() => String, { nullable: true, description: 'Affiliation as printed, e.g. `Universität Göttingen`.' })
  @IsOptional()
  @MaxLength(200)
  @IsPlainText()
  affiliation?: string | null;

  @Field(() => ID, { nullable: true, description: "Id of the speaker's partner organisation in the network, if any." })
  @IsOptional()
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId?: string | null;
}

@InputType({ description: 'One item of the programme.' })
export class ProgrammeItemInput {
  @Field({ description: 'Start (ISO 8601 with offset, e.g. `2019-09-12T10:00:00+02:00`).' })
  @IsDate()
  startsAt: Date;

  @Field(() => Date, { nullable: true, description: 'End; leave out when open-ended.' })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;

  @Field({ description: 'Title (1 to 200 characters).' })
  @Length(1, 200)
  @IsPlainText()
  title: string;

  @Field(() => String, { nullable: true, description: 'Description in plain text.' })
  @IsOptional()
  @MaxLength(5000)
  @IsPlainText()
  description?: string | null;

  @Field(() => ProgrammeItemKind, { description: 'Welcome, keynote, talk, theme tables, speed-dating, …' })
  @IsIn(Object.values(ProgrammeItemKind))
  kind: ProgrammeItemKind;

  @Field(() => ID, { nullable: true, description: 'Partner presenting the item (e.g. a project at the speed-dating).' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId?: string | null;

  @Field(() => [SpeakerInput], { nullable: true, description: 'Speakers or hosts, in display order (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  speakers?: SpeakerInput[] | null;
}

@InputType({ description: 'A translation of a programme item’s German title into one content language (the title cannot be empty).' })
export class ProgrammeItemTranslationInput {
  @Field(() => String, { description: 'Translated title (plain text, one line, at most 200 characters).' })
  @MaxLength(200)
  @IsPlainText()
  @Matches(SINGLE_LINE_TEXT, { message: '$property must not contain control characters' })
  title: string;
}
