// iCalendar (RFC 5545, with the RFC 7986 additions) text, written by hand: the maintained generator
// packages need Node 22 or are ES-only, and the subset needed here (VEVENTs in UTC) is small. Rules
// that matter: CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT
// values escaped (\\ \; \, \n), times in UTC with a trailing Z (no VTIMEZONE needed), stable UID.
// The tests parse every feed with ical.js, a maintained parser.

export interface IcsEvent {
  /** Globally unique and stable, e.g. `<event id>@mitgen`: calendars update the entry by it. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  /** RFC 5545 LANGUAGE parameter of SUMMARY (3.2.10), e.g. `ar`; left out when not given. */
  summaryLanguage?: string;
  description?: string;
  /** LANGUAGE parameter of DESCRIPTION; left out when not given. */
  descriptionLanguage?: string;
  location?: string;
  url?: string;
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  /** Revision of the entry (the event's version): calendars replace lower sequences. */
  sequence: number;
  /** When the entry last changed; also DTSTAMP, so that the same data gives the same text. */
  lastModified: Date;
  categories?: string[];
  /** RFC 7986 CONFERENCE: where to get into an online event (a URI), with a label for people. */
  conference?: { uri: string; label: string; features: Array<'AUDIO' | 'CHAT' | 'FEED' | 'MODERATOR' | 'PHONE' | 'SCREEN' | 'VIDEO'> };
  /** RFC 5545 GEO, when coordinates are known (WGS84 degrees). */
  geo?: { lat: number; lon: number };
  /** RFC 7986 IMAGE: a picture of the event (URI). */
  image?: string;
  /** RFC 7986 COLOR: a CSS3 colour name for showing the entry. */
  color?: string;
}

export interface IcsCalendar {
  /** RFC 7986 NAME (also X-WR-CALNAME for older clients). */
  name: string;
  /** RFC 7986 DESCRIPTION of the calendar (also X-WR-CALDESC). */
  description?: string;
  /** RFC 7986 URL: the web page of what the calendar shows. */
  url?: string;
  /** RFC 7986 COLOR of the calendar (CSS3 colour name). */
  color?: string;
  /** RFC 7986 IMAGE of the calendar (URI). */
  image?: string;
  method?: 'PUBLISH';
  events: IcsEvent[];
  /** Hint for subscribing calendars how often to refresh (RFC 7986 REFRESH-INTERVAL). */
  refreshMinutes?: number;
}

/** `20190912T080000Z` */
export function icsUtc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A parameter value (RFC 5545 3.2): quoted when it holds `:`, `;` or `,`; DQUOTE and line breaks dropped. */
export function icsParam(value: string): string {
  const clean = [...value].filter((ch) => ch !== '"' && ch.charCodeAt(0) >= 0x20).join('');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** A URI value: line breaks dropped (URIs are not escaped like TEXT). */
const icsUri = (value: string) => value.replace(/[\r\n]/g, '');

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function icsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines start with one space
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `;LANGUAGE=ar` (RFC 5545 3.2.10, a language tag), or nothing. */
const languageParam = (language: string | undefined) => (language ? `;LANGUAGE=${icsParam(language)}` : '');

function eventLines(e: IcsEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${icsText(e.uid)}`,
    `DTSTAMP:${icsUtc(e.lastModified)}`,
    `LAST-MODIFIED:${icsUtc(e.lastModified)}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTART:${icsUtc(e.start)}`,
    `DTEND:${icsUtc(e.end)}`,
    `SUMMARY${languageParam(e.summaryLanguage)}:${icsText(e.summary)}`,
    `STATUS:${e.status}`,
  ];
  if (e.description) lines.push(`DESCRIPTION${languageParam(e.descriptionLanguage)}:${icsText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
  if (e.url) lines.push(`URL:${icsUri(e.url)}`);
  if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(icsText).join(',')}`);
  if (e.geo) lines.push(`GEO:${e.geo.lat.toFixed(6)};${e.geo.lon.toFixed(6)}`);
  if (e.conference) {
    const features = e.conference.features.length ? `;FEATURE=${e.conference.features.join(',')}` : '';
    lines.push(`CONFERENCE;VALUE=URI${features};LABEL=${icsParam(e.conference.label)}:${icsUri(e.conference.uri)}`);
  }
  if (e.image) lines.push(`IMAGE;VALUE=URI;DISPLAY=BADGE:${icsUri(e.image)}`);
  if (e.color) lines.push(`COLOR:${e.color}`);
  lines.push('END:VEVENT');
  return lines;
}

/** A complete VCALENDAR document. */
export function icsCalendar(cal: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//MitGeN//Veranstaltungen//DE',
    'CALSCALE:GREGORIAN',
    `METHOD:${cal.method ?? 'PUBLISH'}`,
    `NAME:${icsText(cal.name)}`,
    `X-WR-CALNAME:${icsText(cal.name)}`,
    'X-WR-TIMEZONE:Europe/Berlin',
  ];
  if (cal.description) lines.push(`DESCRIPTION:${icsText(cal.description)}`, `X-WR-CALDESC:${icsText(cal.description)}`);
  if (cal.url) lines.push(`URL:${icsUri(cal.url)}`);
  if (cal.color) lines.push(`COLOR:${cal.color}`);
  if (cal.image) lines.push(`IMAGE;VALUE=URI;DISPLAY=BADGE:${icsUri(cal.image)}`);
  if (cal.refreshMinutes) {
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${cal.refreshMinutes}M`, `X-PUBLISHED-TTL:PT${cal.refreshMinutes}M`);
  }
  for (const e of cal.events) lines.push(...eventLines(e));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
