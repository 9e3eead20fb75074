// Words and formats of the widget: German (the network's language, the default) and English.

export type Lang = 'de' | 'en';

export const langOf = (value: string | null): Lang => (value?.toLowerCase().startsWith('en') ? 'en' : 'de');

const TIME_ZONE = 'Europe/Berlin';

export const TEXT = {
  de: {
    loading: 'Wird geladen …',
    noEvents: 'Zurzeit sind keine Veranstaltungen angekündigt.',
    noResources: 'Zurzeit sind keine Angebote eingetragen.',
    errorEvents: 'Die Veranstaltungen können gerade nicht geladen werden.',
    errorResources: 'Die Angebote können gerade nicht geladen werden.',
    events: 'Veranstaltungen',
    resources: 'Angebote',
    online: 'online',
    onlineToo: 'auch online',
    cancelled: 'Abgesagt',
    soldOut: 'Ausgebucht',
    waitlist: 'Ausgebucht – Anmeldung auf die Warteliste möglich',
    seatsLeft: (n: number) => (n === 1 ? 'Noch 1 Platz frei' : `Noch ${n} Plätze frei`),
    notOpenYet: 'Anmeldung noch nicht geöffnet',
    closed: 'Anmeldung geschlossen',
    register: 'Anmelden',
    registerFor: (title: string) => `Anmelden: ${title}`,
    waitlistFor: (title: string) => `Auf die Warteliste: ${title}`,
    waitlistLink: 'Auf die Warteliste',
    by: 'Anbieter',
    free: 'kostenfrei',
    languages: 'Sprachen',
    formats: { ONLINE: 'online', IN_PERSON: 'vor Ort', HYBRID: 'online und vor Ort' } as Record<string, string>,
    clock: 'Uhr',
    locale: 'de-DE',
  },
  en: {
    loading: 'Loading …',
    noEvents: 'No events are announced at the moment.',
    noResources: 'No offers are listed at the moment.',
    errorEvents: 'The events cannot be loaded right now.',
    errorResources: 'The offers cannot be loaded right now.',
    events: 'Events',
    resources: 'Offers',
    online: 'online',
    onlineToo: 'also online',
    cancelled: 'Cancelled',
    soldOut: 'Fully booked',
    waitlist: 'Fully booked – you can join the waiting list',
    seatsLeft: (n: number) => (n === 1 ? '1 seat left' : `${n} seats left`),
    notOpenYet: 'Registration not open yet',
    closed: 'Registration closed',
    register: 'Register',
    registerFor: (title: string) => `Register: ${title}`,
    waitlistFor: (title: string) => `Join the waiting list: ${title}`,
    waitlistLink: 'Join the waiting list',
    by: 'Provider',
    free: 'free of charge',
    languages: 'Languages',
    formats: { ONLINE: 'online', IN_PERSON: 'in person', HYBRID: 'online and in person' } as Record<string, string>,
    clock: '',
    locale: 'en-GB',
  },
};

const cache = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options })));
  return f;
}

/** When an event takes place, in Berlin time: `Donnerstag, 12. September 2019, 10:00–16:30 Uhr`. */
export function timeSpan(lang: Lang, start: Date, end: Date): string {
  const t = TEXT[lang];
  const day = format(t.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = format(t.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const clock = t.clock ? ` ${t.clock}` : '';
  if (day.format(start) === day.format(end)) return `${day.format(start)}, ${time.format(start)}–${time.format(end)}${clock}`;
  return `${day.format(start)}, ${time.format(start)}${clock} – ${day.format(end)}, ${time.format(end)}${clock}`;
}

/** Name of a language (ISO 639-1 code) in the widget's language. */
export function languageName(lang: Lang, code: string): string {
  try {
    return new Intl.DisplayNames([TEXT[lang].locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
