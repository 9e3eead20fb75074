import { randomBytes } from 'node:crypto';
import { TIME_ZONE } from '@mitgen/subgraph-kit';
import type { GraphClient } from '../graph/graph.client';
import { escapeHtml, linkHtml, paragraphsHtml, safeUrl } from '../mail/html';
import type { PublicLinks } from '@mitgen/subgraph-kit';
import { EditionItemKind, type EditionItemData } from './edition.entity';

// Renders an edition to HTML and plain text. Referenced records are read through the gateway as an
// anonymous client (public data only) in one request. Everything from the graph, from coordinators
// and from subscribers is escaped. Per-recipient parts (greeting, links) are placeholders with a
// random marker, filled in for each mail when it is sent.

/** A rendered edition before personalisation. */
export interface RenderedEdition {
  subject: string;
  html: string;
  text: string;
  marker: string;
  /** Items that cannot be rendered (missing or not public); an edition with problems is not sent. */
  problems: string[];
}

interface EventData {
  id: string;
  slug: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  city: string | null;
  online: boolean;
  status: string;
}
interface ResourceData {
  id: string;
  title: string;
  summary: string;
  url: string | null;
  provider: { name: string } | null;
}
interface PartnerData {
  id: string;
  slug: string;
  name: string;
  shortName: string | null;
  description: string;
  city: string | null;
  website: string | null;
}

const SELECTIONS: Record<Exclude<EditionItemKind, EditionItemKind.TEXT>, { field: string; argType: string; selection: string; label: string }> = {
  EVENT: { field: 'event', argType: 'ID', selection: 'id slug title description startsAt endsAt venueName city online status', label: 'event' },
  RESOURCE: { field: 'resource', argType: 'ID!', selection: 'id title summary url provider { name }', label: 'resource' },
  PARTNER: { field: 'partner', argType: 'ID', selection: 'id slug name shortName description city website', label: 'partner' },
};

/**
 * Aliased fields per graph request: under the gateway's alias limit for anonymous callers
 * (MAX_ALIASES, default 15), which applies because the service reads as the public does.
 */
const ITEMS_PER_REQUEST = 12;

/** Reads the referenced records of all items (few graph requests; null where not public or unknown). */
async function fetchItems(graph: GraphClient, items: EditionItemData[]): Promise<Array<EventData | ResourceData | PartnerData | null>> {
  const refs = items.map((item, i) => ({ item, i })).filter(({ item }) => item.kind !== EditionItemKind.TEXT);
  const data: Record<string, EventData | ResourceData | PartnerData | null> = {};
  for (let start = 0; start < refs.length; start += ITEMS_PER_REQUEST) {
    const part = refs.slice(start, start + ITEMS_PER_REQUEST);
    const vars = Object.fromEntries(part.map(({ item, i }) => [`v${i}`, item.refId]));
    const defs = part.map(({ item, i }) => `$v${i}: ${SELECTIONS[item.kind as keyof typeof SELECTIONS].argType}`).join(', ');
    const fields = part
      .map(({ item, i }) => {
        const s = SELECTIONS[item.kind as keyof typeof SELECTIONS];
        return `i${i}: ${s.field}(id: $v${i}) { ${s.selection} }`;
      })
      .join('\n');
    Object.assign(data, await graph.request<typeof data>(`query EditionItems(${defs}) {\n${fields}\n}`, vars));
  }
  return items.map((_, i) => data[`i${i}`] ?? null);
}

const dateFmt = new Intl.DateTimeFormat('de-DE', { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('de-DE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });

/** "Do., 12. September 2019, 10:00–16:30 Uhr" in Berlin time. */
export function eventWhen(startsAt: string, endsAt: string): string {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  if (dateFmt.format(s) === dateFmt.format(e)) return `${dateFmt.format(s)}, ${timeFmt.format(s)}–${timeFmt.format(e)} Uhr`;
  return `${dateFmt.format(s)}, ${timeFmt.format(s)} Uhr – ${dateFmt.format(e)}, ${timeFmt.format(e)} Uhr`;
}

/** The first `max` characters of a text, cut at a word. */
function teaser(text: string, max = 280): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  return `${t.slice(0, max).replace(/\s+\S*$/, '')} …`;
}

/** One item as the renderer needs it, whatever its kind. */
interface Block {
  label: string;
  title: string;
  url: string | null;
  meta: string | null;
  body: string | null;
  note: string | null;
}

function blockOf(item: EditionItemData, data: EventData | ResourceData | PartnerData | null, links: PublicLinks): Block | null {
  const note = item.kind === EditionItemKind.TEXT ? null : item.text?.trim() || null;
  switch (item.kind) {
    case EditionItemKind.TEXT:
      return { label: 'Aus dem Netzwerk', title: item.title ?? '', url: safeUrl(item.url), meta: null, body: item.text ?? '', note: null };
    case EditionItemKind.EVENT: {
      const e = data as EventData | null;
      if (!e) return null;
      const place = e.online && !e.venueName ? 'online' : [e.venueName, e.city].filter(Boolean).join(', ') + (e.online ? ' und online' : '');
      const cancelled = e.status === 'CANCELLED' ? 'ABGESAGT – ' : '';
      return {
        label: 'Veranstaltung',
        title: `${cancelled}${item.title?.trim() || e.title}`,
        url: links.event(e.slug),
        meta: [eventWhen(e.startsAt, e.endsAt), place].filter(Boolean).join(' · '),
        body: teaser(e.description),
        note,
      };
    }
    case EditionItemKind.RESOURCE: {
      const r = data as ResourceData | null;
      if (!r) return null;
      return {
        label: 'Angebot',
        title: item.title?.trim() || r.title,
        url: safeUrl(r.url) ?? links.resource(r.id),
        meta: r.provider ? r.provider.name : null,
        body: teaser(r.summary),
        note,
      };
    }
    case EditionItemKind.PARTNER: {
      const p = data as PartnerData | null;
      if (!p) return null;
      return {
        label: 'Netzwerkpartner*in',
        title: item.title?.trim() || p.name,
        url: links.partner(p.slug),
        meta: p.city,
        body: teaser(p.description),
        note,
      };
    }
  }
}

/** The placeholders of one edition's per-recipient parts. */
export const placeholders = (marker: string) => ({
  greeting: `%%${marker}:GREETING%%`,
  preferencesUrl: `%%${marker}:PREFERENCES%%`,
  unsubscribeUrl: `%%${marker}:UNSUBSCRIBE%%`,
});

export const subjectOf = (title: string) => `MitGeN-Newsletter: ${title}`;

/** Renders an edition (title, intro, items) to HTML and text, reading referenced records through the graph. */
export async function renderEdition(
  graph: GraphClient,
  links: PublicLinks,
  edition: { title: string; intro: string; items: EditionItemData[] },
): Promise<RenderedEdition> {
  const marker = randomBytes(9).toString('base64url');
  const ph = placeholders(marker);
  const data = await fetchItems(graph, edition.items);
  const problems: string[] = [];
  const blocks: Block[] = [];
  edition.items.forEach((item, i) => {
    const block = blockOf(item, data[i], links);
    if (block) blocks.push(block);
    else problems.push(`Item ${i + 1}: the ${SELECTIONS[item.kind as keyof typeof SELECTIONS].label} ${item.refId} does not exist or is not public.`);
  });
  const subject = subjectOf(edition.title);

  const blockHtml = (b: Block) => `<tr><td style="padding:16px 0;border-top:1px solid #e6e0da">
<div style="font-size:12px;letter-spacing:.06em;text-transform:uppercase;color:#7a1f5c">${escapeHtml(b.label)}</div>
<h2 style="font-size:19px;margin:4px 0 6px">${b.url ? linkHtml(b.url, b.title, 'color:#222;text-decoration:none') : escapeHtml(b.title)}</h2>
${b.meta ? `<div style="font-size:14px;color:#555;margin-bottom:6px">${escapeHtml(b.meta)}</div>` : ''}
${b.body ? paragraphsHtml(b.body, 'margin:0 0 8px') : ''}
${b.note ? `<p style="margin:0 0 8px;font-style:italic">${escapeHtml(b.note)}</p>` : ''}
${b.url ? `<div>${linkHtml(b.url, 'Mehr erfahren →')}</div>` : ''}
</td></tr>`;

  const html = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f1ee">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f1ee"><tr><td align="center">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" style="max-width:640px;width:100%;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222">
<tr><td style="background:#7a1f5c;color:#ffffff;padding:20px 24px">
<div style="font-size:13px;letter-spacing:.08em">MITGEN-NEWSLETTER</div>
<h1 style="font-size:24px;margin:6px 0 0">${escapeHtml(edition.title)}</h1>
</td></tr>
<tr><td style="padding:24px">
<p>${ph.greeting}</p>
${paragraphsHtml(edition.intro)}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0">
${blocks.map(blockHtml).join('\n')}
</table>
</td></tr>
<tr><td style="padding:16px 24px;background:#faf8f6;font-size:13px;color:#666">
Sie erhalten diesen Newsletter, weil Sie ihn bestellt und Ihre Anmeldung bestätigt haben.<br>
<a href="${ph.preferencesUrl}" style="color:#666">Einstellungen ändern</a> · <a href="${ph.unsubscribeUrl}" style="color:#666">Newsletter abbestellen</a><br>
MitGeN – Migration. Geschlechtergleichstellung. Niedersachsen · koordiniert von G mit Niedersachsen im VNB e.V. · ${linkHtml(links.imprint, 'Impressum', 'color:#666')}
</td></tr>
</table>
</td></tr></table>
</body></html>`;

  const blockText = (b: Block) =>
    [`— ${b.label} —`, b.title, b.meta, b.body, b.note, b.url ? `Mehr: ${b.url}` : null].filter((l) => l !== null && l !== '').join('\n');
  const text = [
    'MitGeN-Newsletter',
    edition.title,
    '='.repeat(Math.min(edition.title.length, 72)),
    '',
    ph.greeting,
    '',
    edition.intro.trim(),
    '',
    ...blocks.map((b) => `${blockText(b)}\n`),
    '--',
    'Sie erhalten diesen Newsletter, weil Sie ihn bestellt und Ihre Anmeldung bestätigt haben.',
    `Einstellungen ändern: ${ph.preferencesUrl}`,
    `Newsletter abbestellen: ${ph.unsubscribeUrl}`,
    `Impressum: ${links.imprint}`,
    '',
  ].join('\n');

  return { subject, html, text, marker, problems };
}

/** One recipient's copy of a rendered edition: greeting with their (escaped) name, their links. */
export function personalise(
  r: { html: string; text: string; marker: string },
  p: { name: string | null; preferencesUrl: string; unsubscribeUrl: string },
): { html: string; text: string } {
  const ph = placeholders(r.marker);
  const greeting = p.name ? `Guten Tag ${p.name},` : 'Guten Tag,';
  // split/join rather than replace(): a `$` in a name must not act as a replacement pattern.
  const fill = (s: string, values: Record<string, string>) =>
    s
      .split(ph.greeting)
      .join(values.greeting)
      .split(ph.preferencesUrl)
      .join(values.preferencesUrl)
      .split(ph.unsubscribeUrl)
      .join(values.unsubscribeUrl);
  return {
    html: fill(r.html, { greeting: escapeHtml(greeting), preferencesUrl: escapeHtml(p.preferencesUrl), unsubscribeUrl: escapeHtml(p.unsubscribeUrl) }),
    text: fill(r.text, { greeting, preferencesUrl: p.preferencesUrl, unsubscribeUrl: p.unsubscribeUrl }),
  };
}
