import { alignByKey, groupedPages, type Page, type PageArgs } from '@mitgen/subgraph-kit';
import type { ConsentRecord } from '../consent/consent.entity';
import type { NewsletterContext } from '../context';
import { Subscriber } from '../subscriber/subscriber.entity';

// Lookups by e-mail address for the privacy export (keys: lower-case addresses).

/** The subscription of each address (at most one: addresses are unique ignoring case). */
export const subscriberByEmail = (ctx: NewsletterContext) =>
  ctx.loaders.get<string, Subscriber | null>('privacy.subscriberByEmail', async (emails) => {
    const rows = await ctx.ds
      .getRepository(Subscriber)
      .createQueryBuilder('s')
      .where('lower(s.email) = ANY(:emails)', { emails: [...emails] })
      .getMany();
    return alignByKey(emails, rows, (s) => s.email.toLowerCase());
  });

/** Every consent proof of each address's subscription, newest first: three statements per batch. */
export const consentProofsByEmail = (ctx: NewsletterContext, page: PageArgs) =>
  ctx.loaders.get<string, Page<ConsentRecord>>(`privacy.consentsByEmail:${page.first}:${page.after ?? ''}`, async (emails) => {
    const pages = await groupedPages(
      ctx.ds,
      {
        from: 'newsletter_consent c JOIN subscriber s ON s.id = c.subscriber_id',
        group: 'lower(s.email)',
        groupType: 'text',
        id: 'c.id',
        // Milliseconds: cursors carry JavaScript dates.
        sort: [
          { sql: "date_trunc('milliseconds', c.confirmed_at)", desc: true, cast: 'timestamptz' },
          { sql: 'c.id', desc: true, cast: 'uuid' },
        ],
      },
      emails,
      page,
    );
    const ids = pages.flatMap((p) => p.ids);
    const rows: ConsentRecord[] = ids.length
      ? await ctx.ds.query(
          `SELECT id, subscriber_id AS "subscriberId", requested_at AS "requestedAt", confirmed_at AS "confirmedAt", ip_address AS "ipAddress",
                  user_agent AS "userAgent", consent_text_version AS "consentTextVersion", withdrawn_at AS "withdrawnAt"
             FROM newsletter_consent WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    return pages.map((p) => ({
      totalCount: p.totalCount,
      pageInfo: p.pageInfo,
      nodes: alignByKey(p.ids, rows, (r) => r.id).filter((r): r is ConsentRecord => r !== null),
    }));
  });
