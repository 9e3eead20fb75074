// Links into the public website. They take its base URL (`EventsDeps.publicWebUrl`, no trailing slash).

/** Page of an event on the public website. */
export const eventPageUrl = (webUrl: string, slug: string) => `${webUrl}/veranstaltungen/${encodeURIComponent(slug)}`;

/** Personal manage link of a registration (view, change sessions, cancel). */
export const manageUrl = (webUrl: string, token: string) => `${webUrl}/veranstaltungen/anmeldung?token=${encodeURIComponent(token)}`;
