import { TimestampedEntity } from '@mitgen/subgraph-kit';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

export enum AccountRole {
  COORDINATOR = 'COORDINATOR',
  PARTNER_EDITOR = 'PARTNER_EDITOR',
}

registerEnumType(AccountRole, {
  name: 'AccountRole',
  description: 'What an account may do.',
  valuesConfig: {
    COORDINATOR: { description: 'Coordinator of the network (G mit Niedersachsen): may do everything.' },
    PARTNER_EDITOR: { description: "Editor of one partner organisation: edits that organisation's profile, contacts, resources and events." },
  },
});

@ObjectType({ description: 'A sign-in account of a coordinator or a partner editor.' })
@Entity()
export class Account extends TimestampedEntity {
  @Field({ description: 'Sign-in email address (unique, any letter case).' })
  @Column({ type: 'text' })
  email: string;

  @Field({ description: 'Name shown in the administration and the audit log.' })
  @Column({ type: 'text' })
  displayName: string;

  @Field(() => AccountRole, { description: 'Coordinator or partner editor.' })
  @Column({ type: 'text' })
  role: AccountRole;

  /** The partner an editor belongs to; resolved by `Account.partner`. */
  @Column({ type: 'uuid', nullable: true })
  partnerId: string | null;

  /** scrypt hash; never leaves the service. */
  @Column({ type: 'text' })
  passwordHash: string;

  @Field(() => Date, { nullable: true, description: 'When a coordinator disabled the account; disabled accounts cannot sign in.' })
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last successful sign-in.' })
  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
