import { IsEmailAddress } from '@mitgen/subgraph-kit';
import { IsIn, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AccountRole } from './account.entity';

@InputType({ description: 'A new sign-in account.' })
export class CreateAccountInput {
  @Field({ description: 'Sign-in email address.' })
  @IsEmailAddress()
  @MaxLength(254)
  email: string;

  @Field({ description: 'Name shown in the administration.' })
  @Length(1, 120)
  displayName: string;

  @Field(() => AccountRole, { description: 'COORDINATOR or PARTNER_EDITOR.' })
  @IsIn(Object.values(AccountRole))
  role: AccountRole;

  @Field(() => ID, { nullable: true, description: 'The partner a PARTNER_EDITOR belongs to (required for editors, empty for coordinators).' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId?: string | null;

  @Field({ description: 'Initial password (at least 12 characters); the person changes it with `changePassword`.' })
  @Length(12, 200, { message: 'password must be 12 to 200 characters long' })
  password: string;
}
