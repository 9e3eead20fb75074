import { TIME_ZONE } from '@mitgen/subgraph-kit';

const localFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Wall-clock time in Europe/Berlin as ISO 8601 without offset, e.g. `2019-09-12T10:00:00`. */
export function berlinLocalIso(at: Date): string {
  return localFormat.format(at).replace(' ', 'T');
}

const dateFormat = new Intl.DateTimeFormat('de-DE', { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('de-DE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** German wording of when something takes place, e.g. `Donnerstag, 12. September 2019, 10:00–16:30 Uhr`. */
export function germanTimeSpan(startsAt: Date, endsAt: Date | null): string {
  const day = dateFormat.format(startsAt);
  if (!endsAt) return `${day}, ${timeFormat.format(startsAt)} Uhr`;
  const sameDay = dateFormat.format(endsAt) === day;
  return sameDay
    ? `${day}, ${timeFormat.format(startsAt)}–${timeFormat.format(endsAt)} Uhr`
    : `${day}, ${timeFormat.format(startsAt)} Uhr bis ${dateFormat.format(endsAt)}, ${timeFormat.format(endsAt)} Uhr`;
}
