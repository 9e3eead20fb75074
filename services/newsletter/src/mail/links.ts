/** Where links in mails point: the public website for pages, the API (gateway) for one-click unsubscribe. */
export interface Links {
  confirm(token: string): string;
  preferences(token: string): string;
  /** RFC 8058 one-click target: POST unsubscribes, GET shows a button (mail scanners only GET). */
  oneClickUnsubscribe(token: string): string;
  event(slug: string): string;
  partner(slug: string): string;
  resource(id: string): string;
  website: string;
  imprint: string;
}

const base = (url: string) => url.replace(/\/+$/, '');

export function createLinks(env: { PUBLIC_WEB_URL: string; PUBLIC_API_URL: string }): Links {
  const web = base(env.PUBLIC_WEB_URL);
  const api = base(env.PUBLIC_API_URL);
  return {
    confirm: (token) => `${web}/newsletter/confirm?token=${encodeURIComponent(token)}`,
    preferences: (token) => `${web}/newsletter/preferences?token=${encodeURIComponent(token)}`,
    oneClickUnsubscribe: (token) => `${api}/newsletter/unsubscribe/${encodeURIComponent(token)}`,
    event: (slug) => `${web}/events/${encodeURIComponent(slug)}`,
    partner: (slug) => `${web}/partners/${encodeURIComponent(slug)}`,
    resource: (id) => `${web}/resources/${encodeURIComponent(id)}`,
    website: web,
    imprint: `${web}/impressum`,
  };
}
