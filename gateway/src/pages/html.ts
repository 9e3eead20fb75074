import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { escapeHtml, PAGE_PATHS } from '@mitgen/subgraph-kit/runtime';

// HTML of the gateway's own pages: a template tag that escapes every interpolated value unless it
// is already HTML made here, one layout, one stylesheet (inline, allowed by its hash alone).

/** HTML made by `html` (safe to put into other HTML as it is). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export { escapeHtml, safeUrl } from '@mitgen/subgraph-kit/runtime';

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** Template tag: values are escaped, nested `html` results and arrays of them are kept. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => (out += render(v) + strings[i + 1]));
  return new SafeHtml(out);
}

/** Plain text with blank-line paragraphs as paragraphs (line breaks kept). */
export function paragraphs(text: string | null | undefined): SafeHtml {
  const parts = (text ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return new SafeHtml(parts.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n'));
}

const berlin = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', ...options });
const DAY = berlin({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const TIME = berlin({ hour: '2-digit', minute: '2-digit' });
const DAY_KEY = berlin({ year: 'numeric', month: '2-digit', day: '2-digit' });

/** `Donnerstag, 12. September 2019, 10:00–16:30 Uhr` (Europe/Berlin); across days both dates. */
export function timeSpan(from: string, to?: string | null): string {
  const a = new Date(from);
  if (!to) return `${DAY.format(a)}, ${TIME.format(a)} Uhr`;
  const b = new Date(to);
  if (DAY_KEY.format(a) === DAY_KEY.format(b)) return `${DAY.format(a)}, ${TIME.format(a)}–${TIME.format(b)} Uhr`;
  return `${DAY.format(a)}, ${TIME.format(a)} Uhr bis ${DAY.format(b)}, ${TIME.format(b)} Uhr`;
}

/** `10:00–10:30` (Europe/Berlin). */
export function clockSpan(from: string | null | undefined, to?: string | null): string {
  if (!from) return '';
  return to ? `${TIME.format(new Date(from))}–${TIME.format(new Date(to))}` : TIME.format(new Date(from));
}

// Readable without any style; the sheet only sets a calm layout, contrast (WCAG AA) and visible focus.
const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.55;color:#1d1d1f;background:#fff;margin:0}
header,main,footer{max-width:42rem;margin:0 auto;padding:0 1rem}
header{border-bottom:3px solid #7a1f5c;padding-top:1rem;padding-bottom:.5rem}
header a{color:#1d1d1f;text-decoration:none;font-weight:600}
main{padding-top:1rem;padding-bottom:2rem}
footer{border-top:1px solid #ccc;padding-top:.75rem;padding-bottom:2rem;font-size:.9rem}
h1{font-size:1.6rem;line-height:1.25}
h2{font-size:1.2rem;margin-top:2rem}
a{color:#6a1550}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #1a5fb4;outline-offset:2px}
button{font:inherit;background:#7a1f5c;color:#fff;border:0;border-radius:4px;padding:.6rem 1.1rem;cursor:pointer}
button.secondary{background:#fff;color:#6a1550;border:2px solid #6a1550}
fieldset{border:1px solid #bbb;border-radius:4px;margin:1rem 0;padding:.5rem 1rem}
label{display:block;margin:.5rem 0}
input[type=text],input[type=email]{font:inherit;width:100%;max-width:28rem;padding:.4rem;border:1px solid #767676;border-radius:4px;box-sizing:border-box}
.box{border-left:4px solid #7a1f5c;background:#f6eef3;padding:.5rem 1rem;margin:1rem 0}
.error{border-left-color:#b00020;background:#fdecee}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0}
`.trim();

/** The page's Content-Security-Policy: nothing from anywhere, but this stylesheet and forms to this host. */
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageOptions {
  status?: number;
  /** Pages that carry a token (manage, confirm, preferences): not cached, not indexed. */
  personal?: boolean;
}

/** Sends a whole page: layout, title as heading, security headers. */
export function sendPage(res: Response, title: string, body: SafeHtml, options: PageOptions = {}): void {
  const personal = options.personal ?? true;
  res
    .status(options.status ?? 200)
    .type('html')
    .set('Content-Security-Policy', CSP)
    .set('X-Content-Type-Options', 'nosniff')
    // Tokens are in these pages' addresses: never send them on to another site.
    .set('Referrer-Policy', 'no-referrer')
    .set('Cache-Control', personal ? 'no-store' : 'public, max-age=60')
    .send(
      `<!doctype html>\n` +
        html`<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${
          personal ? html`<meta name="robots" content="noindex">` : ''
        }<title>${title} – MitGeN</title><style>${new SafeHtml(CSS)}</style></head><body>
<header><a href="${PAGE_PATHS.eventList}">MitGeN</a> – Migration. Geschlechtergleichstellung. Niedersachsen</header>
<main><h1>${title}</h1>
${body}
</main>
<footer>Ein Netzwerk koordiniert von G mit Niedersachsen im VNB e.V. · <a href="${PAGE_PATHS.imprint}">Impressum</a></footer>
</body></html>`.value,
    );
}
