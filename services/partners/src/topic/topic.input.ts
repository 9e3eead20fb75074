import { IsPlainText, IsSlug } from '@mitgen/subgraph-kit';
import { IsInt, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new topic area.' })
export class CreateTopicInput {
  @Field({ description: 'Display name (German), e.g. `Gewaltschutz`.' })
  @Length(1, 120)
  @IsPlainText()
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'Slug to use; by default made from the name (ä→ae, ß→ss, …) with `-2`, `-3` … when taken. A given slug that is taken is refused.',
  })
  @IsOptional()
  @IsSlug()
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'What the topic area covers (plain text).' })
  @IsOptional()
  @MaxLength(1000)
  @IsPlainText()
  description?: string | null;
}

@InputType({ description: 'Changes to a topic area; fields left out stay as they are.' })
export class UpdateTopicInput {
  @Field(() => Int, { description: 'The `version` of the topic you read; a newer one on the server gives CONFLICT.' })
  @IsInt()
  version: number;

  @Field(() => String, { nullable: true, description: 'New display name. The slug stays unless `slug` is given too.' })
  @IsOptional()
  @Length(1, 120)
  @IsPlainText()
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New slug. The old slug stays valid as an alias, so references held by resources, events and newsletters keep working.',
  })
  @IsOptional()
  @IsSlug()
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'What the topic area covers (plain text; null clears it).' })
  @IsOptional()
  @MaxLength(1000)
  @IsPlainText()
  description?: string | null;
}
