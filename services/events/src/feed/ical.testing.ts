import ICAL from 'ical.js';

// Test helper: reads a calendar with ical.js (a maintained RFC 5545 parser), which throws on
// anything that is not iCalendar, and flattens it for assertions.

export interface ParsedProps {
  /** First value of each property (times as ical.js strings, GEO as [lat, lon]). */
  props: Record<string, unknown>;
  /** Parameters of each property (lower-case names, as ical.js gives them). */
  params: Record<string, Record<string, unknown>>;
}

export interface ParsedCalendar extends ParsedProps {
  events: Array<ParsedProps & { start: Date; end: Date }>;
}

function flatten(component: ICAL.Component): ParsedProps {
  const props: Record<string, unknown> = {};
  const params: Record<string, Record<string, unknown>> = {};
  for (const p of component.getAllProperties()) {
    const name = p.name.toUpperCase();
    if (name in props) continue;
    const value = p.getFirstValue();
    props[name] = value && typeof value === 'object' && !Array.isArray(value) ? String(value) : value;
    const [, jcalParams] = p.toJSON() as [string, Record<string, unknown>];
    params[name] = jcalParams;
  }
  return { props, params };
}

/** Parses an iCalendar text; throws when ical.js refuses it or it is not one VCALENDAR. */
export function parseCalendar(text: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== 'vcalendar') throw new Error(`not a VCALENDAR but ${root.name}`);
  return {
    ...flatten(root),
    events: root.getAllSubcomponents('vevent').map((c) => {
      const e = new ICAL.Event(c);
      return { ...flatten(c), start: e.startDate.toJSDate(), end: e.endDate.toJSDate() };
    }),
  };
}
