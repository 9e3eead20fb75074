import { SOURCE_LANGUAGE, type MailTransport } from '@mitgen/subgraph-kit';
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
 * rendering in the recipient's language with their greeting, links and unsubscribe headers. Other mails pass unchanged.
 * Frozen renderings never change, so keeping the few recent ones in memory is safe.
 */
export function editionTransport(inner: MailTransport, ds: DataSource, links: PublicLinks): MailTransport {
  const frozen = new Map<string, Promise<Frozen>>();
  const load = (id: string, language: string): Promise<Frozen> => {
    const key = `${id}:${language}`;
    let p = frozen.get(key);
    if (!p) {
      const query =
        language === SOURCE_LANGUAGE
          ? ds.query('SELECT rendered_subject AS subject, rendered_html AS html, rendered_text AS text, marker FROM newsletter_edition WHERE id = $1 AND marker IS NOT NULL', [id])
          : ds.query(
              `SELECT r.subject, r.html, r.text, e.marker FROM newsletter_edition_rendering r JOIN newsletter_edition e ON e.id = r.edition_id
                WHERE r.edition_id = $1 AND r.language = $2 AND e.marker IS NOT NULL`,
              [id, language],
            );
      p = query.then(([row]: Frozen[]) => {
        if (!row) throw new Error(`edition ${id} has no frozen rendering in ${language}`);
        return row;
      });
      p.catch(() => frozen.delete(key));
      frozen.set(key, p);
      if (frozen.size > 16) frozen.delete(frozen.keys().next().value!);
    }
    return p;
  };
  return {
    async send(message, options) {
      const { edition, ...rest } = message as EditionMailMessage & { from: string; messageId: string };
      if (!edition) return inner.send(message, options);
      // The language fixed when the mail was queued (a retry renders the same one).
      const language = edition.language ?? SOURCE_LANGUAGE;
      const f = await load(edition.id, language);
      const { html, text } = personalise(f, {
        language,
        name: edition.name,
        preferencesUrl: links.newsletterPreferences(edition.token),
        unsubscribeUrl: links.oneClickUnsubscribe(edition.token),
      });
      await inner.send({ ...rest, subject: f.subject, html, text, headers: { ...rest.headers, ...listHeaders(links, edition.token) } }, options);
    },
    close: () => inner.close(),
  };
}
