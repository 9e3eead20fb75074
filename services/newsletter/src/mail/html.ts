// Everything that goes into an HTML mail from the graph, from coordinators or from subscribers
// (names!) passes through these helpers: text is escaped, links must be http(s).

import { contentLanguageOf, directionOf, escapeHtml, SOURCE_LANGUAGE } from '@mitgen/subgraph-kit';

// The two rules themselves (escaping, http(s) links only) are the kit's, shared with the gateway's pages.
export { escapeHtml, safeUrl } from '@mitgen/subgraph-kit';

/** Plain text with blank-line paragraphs as escaped HTML paragraphs. */
export function paragraphsHtml(text: string, style = ''): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p${style ? ` style="${style}"` : ''}>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** An escaped link. */
export const linkHtml = (url: string, label: string, style = 'color:#7a1f5c') => `<a href="${escapeHtml(url)}" style="${style}">${escapeHtml(label)}</a>`;

/** The mail's content language: the subscriber's, or German for a code that is no (longer a) content language. */
export const mailLanguage = (language: string | null | undefined): string => (language && contentLanguageOf(language) ? language : SOURCE_LANGUAGE);

/** `dir` attribute value of a language (`rtl` for Arabic and Persian). */
export const dirOf = (language: string): 'ltr' | 'rtl' => (directionOf(language) === 'RTL' ? 'rtl' : 'ltr');

/** The opening `<html>` tag of a mail in a language, with `lang` and `dir`. */
export const htmlTag = (language: string) => `<html lang="${escapeHtml(mailLanguage(language))}" dir="${dirOf(mailLanguage(language))}">`;
