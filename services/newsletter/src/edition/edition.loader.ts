import type { NewsletterContext } from '../context';

export interface DeliveryCounts {
  queued: number;
  sent: number;
  failed: number;
  pending: number;
}

/** Outbox counts of many editions at once (one statement per batch, on the edition index of the outbox). */
export const deliveryOf = (ctx: NewsletterContext) =>
  ctx.loaders.get<string, DeliveryCounts>('edition.delivery', async (ids) => {
    const rows: { edition: string; status: string; n: number }[] = await ctx.ds.query(
      `SELECT split_part(dedupe_key, ':', 2) AS edition, status, count(*)::int AS n FROM outbox_mail
        WHERE dedupe_key LIKE 'edition:%' AND split_part(dedupe_key, ':', 2) = ANY($1::text[]) GROUP BY 1, 2`,
      [ids],
    );
    return ids.map((id) => {
      const of = (status: string) => rows.find((r) => r.edition === id && r.status === status)?.n ?? 0;
      const [pending, sent, failed] = [of('PENDING'), of('SENT'), of('FAILED')];
      return { queued: pending + sent + failed, sent, failed, pending };
    });
  });
