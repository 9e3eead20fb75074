// iCalendar (RFC 5545) text, written by hand: the maintained generator packages need Node 22 or
// are ES-only, and the subset needed here (VEVENTs in UTC) is small. Rules that matter:
// CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT values
// escaped (\\ \; \, \n), times in UTC with a trailing Z (no VTIMEZONE needed), stable UID.

export interface IcsEvent {
  /** Globally unique and stable, e.g. `<event id>@mitgen`: calendars update the entry by it. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  /** Revision of the entry (the event's version): calendars replace lower sequences. */
  sequence: number;
  /** When the entry last changed; also DTSTAMP, so that the same data gives the same text. */
  lastModified: Date;
  categories?: string[];
}

export interface IcsCalendar {
  name: string;
  method?: 'PUBLISH';
  events: IcsEvent[];
  /** Hint for subscribing calendars how often to refresh. */
  refreshMinutes?: number;
}

/** `20190912T080000Z` */
export function icsUtc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

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

function eventLines(e: IcsEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${icsText(e.uid)}`,
    `DTSTAMP:${icsUtc(e.lastModified)}`,
    `LAST-MODIFIED:${icsUtc(e.lastModified)}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTART:${icsUtc(e.start)}`,
    `DTEND:${icsUtc(e.end)}`,
    `SUMMARY:${icsText(e.summary)}`,
    `STATUS:${e.status}`,
  ];
  if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
  if (e.url) lines.push(`URL:${e.url.replace(/[\r\n]/g, '')}`);
  if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(icsText).join(',')}`);
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
    `X-WR-CALNAME:${icsText(cal.name)}`,
    'X-WR-TIMEZONE:Europe/Berlin',
  ];
  if (cal.refreshMinutes) {
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${cal.refreshMinutes}M`, `X-PUBLISHED-TTL:PT${cal.refreshMinutes}M`);
  }
  for (const e of cal.events) lines.push(...eventLines(e));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
