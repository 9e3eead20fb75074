import { badInput, canonicalEmail, emailAddress, isUuid, notFound, signUserToken, unauthenticated, type Principal } from '@mitgen/subgraph-kit';
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { PartnersContext } from '../context';
import { Partner } from '../partner/partner.entity';
import { Account, AccountRole } from './account.entity';
import type { CreateAccountInput } from './account.input';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password';

/** Failed sign-ins with one address (within a day) before it is locked, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** One message for every refused sign-in, so that it never tells whether an email has an account. */
const refused = () => unauthenticated('Email or password is wrong, or the account cannot sign in right now');

/**
 * The answer while an address is locked. Addresses lock by their failures alone, whether they have
 * an account or not, and while locked no password is checked: the answer tells the person at the
 * keyboard that the address is locked and until when, but nothing about an account, and it gives no
 * hint whether a password tried during the lock was right (the lock would be worthless otherwise).
 */
const locked = (until: Date) =>
  new GraphQLError(
    `Too many failed sign-ins with this address: it is locked until ${until.toISOString()} (${LOCK_MINUTES} minutes). Wait, or ask a coordinator to lift it.`,
    { extensions: { code: 'ACCOUNT_LOCKED', lockedUntil: until.toISOString() } },
  );

/** How failures of an address are stored: the SHA-256 of its one form (the kit's e-mail rule), never the address. */
const failureKey = (email: string) => createHash('sha256').update(canonicalEmail(email) ?? email.trim().toLowerCase(), 'utf8').digest();

/** Forgets the failures (and lock) of an address: a successful sign-in, a coordinator's enableAccount, an erasure. */
export async function clearSignInFailures(q: Pick<DataSource, 'query'>, email: string): Promise<void> {
  await q.query('DELETE FROM sign_in_failure WHERE email_hash = $1', [failureKey(email)]);
}

/**
 * Counts a failure in one statement (parallel attempts cannot slip past the limit); a failure after
 * an expired lock starts a new count. Answers when the address is locked now.
 */
async function countFailure(ds: DataSource, email: string, now: Date): Promise<Date | null> {
  const [row]: { locked_until: Date | null }[] = await ds.query(
    `INSERT INTO sign_in_failure AS f (email_hash, failures, locked_until, last_failure_at)
     VALUES ($1, 1, CASE WHEN 1 >= $3 THEN $2::timestamptz + make_interval(mins => $4) END, $2)
     ON CONFLICT (email_hash) DO UPDATE SET
       failures = CASE WHEN f.locked_until <= $2 THEN 1 ELSE f.failures + 1 END,
       locked_until = CASE WHEN (CASE WHEN f.locked_until <= $2 THEN 1 ELSE f.failures + 1 END) >= $3
                           THEN $2::timestamptz + make_interval(mins => $4) END,
       last_failure_at = $2
     RETURNING locked_until`,
    [failureKey(email), now, MAX_FAILED_LOGINS, LOCK_MINUTES],
  );
  // Counts older than a day start again (and stored hashes go).
  await ds.query(`DELETE FROM sign_in_failure WHERE last_failure_at < $1::timestamptz - interval '1 day' AND (locked_until IS NULL OR locked_until < $1)`, [now]);
  return row.locked_until;
}

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
  const [lock]: { locked_until: Date }[] = await ctx.ds.query('SELECT locked_until FROM sign_in_failure WHERE email_hash = $1 AND locked_until > $2', [failureKey(email), now]);
  if (lock) throw locked(lock.locked_until);
  const address = canonicalEmail(email);
  const account = address ? await findByEmail(ctx.ds, address) : null;
  // Unknown addresses cost a hash check too: the time does not tell whether an account exists.
  const ok = await verifyPassword(password, account?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!account || !ok || account.disabledAt) {
    const lockedUntil = await countFailure(ctx.ds, email, now);
    ctx.log.info({ accountId: account?.id }, 'sign-in refused');
    throw lockedUntil ? locked(lockedUntil) : refused();
  }
  await clearSignInFailures(ctx.ds, email);
  await ctx.ds.getRepository(Account).update(account.id, { lastLoginAt: now });
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
  if (!disabled) await clearSignInFailures(ctx.ds, account.email);
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
