import { z } from 'zod';

// The public site's URL scheme, in one place: every link a mail, feed or newsletter edition
// carries is made here, and the gateway mounts its own pages (for installs without a website) on
// the same paths. A website that takes over (PUBLIC_WEB_URL) serves these paths.

/** Paths of the pages people open from mails and feeds (`:name` is filled in; `token` goes into the query). */
export const PAGE_PATHS = {
  /** Upcoming events. */
  eventList: '/veranstaltungen',
  /** An event's page. */
  event: '/veranstaltungen/:slug',
  /** Manage a registration: see it, change sessions, cancel (`?token=`); outside `/veranstaltungen/` so no event slug can take it. */
  registration: '/anmeldung',
  /** A partner organisation's page. */
  partner: '/partner/:slug',
  /** A resource of the resource pool. */
  resource: '/ressourcen/:id',
  /** Newsletter sign-up form. */
  newsletter: '/newsletter',
  /** Confirm a newsletter subscription: a button that POSTs (`?token=`). */
  newsletterConfirm: '/newsletter/confirm',
  /** Newsletter preferences: topics, language, name; unsubscribe (`?token=`). */
  newsletterPreferences: '/newsletter/preferences',
  /** Legal notice. */
  imprint: '/impressum',
} as const;

/** Paths the API (the gateway) always serves, with or without a website. */
export const API_PATHS = {
  /** RFC 8058 one-click unsubscribe (newsletter service, through the gateway). */
  unsubscribe: '/newsletter/unsubscribe/:token',
  /** A coordinator's short-lived attendee list download (events service, through the gateway). */
  attendeeList: '/exports/attendees/:token',
} as const;

/** Settings that place the links: the API's public URL, and the website's when there is one. */
export const publicUrlEnvShape = {
  /**
   * Public base URL of the website. Without it, links go to pages the gateway serves itself at
   * PUBLIC_API_URL (confirm, manage a registration, preferences, event pages).
   */
  PUBLIC_WEB_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /** Public base URL of the API (the gateway): one-click unsubscribe, downloads, and the pages without a website. */
  PUBLIC_API_URL: z.string().url().default('http://localhost:4000'),
};

/** Every link the graph writes into mails, feeds and editions (absolute URLs). */
export interface PublicLinks {
  /** The list of upcoming events. */
  eventList: string;
  event(slug: string): string;
  registration(token: string): string;
  partner(slug: string): string;
  resource(id: string): string;
  newsletterConfirm(token: string): string;
  newsletterPreferences(token: string): string;
  /** RFC 8058 one-click target: POST unsubscribes, GET shows a button (mail scanners only GET). */
  oneClickUnsubscribe(token: string): string;
  attendeeList(token: string): string;
  imprint: string;
  /** The site's home: the website, or the API's origin without one. */
  website: string;
}

const trim = (url: string) => url.replace(/\/+$/, '');

/** Fills `:name` segments of a path (each value URL-encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

const withToken = (url: string, token: string) => `${url}?token=${encodeURIComponent(token)}`;

/** The links of an install: pages on PUBLIC_WEB_URL when set, else on the gateway (PUBLIC_API_URL). */
export function publicLinks(env: { PUBLIC_WEB_URL?: string; PUBLIC_API_URL: string }): PublicLinks {
  const api = trim(env.PUBLIC_API_URL);
  const web = env.PUBLIC_WEB_URL ? trim(env.PUBLIC_WEB_URL) : api;
  return {
    eventList: web + PAGE_PATHS.eventList,
    event: (slug) => web + fillPath(PAGE_PATHS.event, { slug }),
    registration: (token) => withToken(web + PAGE_PATHS.registration, token),
    partner: (slug) => web + fillPath(PAGE_PATHS.partner, { slug }),
    resource: (id) => web + fillPath(PAGE_PATHS.resource, { id }),
    newsletterConfirm: (token) => withToken(web + PAGE_PATHS.newsletterConfirm, token),
    newsletterPreferences: (token) => withToken(web + PAGE_PATHS.newsletterPreferences, token),
    oneClickUnsubscribe: (token) => api + fillPath(API_PATHS.unsubscribe, { token }),
    attendeeList: (token) => api + fillPath(API_PATHS.attendeeList, { token }),
    imprint: web + PAGE_PATHS.imprint,
    website: web,
  };
}
