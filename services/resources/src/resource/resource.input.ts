import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ResourceKind } from './resource.entity';

@InputType({ description: 'Narrows the resource pool; all given conditions must hold.' })
export class ResourceFilter {
  @Field(() => String, { nullable: true, description: 'German full-text search over title, summary and body.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Only resources on this topic (slug).' })
  @IsOptional()
  @MaxLength(80)
  topic?: string | null;

  @Field(() => String, { nullable: true, description: 'Only resources serving this region (official five-digit key); statewide offers always match.' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'region must be an official five-digit key such as 03241' })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Only resources available in this language (ISO 639-1, e.g. `ar`).' })
  @IsOptional()
  @Length(2, 2, { message: 'language must be a two-letter ISO 639-1 code' })
  language?: string | null;

  @Field(() => ResourceKind, { nullable: true, description: 'Only resources of this kind.' })
  @IsOptional()
  kind?: ResourceKind | null;

  @Field(() => Boolean, { nullable: true, description: 'Only resources valid today (valid from ≤ today ≤ valid until; open ends allowed).' })
  @IsOptional()
  currentOnly?: boolean | null;
}
