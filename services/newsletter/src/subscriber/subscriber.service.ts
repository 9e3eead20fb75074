import { badInput, contentLanguage, domainError, enqueueMail, germanContainsPattern, paginate, type Page } from '@mitgen/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { ConsentRecord } from '../consent/consent.entity';
import { CONSENT_TEXTS, CONSENT_TEXT_VERSION } from '../consent/consent.resolver';
import type { NewsletterContext } from '../context';
import { assertTopicsExist } from '../graph/graph.references';
import { confirmationMail } from '../mail/confirmation.mail';
import { CONFIRMATION_MAILS_PER_DAY, CONFIRM_TOKEN_HOURS, ms } from '../policy';
import { returnedRows } from '../sql';
import { issueToken, useToken } from '../token/token';
import { checkEmail } from './email';
import { Subscriber, SubscriberStatus } from './subscriber.entity';
import type { NewsletterPreferencesInput, NewsletterSubscriberFilter, SubscribeToNewsletterInput } from './subscriber.input';
import type { NewsletterSignUpResult, NewsletterSubscriberCounts } from './subscriber.types';

/** Confirmation mails jump the queue (an edition to thousands must not delay them): oldest possible send time. */
const PRIORITY = new Date(0);

/** The one answer to every accepted sign-up (no enumeration of addresses). */
const SIGN_UP_RESULT: NewsletterSignUpResult = {
  message: `Thank you! Unless this address is subscribed already, a confirmation mail is on its way. Please click the link in it within ${CONFIRM_TOKEN_HOURS} hours; without confirmation no newsletter is sent.`,
  confirmationLinkHours: CONFIRM_TOKEN_HOURS,
};

const unique = (values: string[] | null | undefined) => [...new Set(values ?? [])];
const cleanName = (name: string | null | undefined) => (name ?? '').trim() || null;

/**
 * Sign-up (double opt-in, step 1). A new, pending or unsubscribed address gets a confirmation mail;
 * a confirmed one gets nothing and keeps its preferences. The answer and the per-address limit
 * behave the same for every status, so neither tells anything about the address.
 */
export async function subscribe(ctx: NewsletterContext, input: SubscribeToNewsletterInput): Promise<NewsletterSignUpResult> {
  const now = ctx.clock.now();
  const email = checkEmail(input.email);
  const consentVersion = input.consentTextVersion ?? CONSENT_TEXT_VERSION;
  if (!Object.hasOwn(CONSENT_TEXTS, consentVersion)) throw badInput(`Unknown consent text version; the current one is ${CONSENT_TEXT_VERSION}.`, 'consentTextVersion');
  // The chosen language, else the one the request negotiated (Accept-Language through the gateway; German by default).
  const language = input.language != null ? contentLanguage(input.language) : ctx.language;
  const topics = unique(input.topics);
  await assertTopicsExist(ctx.services.graph, topics, 'topics');

  await ctx.ds.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO subscriber (email, language, status, created_at, updated_at) VALUES ($1, $2, 'PENDING', $3, $3)
       ON CONFLICT ((lower(email))) DO NOTHING`,
      [email, language, now],
    );
    const [s] = await tx.query(
      `SELECT id, email, status, signup_window_started_at AS "windowStart", signups_in_window AS "count"
         FROM subscriber WHERE lower(email) = lower($1) FOR UPDATE`,
      [email],
    );
    const windowOpen = s.windowStart && now.getTime() - new Date(s.windowStart).getTime() < ms.signUpWindow;
    const count = windowOpen ? s.count : 0;
    if (count >= CONFIRMATION_MAILS_PER_DAY) {
      throw domainError(
        'TOO_MANY_SIGN_UPS',
        `This address has been signed up ${CONFIRMATION_MAILS_PER_DAY} times within 24 hours. To protect its mailbox, no further confirmation mail is sent today; please check the inbox (and spam folder) for the mails already sent, or try again tomorrow.`,
      );
    }
    await tx.query('UPDATE subscriber SET signup_window_started_at = $2, signups_in_window = $3 WHERE id = $1', [s.id, windowOpen ? s.windowStart : now, count + 1]);
    if (s.status === SubscriberStatus.CONFIRMED) return;
    // Pending and unsubscribed addresses take the latest sign-up's details; nothing is confirmed yet.
    await tx.query(
      `UPDATE subscriber SET name = $2, language = $3, topic_slugs = $4, signup_consent_version = $5, last_signup_at = $6, updated_at = $6 WHERE id = $1`,
      [s.id, cleanName(input.name), language, topics, consentVersion, now],
    );
    const { token, hash } = await issueToken(tx, s.id, 'CONFIRM', now);
    await enqueueMail(tx, `confirm:${hash.toString('hex')}`, confirmationMail(s.email, language, token, ctx.services.links), PRIORITY);
  });
  return SIGN_UP_RESULT;
}

/**
 * Double opt-in, step 2: the confirmation link was used. Writes the consent proof (time, client
 * address and user agent as the gateway saw them, consent text version). Using the link again
 * changes nothing; each use hands out a new manage token.
 */
export async function confirm(ctx: NewsletterContext, token: string): Promise<{ subscription: Subscriber; manageToken: string }> {
  const now = ctx.clock.now();
  return ctx.ds.transaction(async (tx) => {
    const t = await useToken(tx, token, 'CONFIRM', now);
    const repo = tx.getRepository(Subscriber);
    const s = await repo.findOneByOrFail({ id: t.subscriberId });
    if (s.status !== SubscriberStatus.CONFIRMED) {
      await tx.getRepository(ConsentRecord).insert({
        subscriberId: s.id,
        requestedAt: t.createdAt,
        confirmedAt: now,
        ipAddress: ctx.client.ip ?? null,
        userAgent: ctx.client.userAgent ?? null,
        consentTextVersion: s.signupConsentVersion ?? CONSENT_TEXT_VERSION,
      });
      Object.assign(s, { status: SubscriberStatus.CONFIRMED, confirmedAt: now, unsubscribedAt: null });
      await repo.save(s);
    }
    const manage = await issueToken(tx, s.id, 'MANAGE', now);
    return { subscription: s, manageToken: manage.token };
  });
}

/** The subscription a manage token opens. */
export function subscriptionByToken(ctx: NewsletterContext, token: string): Promise<Subscriber> {
  return ctx.ds.transaction(async (tx) => {
    const t = await useToken(tx, token, 'MANAGE', ctx.clock.now(), false);
    return tx.getRepository(Subscriber).findOneByOrFail({ id: t.subscriberId });
  });
}

/** Changes name, topics or language of a confirmed subscription through its manage token. */
export async function updatePreferences(ctx: NewsletterContext, token: string, input: NewsletterPreferencesInput): Promise<Subscriber> {
  const topics = input.topics ? unique(input.topics) : undefined;
  const language = input.language ? contentLanguage(input.language) : undefined;
  if (topics) await assertTopicsExist(ctx.services.graph, topics, 'topics');
  return ctx.ds.transaction(async (tx) => {
    const t = await useToken(tx, token, 'MANAGE', ctx.clock.now());
    const repo = tx.getRepository(Subscriber);
    const s = await repo.findOneByOrFail({ id: t.subscriberId });
    if (s.status !== SubscriberStatus.CONFIRMED) {
      throw domainError('NOT_SUBSCRIBED', 'This address has unsubscribed. To receive the newsletter again, please sign up again.');
    }
    if (input.name !== undefined) s.name = cleanName(input.name);
    if (topics) s.topicSlugs = topics;
    if (language) s.language = language;
    return repo.save(s);
  });
}

/**
 * Unsubscribes (withdraws consent) through a manage token; used by the `unsubscribe` mutation and the
 * one-click route. Name and interests are removed; address and consent proof stay for the
 * documented retention time; unsent mails of running editions are withdrawn. Idempotent.
 */
export async function unsubscribeWithToken(ds: DataSource, now: Date, token: string): Promise<Subscriber> {
  return ds.transaction(async (tx) => {
    const t = await useToken(tx, token, 'MANAGE', now);
    const repo = tx.getRepository(Subscriber);
    const s = await repo.findOneByOrFail({ id: t.subscriberId });
    if (s.status === SubscriberStatus.UNSUBSCRIBED) return s;
    await withdraw(tx, s.id, now);
    return repo.findOneByOrFail({ id: s.id });
  });
}

/**
 * Withdraws a subscriber's consent in the caller's transaction (unsubscribe, privacy erasure):
 * name and interests go, unsent mails of running editions are withdrawn. Returns how many mails.
 */
export async function withdraw(tx: EntityManager, subscriberId: string, now: Date): Promise<number> {
  await tx.query(
    `UPDATE subscriber SET status = 'UNSUBSCRIBED', unsubscribed_at = $2, name = NULL, topic_slugs = '{}', updated_at = $2 WHERE id = $1`,
    [subscriberId, now],
  );
  await tx.query('UPDATE newsletter_consent SET withdrawn_at = $2 WHERE subscriber_id = $1 AND withdrawn_at IS NULL', [subscriberId, now]);
  await tx.query(`DELETE FROM subscriber_token WHERE subscriber_id = $1 AND purpose = 'CONFIRM'`, [subscriberId]);
  const withdrawn = returnedRows<{ edition: string }>(
    await tx.query(
      `DELETE FROM outbox_mail WHERE dedupe_key LIKE 'edition:%' AND status = 'PENDING' AND split_part(dedupe_key, ':', 3) = $1
       RETURNING split_part(dedupe_key, ':', 2) AS edition`,
      [subscriberId],
    ),
  );
  // A withdrawn mail is no longer a recipient of a fully queued edition (the count of one still queuing is taken at its end).
  if (withdrawn.length) {
    await tx.query('UPDATE newsletter_edition SET recipients_total = recipients_total - 1 WHERE id::text = ANY($1) AND enqueued_at IS NOT NULL', [withdrawn.map((w) => w.edition)]);
  }
  return withdrawn.length;
}

function filtered(ctx: NewsletterContext, filter: NewsletterSubscriberFilter) {
  const qb = ctx.ds.getRepository(Subscriber).createQueryBuilder('s');
  if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
  if (filter.topic) qb.andWhere(':topic = ANY(s.topic_slugs)', { topic: filter.topic });
  if (filter.search?.trim()) {
    // Folded on both sides (kit, German rule): "Mueller" finds "Müller" and the other way round.
    qb.andWhere('(german_fold(s.email) LIKE :like OR german_fold(s.name) LIKE :like)', { like: germanContainsPattern(filter.search) });
  }
  return qb;
}

/** One page of subscribers, newest first (coordinators). */
export function listSubscribers(ctx: NewsletterContext, filter: NewsletterSubscriberFilter, page: { first: number; after?: string | null }): Promise<Page<Subscriber>> {
  return paginate(filtered(ctx, filter), page, [
    { sql: 's.created_at', desc: true, cast: 'timestamptz', value: (s) => s.createdAt.toISOString() },
    { sql: 's.id', desc: true, cast: 'uuid', value: (s) => s.id },
  ]);
}

/** Subscriber numbers by status and confirmed subscribers by topic: two statements. */
export async function subscriberCounts(ctx: NewsletterContext): Promise<NewsletterSubscriberCounts> {
  const [[totals], topics] = await Promise.all([
    ctx.ds.query(`SELECT count(*)::int AS total,
        count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
        count(*) FILTER (WHERE status = 'CONFIRMED')::int AS confirmed,
        count(*) FILTER (WHERE status = 'UNSUBSCRIBED')::int AS unsubscribed,
        count(*) FILTER (WHERE status = 'CONFIRMED' AND cardinality(topic_slugs) = 0)::int AS "confirmedWithoutTopics"
      FROM subscriber`),
    ctx.ds.query(`SELECT t.slug, count(*)::int AS confirmed FROM subscriber s CROSS JOIN LATERAL unnest(s.topic_slugs) AS t(slug)
      WHERE s.status = 'CONFIRMED' GROUP BY t.slug ORDER BY t.slug`) as Promise<{ slug: string; confirmed: number }[]>,
  ]);
  return { ...totals, byTopic: topics.map((t) => ({ topic: { slug: t.slug }, confirmed: t.confirmed })) };
}

const CSV_COLUMNS = ['email', 'name', 'language', 'topics', 'status', 'signed_up_at', 'confirmed_at', 'unsubscribed_at', 'consent_text_version'];

/** A CSV cell: quoted when needed; text a spreadsheet would run as a formula gets a leading `'`. */
function csvCell(value: unknown): string {
  let s = value instanceof Date ? value.toISOString() : value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** All subscribers matching the filter as CSV (sorted by address), read in pages of 1000 rows. */
export async function subscribersCsv(ctx: NewsletterContext, filter: NewsletterSubscriberFilter): Promise<string> {
  const lines = [CSV_COLUMNS.join(',')];
  let after = '';
  for (;;) {
    const rows: Array<Record<string, unknown> & { email: string; topics: string[] }> = await filtered(ctx, filter)
      .select('s.email', 'email')
      .addSelect('s.name', 'name')
      .addSelect('s.language', 'language')
      .addSelect('s.topic_slugs', 'topics')
      .addSelect('s.status', 'status')
      .addSelect('s.created_at', 'created')
      .addSelect('s.confirmed_at', 'confirmed')
      .addSelect('s.unsubscribed_at', 'unsubscribed')
      .addSelect('(SELECT c.consent_text_version FROM newsletter_consent c WHERE c.subscriber_id = s.id ORDER BY c.confirmed_at DESC LIMIT 1)', 'consent')
      .andWhere('lower(s.email) > :after', { after })
      .orderBy('lower(s.email)')
      .limit(1000)
      .getRawMany();
    for (const r of rows) {
      lines.push([r.email, r.name, r.language, r.topics.join(' '), r.status, r.created, r.confirmed, r.unsubscribed, r.consent].map(csvCell).join(','));
    }
    if (rows.length < 1000) break;
    after = rows[rows.length - 1].email.toLowerCase();
  }
  return `${lines.join('\r\n')}\r\n`;
}
