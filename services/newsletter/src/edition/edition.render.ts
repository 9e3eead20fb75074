import { randomBytes } from 'node:crypto';
import { lookUpThroughGraph, SOURCE_LANGUAGE, TIME_ZONE, type GraphClient, type GraphLookupField, type PublicLinks } from '@mitgen/subgraph-kit';
import { recordField, type RecordKind } from '../graph/graph.references';
import { dirOf, escapeHtml, htmlTag, linkHtml, mailLanguage, paragraphsHtml, safeUrl } from '../mail/html';
import { mailText } from '../mail/messages';
import { EditionItemKind, type EditionItemData } from './edition.entity';

// Renders an edition to HTML and plain text, once per language of its recipients. Referenced
// records are read through the gateway as the public sees them, one lookup per language (never per
// recipient), with that language as Accept-Language: the graph answers each text in that language
// or in German. The mail's own texts come from the newsletter's catalogue (mail/messages.ts); the
// coordinators' title and intro stay as written (German). Everything from the graph, from
// coordinators and from subscribers is escaped. Per-recipient parts (greeting, links) are
// placeholders with a random marker, filled in for each mail when it is sent.

/** One language's rendering of an edition, before personalisation. */
export interface EditionRendering {
  language: string;
  subject: string;
  html: string;
  text: string;
}

/** A rendered edition before personalisation: German (the fields) and the other languages asked for. */
export interface RenderedEdition {
  subject: string;
  html: string;
  text: string;
  marker: string;
  /** Renderings in the other languages asked for (German is the edition's own subject, html and text). */
  translations: EditionRendering[];
  /** Items that cannot be rendered (missing or not public); an edition with problems is not sent. */
  problems: string[];
}

interface EventData {
  id: string;
  slug: string;
  /** The language the graph answered the texts in (the asked one, or `de`). */
  language: string;
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
  /** The language the graph answered the texts in (the asked one, or `de`). */
  language: string;
  title: string;
  summary: string;
  url: string | null;
  provider: { name: string } | null;
}
interface PartnerData {
  id: string;
  language: string;
  slug: string;
  name: string;
  shortName: string | null;
  description: string;
  city: string | null;
  website: string | null;
}

const LABELS: Record<RecordKind, string> = { EVENT: 'event', RESOURCE: 'resource', PARTNER: 'partner' };

/** What the rendering reads of each kind (`language`: which language the graph answered in). */
const FIELDS: Record<RecordKind, GraphLookupField> = {
  EVENT: recordField('EVENT', 'id slug title description language startsAt endsAt venueName city online status'),
  RESOURCE: recordField('RESOURCE', 'id title summary url language provider { name }'),
  PARTNER: recordField('PARTNER', 'id slug name shortName description city website language'),
};

/** Reads the referenced records of all items in one language (a dozen per request; null where not public or unknown). */
async function fetchItems(graph: GraphClient, items: EditionItemData[], language: string): Promise<Array<EventData | ResourceData | PartnerData | null>> {
  const refs = items.map((item, i) => ({ item, i })).filter(({ item }) => item.kind !== EditionItemKind.TEXT);
  const found = await lookUpThroughGraph(
    graph,
    'EditionItems',
    FIELDS,
    refs.map(({ item }) => ({ kind: item.kind as RecordKind, key: item.refId! })),
    { language },
  );
  const data: Array<EventData | ResourceData | PartnerData | null> = items.map(() => null);
  refs.forEach(({ i }, n) => (data[i] = found[n] as unknown as EventData | ResourceData | PartnerData | null));
  return data;
}

const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
/** Date and time formats of a language in Berlin time (Gregorian calendar everywhere: the events are in Germany). */
function formatsOf(language: string) {
  let f = formats.get(language);
  if (!f) {
    const locale = language === SOURCE_LANGUAGE ? 'de-DE' : `${language}-u-ca-gregory`;
    f = {
      date: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' }),
      time: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }),
    };
    formats.set(language, f);
  }
  return f;
}

/** "Do., 12. September 2019, 10:00–16:30 Uhr" in Berlin time (in German; other languages their way). */
export function eventWhen(startsAt: string, endsAt: string, language = SOURCE_LANGUAGE): string {
  const { date, time } = formatsOf(mailLanguage(language));
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  if (date.format(s) === date.format(e)) return mailText(language, 'sameDay', { date: date.format(s), from: time.format(s), to: time.format(e) });
  return mailText(language, 'severalDays', { startDate: date.format(s), from: time.format(s), endDate: date.format(e), to: time.format(e) });
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
  /** Language of the title and texts when it differs from the mail's (German fallback, coordinators' texts). */
  textLanguage: string | null;
  title: string;
  url: string | null;
  meta: string | null;
  body: string | null;
  note: string | null;
}

function blockOf(item: EditionItemData, data: EventData | ResourceData | PartnerData | null, links: PublicLinks, language: string): Block | null {
  const m = (key: string, values?: Record<string, unknown>) => mailText(language, key, values);
  const note = item.kind === EditionItemKind.TEXT ? null : item.text?.trim() || null;
  // Texts the graph answered in German (no translation) or a coordinator wrote are marked as German.
  const other = (answered: string) => (answered === language ? null : answered);
  switch (item.kind) {
    case EditionItemKind.TEXT:
      return { label: m('labelText'), textLanguage: other(SOURCE_LANGUAGE), title: item.title ?? '', url: safeUrl(item.url), meta: null, body: item.text ?? '', note: null };
    case EditionItemKind.EVENT: {
      const e = data as EventData | null;
      if (!e) return null;
      const venue = [e.venueName, e.city].filter(Boolean).join(', ');
      const place = e.online && !e.venueName ? m('online') : e.online ? m('andOnline', { place: venue }) : venue;
      const cancelled = e.status === 'CANCELLED' ? `${m('cancelled')} – ` : '';
      return {
        label: m('labelEvent'),
        textLanguage: other(e.language ?? SOURCE_LANGUAGE),
        title: `${cancelled}${item.title?.trim() || e.title}`,
        url: links.event(e.slug),
        meta: [eventWhen(e.startsAt, e.endsAt, language), place].filter(Boolean).join(' · '),
        body: teaser(e.description),
        note,
      };
    }
    case EditionItemKind.RESOURCE: {
      const r = data as ResourceData | null;
      if (!r) return null;
      return {
        label: m('labelResource'),
        textLanguage: other(r.language ?? SOURCE_LANGUAGE),
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
        label: m('labelPartner'),
        textLanguage: other(p.language ?? SOURCE_LANGUAGE),
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

/** The attributes that mark text in another language than the mail's (`lang`, and `dir` if it differs). */
function langAttrs(textLanguage: string | null, mailLanguage: string): string {
  if (!textLanguage) return '';
  return ` lang="${escapeHtml(textLanguage)}"${dirOf(textLanguage) !== dirOf(mailLanguage) ? ` dir="${dirOf(textLanguage)}"` : ''}`;
}

/** One language's HTML and text of an edition, from the records as the graph answered them in that language. */
function renderIn(
  language: string,
  links: PublicLinks,
  edition: { title: string; intro: string; items: EditionItemData[] },
  data: Array<EventData | ResourceData | PartnerData | null>,
  ph: ReturnType<typeof placeholders>,
): EditionRendering {
  const m = (key: string) => mailText(language, key);
  const blocks = edition.items.map((item, i) => blockOf(item, data[i], links, language)).filter((b): b is Block => b !== null);
  const subject = subjectOf(edition.title);
  // The coordinators' title and intro are German; marked so in a mail in another language.
  const own = langAttrs(language === SOURCE_LANGUAGE ? null : SOURCE_LANGUAGE, language);

  const blockHtml = (b: Block) => `<tr><td style="padding:16px 0;border-top:1px solid #e6e0da">
<div style="font-size:12px;letter-spacing:.06em;text-transform:uppercase;color:#7a1f5c">${escapeHtml(b.label)}</div>
<div${langAttrs(b.textLanguage, language)}>
<h2 style="font-size:19px;margin:4px 0 6px">${b.url ? linkHtml(b.url, b.title, 'color:#222;text-decoration:none') : escapeHtml(b.title)}</h2>
${b.meta ? `<div style="font-size:14px;color:#555;margin-bottom:6px">${escapeHtml(b.meta)}</div>` : ''}
${b.body ? paragraphsHtml(b.body, 'margin:0 0 8px') : ''}
${b.note ? `<p style="margin:0 0 8px;font-style:italic">${escapeHtml(b.note)}</p>` : ''}
</div>
${b.url ? `<div>${linkHtml(b.url, m('readMore'))}</div>` : ''}
</td></tr>`;

  const html = `<!doctype html>
${htmlTag(language)}<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f1ee">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f1ee"><tr><td align="center">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" style="max-width:640px;width:100%;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222">
<tr><td style="background:#7a1f5c;color:#ffffff;padding:20px 24px">
<div style="font-size:13px;letter-spacing:.08em">MITGEN-NEWSLETTER</div>
<h1 style="font-size:24px;margin:6px 0 0"${own}>${escapeHtml(edition.title)}</h1>
</td></tr>
<tr><td style="padding:24px">
<p>${ph.greeting}</p>
${own ? `<div${own}>\n${paragraphsHtml(edition.intro)}\n</div>` : paragraphsHtml(edition.intro)}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0">
${blocks.map(blockHtml).join('\n')}
</table>
</td></tr>
<tr><td style="padding:16px 24px;background:#faf8f6;font-size:13px;color:#666">
${escapeHtml(m('why'))}<br>
<a href="${ph.preferencesUrl}" style="color:#666">${escapeHtml(m('preferences'))}</a> · <a href="${ph.unsubscribeUrl}" style="color:#666">${escapeHtml(m('unsubscribe'))}</a><br>
${escapeHtml(m('network'))} · ${linkHtml(links.imprint, m('imprint'), 'color:#666')}
</td></tr>
</table>
</td></tr></table>
</body></html>`;

  const blockText = (b: Block) =>
    [`— ${b.label} —`, b.title, b.meta, b.body, b.note, b.url ? `${m('more')}: ${b.url}` : null].filter((l) => l !== null && l !== '').join('\n');
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
    m('why'),
    `${m('preferences')}: ${ph.preferencesUrl}`,
    `${m('unsubscribe')}: ${ph.unsubscribeUrl}`,
    `${m('imprint')}: ${links.imprint}`,
    '',
  ].join('\n');

  return { language, subject, html, text };
}

/**
 * Renders an edition (title, intro, items) in German and in each of `languages`, reading the
 * referenced records through the graph once per language, the languages in parallel.
 */
export async function renderEdition(
  graph: GraphClient,
  links: PublicLinks,
  edition: { title: string; intro: string; items: EditionItemData[] },
  languages: readonly string[] = [],
): Promise<RenderedEdition> {
  const marker = randomBytes(9).toString('base64url');
  const ph = placeholders(marker);
  const all = [SOURCE_LANGUAGE, ...new Set(languages.map(mailLanguage).filter((l) => l !== SOURCE_LANGUAGE))];
  const data = await Promise.all(all.map((language) => fetchItems(graph, edition.items, language)));
  const problems: string[] = [];
  edition.items.forEach((item, i) => {
    // A record the public cannot see is missing in every language; German decides.
    if (item.kind !== EditionItemKind.TEXT && !data[0][i]) {
      problems.push(`Item ${i + 1}: the ${LABELS[item.kind as RecordKind]} ${item.refId} does not exist or is not public.`);
    }
  });
  const [german, ...translations] = all.map((language, n) => renderIn(language, links, edition, data[n], ph));
  return { subject: german.subject, html: german.html, text: german.text, marker, translations, problems };
}

/** One recipient's copy of a rendered edition: greeting in the mail's language with their (escaped) name, their links. */
export function personalise(
  r: { html: string; text: string; marker: string },
  p: { name: string | null; preferencesUrl: string; unsubscribeUrl: string; language?: string },
): { html: string; text: string } {
  const ph = placeholders(r.marker);
  const language = mailLanguage(p.language);
  const greeting = p.name ? mailText(language, 'greetingNamed', { name: p.name }) : mailText(language, 'greeting');
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
