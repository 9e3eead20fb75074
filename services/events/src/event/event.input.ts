import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { EventKind } from './event.entity';

@InputType({ description: 'Narrows the event list; all given conditions must hold.' })
export class EventFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: only events that have not ended yet, soonest first. false or absent: all events, newest first.' })
  @IsOptional()
  upcoming?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only events on this topic (slug).' })
  @IsOptional()
  @MaxLength(80)
  topic?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events in this region (official five-digit key).' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'region must be an official five-digit key such as 03241' })
  region?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'Only events of this kind.' })
  @IsOptional()
  kind?: EventKind | null;
}
