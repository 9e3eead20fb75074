import { Connection, isUuid, PageArgs, paginate } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Directive, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../context';
import { Partner } from '../partner/partner.entity';
import { partnerById } from '../partner/partner.loader';
import { Account } from './account.entity';
import { CreateAccountInput } from './account.input';
import { changePassword, createAccount, login, setDisabled } from './account.service';

@ObjectType({ description: 'A signed-in session: send the token as `Authorization: Bearer <token>`.' })
class LoginResult {
  @Field({ description: 'Signed token (JWT) to send with later requests.' })
  token: string;

  @Field({ description: 'When the token stops working (UTC); sign in again then.' })
  expiresAt: Date;

  @Field(() => Account, { description: 'The account that signed in.' })
  account: Account;
}

@ObjectType({ description: 'A page of accounts.' })
export class AccountConnection extends Connection(Account) {}

@Resolver(() => Account)
export class AccountResolver {
  @Mutation(() => LoginResult, {
    description: 'Signs in with email and password. Repeated failures lock the account for a while; the error never says whether an email has an account.',
  })
  login(
    @Arg('email', { description: 'Sign-in email address.' }) email: string,
    @Arg('password', { description: 'Password.' }) password: string,
    @Ctx() ctx: PartnersContext,
  ) {
    return login(ctx, email, password);
  }

  @Directive('@cacheControl(maxAge: 0, scope: PRIVATE)')
  @Query(() => Account, { nullable: true, description: 'The signed-in account; null for anonymous callers and API keys.' })
  async me(@Ctx() ctx: PartnersContext): Promise<Account | null> {
    const { role, subject } = ctx.principal;
    if ((role !== 'COORDINATOR' && role !== 'PARTNER_EDITOR') || !isUuid(subject)) return null;
    return ctx.ds.getRepository(Account).findOneBy({ id: subject });
  }

  @Authorized('COORDINATOR')
  @Query(() => AccountConnection, { description: 'All accounts, sorted by email (coordinators only).' })
  accounts(@Args() page: PageArgs, @Ctx() ctx: PartnersContext) {
    return paginate(ctx.ds.getRepository(Account).createQueryBuilder('a'), page, [
      { sql: 'lower(a.email)', value: (a) => a.email.toLowerCase() },
      { sql: 'a.id', value: (a) => a.id, cast: 'uuid' },
    ]);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Account, { description: 'Creates a coordinator or partner-editor account (coordinators only).' })
  createAccount(@Arg('input', { description: 'The new account.' }) input: CreateAccountInput, @Ctx() ctx: PartnersContext) {
    return createAccount(ctx, input);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Account, { description: 'Disables an account: it can no longer sign in, and its tokens stop working within a minute (coordinators only).' })
  disableAccount(@Arg('id', () => ID, { description: 'Id of the account.' }) id: string, @Ctx() ctx: PartnersContext) {
    return setDisabled(ctx, id, true);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Account, { description: 'Enables a disabled or locked account again (coordinators only).' })
  enableAccount(@Arg('id', () => ID, { description: 'Id of the account.' }) id: string, @Ctx() ctx: PartnersContext) {
    return setDisabled(ctx, id, false);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Changes the signed-in account's password." })
  changePassword(
    @Arg('currentPassword', { description: 'The password used now.' }) currentPassword: string,
    @Arg('newPassword', { description: 'The new password (at least 12 characters).' }) newPassword: string,
    @Ctx() ctx: PartnersContext,
  ) {
    return changePassword(ctx, currentPassword, newPassword);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner organisation of a partner editor.' })
  partner(@Root() account: Account, @Ctx() ctx: PartnersContext) {
    return account.partnerId ? partnerById(ctx).load(account.partnerId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'True when the account is disabled.' })
  disabled(@Root() account: Account): boolean {
    return account.disabledAt !== null;
  }
}
