import { alignByKey } from '@mitgen/subgraph-kit';
import type { ConsentRecord } from '../consent/consent.entity';
import type { NewsletterContext } from '../context';

/** The latest consent proof of many subscribers, one statement per batch. */
export const latestConsentOf = (ctx: NewsletterContext) =>
  ctx.loaders.get<string, ConsentRecord | null>('consent.latest', async (ids) => {
    const rows: ConsentRecord[] = await ctx.ds.query(
      `SELECT DISTINCT ON (subscriber_id) id, subscriber_id AS "subscriberId", requested_at AS "requestedAt", confirmed_at AS "confirmedAt",
              ip_address AS "ipAddress", user_agent AS "userAgent", consent_text_version AS "consentTextVersion", withdrawn_at AS "withdrawnAt"
         FROM newsletter_consent WHERE subscriber_id = ANY($1::uuid[]) ORDER BY subscriber_id, confirmed_at DESC`,
      [ids],
    );
    return alignByKey(ids, rows, (r) => r.subscriberId);
  });
