import type { MailTransport } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { EditionMailMessage } from '../edition/edition.dispatcher';
import { personalise } from '../edition/edition.render';
import type { PublicLinks } from '@mitgen/subgraph-kit';

interface Frozen {
  subject: string;
  html: string;
  text: string;
  marker: string;
}

/** RFC 2369 / RFC 8058 headers of one recipient's newsletter mail. */
export function listHeaders(links: PublicLinks, token: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${links.oneClickUnsubscribe(token)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `MitGeN-Newsletter <newsletter.${new URL(links.website).hostname}>`,
  };
}

/**
 * Wraps the kit's transport: edition mails are stored in the outbox as a reference (edition id,
 * recipient's token and name) instead of 50,000 copies of the same body; here they become the frozen
 * rendering with the recipient's greeting, links and unsubscribe headers. Other mails pass unchanged.
 * Frozen renderings never change, so keeping the few recent ones in memory is safe.
 */
export function editionTransport(inner: MailTransport, ds: DataSource, links: PublicLinks): MailTransport {
  const frozen = new Map<string, Promise<Frozen>>();
  const load = (id: string): Promise<Frozen> => {
    let p = frozen.get(id);
    if (!p) {
      p = ds
        .query('SELECT rendered_subject AS subject, rendered_html AS html, rendered_text AS text, marker FROM newsletter_edition WHERE id = $1 AND marker IS NOT NULL', [id])
        .then(([row]: Frozen[]) => {
          if (!row) throw new Error(`edition ${id} has no frozen rendering`);
          return row;
        });
      p.catch(() => frozen.delete(id));
      frozen.set(id, p);
      if (frozen.size > 8) frozen.delete(frozen.keys().next().value!);
    }
    return p;
  };
  return {
    async send(message, options) {
      const { edition, ...rest } = message as EditionMailMessage & { from: string; messageId: string };
      if (!edition) return inner.send(message, options);
      const f = await load(edition.id);
      const { html, text } = personalise(f, {
        name: edition.name,
        preferencesUrl: links.newsletterPreferences(edition.token),
        unsubscribeUrl: links.oneClickUnsubscribe(edition.token),
      });
      await inner.send({ ...rest, subject: f.subject, html, text, headers: { ...rest.headers, ...listHeaders(links, edition.token) } }, options);
    },
    close: () => inner.close(),
  };
}
