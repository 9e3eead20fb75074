import { IsPlainText } from '@mitgen/subgraph-kit';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'A new cooperation between two partners.' })
export class CreateCooperationInput {
  @Field(() => ID, { description: 'One partner (editors: their own organisation).' })
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId: string;

  @Field(() => ID, { description: 'The partner it cooperates with.' })
  @IsUUID('all', { message: 'otherPartnerId must be a partner id' })
  otherPartnerId: string;

  @Field(() => String, { nullable: true, description: 'Date the cooperation started (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(DATE, { message: 'since must be a date such as 2021-03-01' })
  @IsISO8601({ strict: true }, { message: 'since must be a date such as 2021-03-01' })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'What the partners do together (plain text).' })
  @IsOptional()
  @MaxLength(2000)
  @IsPlainText()
  description?: string | null;
}

@InputType({ description: 'Changes to a cooperation; fields left out stay as they are.' })
export class UpdateCooperationInput {
  @Field(() => Int, { description: 'The `version` you read; a newer one on the server gives CONFLICT.' })
  @IsInt()
  version: number;

  @Field(() => String, { nullable: true, description: 'Date the cooperation started (YYYY-MM-DD; null clears it).' })
  @IsOptional()
  @Matches(DATE, { message: 'since must be a date such as 2021-03-01' })
  @IsISO8601({ strict: true }, { message: 'since must be a date such as 2021-03-01' })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'What the partners do together (plain text).' })
  @IsOptional()
  @MaxLength(2000)
  @IsPlainText()
  description?: string | null;
}
