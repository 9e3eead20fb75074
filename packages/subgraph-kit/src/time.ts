/** The network's time zone: events are planned in German local time and stored in UTC. */
export const TIME_ZONE = 'Europe/Berlin';

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetMinutes(at: Date, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) offsetFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  const name = format
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')!.value; // "GMT+02:00" or "GMT"
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant of a local wall-clock time in Europe/Berlin, e.g. `berlinTime('2019-09-12', '10:00')`. */
export function berlinTime(date: string, time: string): Date {
  const naive = new Date(`${date}T${time}:00Z`);
  // The offset at the naive instant is right except within an hour of a DST switch; correct once.
  let result = new Date(naive.getTime() - offsetMinutes(naive, TIME_ZONE) * 60_000);
  result = new Date(naive.getTime() - offsetMinutes(result, TIME_ZONE) * 60_000);
  return result;
}

// Made once: a new Intl.DateTimeFormat costs more than a hundred uses of one (~2 % of a resource search's CPU).
const berlinDateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE });

/** Calendar date (YYYY-MM-DD) of an instant in Europe/Berlin. */
export function berlinDate(at: Date): string {
  return berlinDateFormat.format(at);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
