import { IsPlainText } from '@mitgen/subgraph-kit';
import { IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'publishedOn must be a date such as 2025-03-08';

@InputType({ description: 'A new news item of a partner.' })
export class CreateNewsItemInput {
  @Field(() => ID, { description: 'The partner the news is about (editors: their own organisation).' })
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId: string;

  @Field({ description: 'Headline (plain text).' })
  @Length(1, 200)
  @IsPlainText()
  title: string;

  @Field({ description: 'The news (plain text, up to 10000 characters).' })
  @Length(1, 10_000)
  @IsPlainText()
  text: string;

  @Field(() => String, { nullable: true, description: 'Publication date (YYYY-MM-DD; default today). A later date schedules the item.' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  publishedOn?: string | null;
}

@InputType({ description: 'Changes to a news item; fields left out stay as they are.' })
export class UpdateNewsItemInput {
  @Field(() => Int, { description: 'The `version` you read; a newer one on the server gives CONFLICT.' })
  @IsInt()
  version: number;

  @Field(() => String, { nullable: true, description: 'Headline (plain text).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The news (plain text).' })
  @IsOptional()
  @Length(1, 10_000)
  @IsPlainText()
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'Publication date (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  publishedOn?: string | null;
}
