/** What the events service needs beyond the database (built once at start by `prepare`). */
import type { KeyedQueue } from './registration/event-queue';
import type { RegistrationBatcher } from './registration/registration.batch';

export interface EventsServices {
  /** Base URL of the public website, without trailing slash (links in mails and feeds). */
  publicWebUrl: string;
  /** Per-event queue of the transactions that lock an event (see KeyedQueue). */
  eventQueue: KeyedQueue;
  /** Registrations of a burst share one transaction under the event's lock (see RegistrationBatcher). */
  registrations: RegistrationBatcher<any>;
}

/** Page of an event on the public website. */
export const eventPageUrl = (s: EventsServices, slug: string) => `${s.publicWebUrl}/veranstaltungen/${encodeURIComponent(slug)}`;

/** Personal manage link of a registration (view, change sessions, cancel). */
export const manageUrl = (s: EventsServices, token: string) => `${s.publicWebUrl}/veranstaltungen/anmeldung?token=${encodeURIComponent(token)}`;
