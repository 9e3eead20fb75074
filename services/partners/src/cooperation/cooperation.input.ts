import { IsPlainText } from '@mitgen/subgraph-kit';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

const DATE_MESSAGE = 'since must be a date such as 2021-03-01';

/** Fields shared by recording and changing a cooperation (never in the schema by itself). */
@InputType('CooperationFields')
export class CooperationFields {
  @Field(() => String, { nullable: true, description: 'Date the cooperation started (YYYY-MM-DD; null clears it).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'What the partners do together (plain text).' })
  @IsOptional()
  @MaxLength(2000)
  @IsPlainText()
  description?: string | null;
}

@InputType({ description: 'A new cooperation between two partners.' })
export class CreateCooperationInput extends CooperationFields {
  @Field(() => ID, { description: 'One partner (editors: their own organisation).' })
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId: string;

  @Field(() => ID, { description: 'The partner it cooperates with.' })
  @IsUUID('all', { message: 'otherPartnerId must be a partner id' })
  otherPartnerId: string;
}

@InputType({ description: 'Changes to a cooperation; fields left out stay as they are.' })
export class UpdateCooperationInput extends CooperationFields {
  @Field(() => Int, { description: 'The `version` you read; a newer one on the server gives CONFLICT.' })
  @IsInt()
  version: number;
}
