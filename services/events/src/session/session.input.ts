import { IsPlainText } from '@mitgen/subgraph-kit';
import { IsDate, IsIn, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { SessionKind } from './session.entity';

/** Most sessions one event takes (they are returned whole). */
export const MAX_SESSIONS = 50;

@InputType({ description: 'A session with its own seats (e.g. a theme table). Give `id` to keep an existing session.' })
export class EventSessionInput {
  @Field(() => ID, { nullable: true, description: 'Id of an existing session of this event to keep (and change); leave out for a new session.' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a session id of this event' })
  id?: string | null;

  @Field({ description: 'Title (1 to 200 characters).' })
  @Length(1, 200)
  @IsPlainText()
  title: string;

  @Field(() => String, { nullable: true, description: 'Description in plain text.' })
  @IsOptional()
  @MaxLength(5000)
  @IsPlainText()
  description?: string | null;

  @Field(() => SessionKind, { nullable: true, description: 'Theme table (default), workshop or other.' })
  @IsOptional()
  @IsIn(Object.values(SessionKind))
  kind?: SessionKind | null;

  @Field(() => Date, { nullable: true, description: 'Start; sessions at overlapping times cannot be chosen together.' })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End.' })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Room or place within the venue.' })
  @IsOptional()
  @MaxLength(200)
  @IsPlainText()
  room?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of seats; null for unlimited.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  capacity?: number | null;
}
