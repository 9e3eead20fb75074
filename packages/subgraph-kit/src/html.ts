// Text from the graph, from coordinators or from the public (names!) that goes into HTML — the
// gateway's pages, mails, newsletter editions — passes through these two rules: text is escaped,
// links must be absolute http(s) URLs.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and attribute values. */
export const escapeHtml = (text: string): string => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The URL when it is an absolute http(s) URL, else null (no `javascript:` or `data:` links from data). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}
