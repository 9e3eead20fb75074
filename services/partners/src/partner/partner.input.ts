import { IsIn, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PublicationStatus } from '@mitgen/subgraph-kit';
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
