import { badInput, canonicalEmail, emailAddress, isUuid, notFound, signUserToken, unauthenticated, type Principal } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { PartnersContext } from '../context';
import { Partner } from '../partner/partner.entity';
import { Account, AccountRole } from './account.entity';
import type { CreateAccountInput } from './account.input';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password';

/** Failed sign-ins in a row before the account is locked, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** One message for every refused sign-in, so that it never tells whether an email has an account. */
const refused = () => unauthenticated('Email or password is wrong, or the account cannot sign in right now');

const findByEmail = (ds: DataSource, email: string) =>
  ds.getRepository(Account).createQueryBuilder('a').where('lower(a.email) = lower(:email)', { email }).getOne();

/** The principal an account acts as. */
export function principalOfAccount(a: Account): Principal {
  return { role: a.role, subject: a.id, email: a.email, ...(a.partnerId ? { partnerId: a.partnerId } : {}) };
}

/** Checks the password and issues a signed token; same error and similar time for every refusal. */
export async function login(ctx: PartnersContext, email: string, password: string): Promise<{ token: string; expiresAt: Date; account: Account }> {
  const now = ctx.clock.now();
  if (password.length > 200 || email.length > 1000) throw refused();
  const address = canonicalEmail(email);
  const account = address ? await findByEmail(ctx.ds, address) : null;
  if (!account) {
    await verifyPassword(password, await DUMMY_HASH_PROMISE);
    throw refused();
  }
  const ok = await verifyPassword(password, account.passwordHash);
  if (account.disabledAt || (account.lockedUntil && account.lockedUntil > now)) throw refused();
  if (!ok) {
    // Counted in one statement so that parallel attempts cannot slip past the limit.
    await ctx.ds.query(
      `UPDATE account SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz + make_interval(mins => $4) ELSE locked_until END
       WHERE id = $1`,
      [account.id, MAX_FAILED_LOGINS, now, LOCK_MINUTES],
    );
    ctx.log.info({ accountId: account.id }, 'sign-in refused: wrong password');
    throw refused();
  }
  await ctx.ds.getRepository(Account).update(account.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
  const { tokenKey, tokenTtlSeconds } = ctx.services;
  const token = await signUserToken(tokenKey, principalOfAccount(account), tokenTtlSeconds, now);
  return { token, expiresAt: new Date(now.getTime() + tokenTtlSeconds * 1000), account };
}

/** Creates an account (coordinators only; checked by the resolver). */
export async function createAccount(ctx: PartnersContext, input: CreateAccountInput): Promise<Account> {
  const email = emailAddress(input.email);
  if (input.role === AccountRole.PARTNER_EDITOR && !input.partnerId) throw badInput('a partner editor needs partnerId', 'partnerId');
  if (input.role === AccountRole.COORDINATOR && input.partnerId) throw badInput('a coordinator belongs to no partner', 'partnerId');
  if (input.partnerId && !(await ctx.ds.getRepository(Partner).existsBy({ id: input.partnerId }))) {
    throw badInput('no partner has this id', 'partnerId');
  }
  if (await findByEmail(ctx.ds, email)) throw badInput('an account with this email exists already', 'email');
  const account = ctx.ds.getRepository(Account).create({
    email,
    displayName: input.displayName.trim(),
    role: input.role,
    partnerId: input.partnerId ?? null,
    passwordHash: await hashPassword(input.password),
  });
  return ctx.ds.getRepository(Account).save(account);
}

/** Disables or re-enables an account. */
export async function setDisabled(ctx: PartnersContext, id: string, disabled: boolean): Promise<Account> {
  const repo = ctx.ds.getRepository(Account);
  const account = isUuid(id) ? await repo.findOneBy({ id }) : null;
  if (!account) throw notFound('Account');
  if (disabled && account.id === ctx.principal.subject) throw badInput('you cannot disable your own account', 'id');
  account.disabledAt = disabled ? (account.disabledAt ?? ctx.clock.now()) : null;
  if (!disabled) Object.assign(account, { failedLogins: 0, lockedUntil: null });
  return repo.save(account);
}

/** Changes the caller's own password after checking the current one. */
export async function changePassword(ctx: PartnersContext, current: string, next: string): Promise<boolean> {
  const repo = ctx.ds.getRepository(Account);
  const account = ctx.principal.subject ? await repo.findOneBy({ id: ctx.principal.subject }) : null;
  if (!account || !(await verifyPassword(current, account.passwordHash))) {
    throw badInput('the current password is wrong', 'currentPassword');
  }
  if (next.length < 12 || next.length > 200) throw badInput('the new password must be 12 to 200 characters long', 'newPassword');
  await repo.update(account.id, { passwordHash: await hashPassword(next) });
  return true;
}

/** Makes sure the configured coordinator account exists (its password is not reset if it does). */
export async function ensureAdminAccount(ds: DataSource, raw: string, password: string, log: Logger): Promise<void> {
  const email = emailAddress(raw, 'ADMIN_EMAIL');
  if (await findByEmail(ds, email)) return;
  await ds
    .getRepository(Account)
    .createQueryBuilder()
    .insert()
    .values({ email, displayName: 'Koordination MitGeN', role: AccountRole.COORDINATOR, passwordHash: await hashPassword(password) })
    .orIgnore() // another instance starting at the same moment
    .execute();
  log.info(`[partners] created the coordinator account ${email}`);
}
