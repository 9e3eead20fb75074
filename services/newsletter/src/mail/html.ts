// Everything that goes into an HTML mail from the graph, from coordinators or from subscribers
// (names!) passes through these helpers: text is escaped, links must be http(s).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and attribute values. */
export const escapeHtml = (text: string): string => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The URL when it is an absolute http(s) URL, else null (no `javascript:` or `data:` links in mails). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

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
