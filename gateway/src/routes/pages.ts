import type { ApolloServer } from '@apollo/server';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ANONYMOUS, fillPath, negotiateLanguage, PAGE_PATHS, type Logger } from '@mitgen/subgraph-kit/runtime';
import type { GatewayContext } from '../context';
import type { GatewayEnv } from '../env';
import { ipOf } from '../http/send-error';
import type { GatewayMetrics } from '../metrics';
import { html, sendPage, type SafeHtml } from '../pages/html';
import * as Q from '../pages/queries';
import * as V from '../pages/views';
import { clientKey, RateLimited, type RateLimits } from '../rate-limit';

// The pages mails and feeds link to, served by the gateway while no website is configured
// (PUBLIC_WEB_URL unset): German, plain HTML forms (no JavaScript), nothing from other hosts. They
// run the graph's own public operations (pages/queries.ts) through this gateway as an anonymous
// caller, with the visitor's address, so limits and consent records are the same as for any client.
//
// Actions are POSTed: link scanners and previews only GET, so opening a link never confirms,
// cancels or unsubscribes. The forms need no CSRF token: every action that changes something needs
// the token from the person's mail (which another site does not know), or is a public mutation
// (register, subscribe) that anyone may call anyway.

export interface PagesDeps {
  env: GatewayEnv;
  log: Logger;
  metrics: GatewayMetrics;
  rateLimits?: RateLimits;
  apollo: ApolloServer<GatewayContext>;
}

interface GraphError {
  code: string;
  message: string;
  /** The input field at fault (`token` for links that are unknown or expired). */
  field?: string;
}
type Answer<T> = { data: T; error?: undefined } | { data?: Partial<T> | null; error: GraphError };

/** What a visitor reads for an error the graph answered with. */
const PROBLEMS: Record<string, { status: number; title: string; text: string }> = {
  NOT_FOUND: { status: 404, title: 'Nicht gefunden', text: 'Diese Seite gibt es nicht (mehr).' },
  TOKEN: { status: 404, title: 'Link nicht gültig', text: 'Dieser Link ist unbekannt oder abgelaufen. Bitte nehmen Sie den Link aus der neuesten Mail.' },
  RATE_LIMITED: { status: 429, title: 'Zu viele Anfragen', text: 'Bitte warten Sie einige Minuten und versuchen Sie es dann noch einmal.' },
  EVENT_FULL: { status: 409, title: 'Ausgebucht', text: 'Die Veranstaltung ist ausgebucht und hat keine Warteliste.' },
  SESSION_FULL: { status: 409, title: 'Ausgebucht', text: 'Eine gewählte Session ist ausgebucht; bitte wählen Sie eine andere.' },
  REGISTRATION_CLOSED: { status: 409, title: 'Anmeldung geschlossen', text: 'Für diese Veranstaltung ist keine Anmeldung (mehr) möglich.' },
  BAD_USER_INPUT: { status: 400, title: 'Bitte prüfen Sie Ihre Angaben', text: 'Die Angaben konnten so nicht übernommen werden.' },
  INCOMPLETE: { status: 400, title: 'Link unvollständig', text: 'Dem Link fehlt ein Teil. Bitte öffnen Sie ihn direkt aus der Mail (oder kopieren Sie ihn vollständig).' },
  UNAVAILABLE: { status: 503, title: 'Gerade nicht erreichbar', text: 'Bitte versuchen Sie es später noch einmal.' },
};

function problemOf(error: GraphError, tokenPage = false) {
  if (tokenPage && (error.code === 'NOT_FOUND' || error.field === 'token')) return PROBLEMS.TOKEN;
  return PROBLEMS[error.code] ?? PROBLEMS.UNAVAILABLE;
}

/** The box with a refusal, above a form shown again. */
function problemBox(error: GraphError): SafeHtml {
  const p = problemOf(error);
  // The services' messages are English: shown as a detail for the error kinds that say what to fix.
  const detail = p === PROBLEMS.BAD_USER_INPUT || p === PROBLEMS.SESSION_FULL ? html` <span lang="en">(${error.message})</span>` : '';
  return html`<div role="alert" class="box error"><strong>${p.title}.</strong> ${p.text}${detail}</div>`;
}

const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
const optional = (v: unknown): string | null => one(v).trim() || null;

/** Mounts the pages (routes/pages.ts) unless a website serves them (PUBLIC_WEB_URL). */
export function mountPages(app: express.Express, d: PagesDeps): void {
  if (d.env.PUBLIC_WEB_URL) return;
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 200 });

  const send = (res: Response, view: V.View, personal = true) => sendPage(res, view.title, view.body, { status: view.status, personal });
  const problem = (res: Response, p: { status: number; title: string; text: string }) => sendPage(res, p.title, html`<p>${p.text}</p>`, { status: p.status });

  // Like anonymous GraphQL reads: every page counts against the visitor's address.
  const limit = async (req: Request, res: Response, next: NextFunction) => {
    if (!d.rateLimits) return next();
    try {
      await d.rateLimits.consume('anonymous', clientKey(ipOf(req)));
      next();
    } catch (e) {
      if (!(e instanceof RateLimited)) return next(e);
      d.metrics.rateLimited.inc({ limit: e.limit });
      res.setHeader('retry-after', String(e.retryAfterSeconds));
      problem(res, PROBLEMS.RATE_LIMITED);
    }
  };

  /** Runs an operation through this gateway as an anonymous caller with the visitor's address. */
  async function graph<T>(req: Request, res: Response, query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
    const requestId = res.locals.requestId as string;
    const response = await d.apollo.executeOperation<T & Record<string, unknown>>(
      { query, variables },
      {
        contextValue: {
          requestId,
          principal: ANONYMOUS,
          clientIp: ipOf(req),
          userAgent: req.headers['user-agent']?.slice(0, 500),
          log: d.log.child({ requestId }),
        },
      },
    );
    if (response.body.kind !== 'single') throw new Error('[gateway] pages expect single answers');
    const { data, errors } = response.body.singleResult;
    if (errors?.length) {
      const code = (errors[0].extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
      if (code === 'RATE_LIMITED') res.setHeader('retry-after', String(errors[0].extensions?.retryAfterSeconds ?? 60));
      const field = typeof errors[0].extensions?.field === 'string' ? errors[0].extensions.field : undefined;
      return { data: data as Partial<T> | null, error: { code, message: errors[0].message, field } };
    }
    return { data: data as T };
  }

  const tokenOf = (v: unknown) => one(v).trim();
  // An id or slug that cannot exist is a page that does not exist.
  const recordProblem = (error: GraphError) => (error.code === 'BAD_USER_INPUT' ? PROBLEMS.NOT_FOUND : problemOf(error));

  // Upcoming events, and each event's page with its registration form.
  app.get(PAGE_PATHS.eventList, limit, async (req, res) => {
    const a = await graph<{ events: { nodes: Parameters<typeof V.eventListView>[0] } }>(req, res, Q.EVENT_LIST);
    if (a.error) return problem(res, problemOf(a.error));
    send(res, V.eventListView(a.data.events.nodes), false);
  });

  type EventData = { event: Parameters<typeof V.eventView>[0] | null };
  app.get(PAGE_PATHS.event, limit, async (req, res) => {
    const a = await graph<EventData>(req, res, Q.EVENT_PAGE, { slug: req.params.slug });
    if (a.error) return problem(res, recordProblem(a.error));
    if (!a.data.event) return problem(res, PROBLEMS.NOT_FOUND);
    send(res, V.eventView(a.data.event), false);
  });

  app.post(PAGE_PATHS.event, limit, form, async (req, res) => {
    const slug = String(req.params.slug);
    const found = await graph<EventData>(req, res, Q.EVENT_PAGE, { slug });
    if (found.error) return problem(res, recordProblem(found.error));
    const event = found.data.event;
    if (!event) return problem(res, PROBLEMS.NOT_FOUND);
    const values: V.RegistrationForm = {
      name: one(req.body?.name),
      email: one(req.body?.email),
      organisation: one(req.body?.organisation),
      notes: one(req.body?.bedarf),
      sessionIds: list(req.body?.sitzung),
    };
    const notes = optional(req.body?.bedarf);
    const input = {
      eventId: event.id,
      name: values.name,
      email: values.email,
      organisation: optional(req.body?.organisation),
      sessionIds: values.sessionIds,
      needs: notes ? { notes } : null,
      consent: one(req.body?.einwilligung) === 'ja',
    };
    if (!input.consent) {
      const view = V.eventView(event, values, problemBox({ code: 'BAD_USER_INPUT', message: 'consent is needed to register' }));
      return send(res, { ...view, status: 400 });
    }
    const a = await graph<{ registerForEvent: Parameters<typeof V.registeredView>[1] }>(req, res, Q.REGISTER, { input });
    if (a.error) {
      if (a.error.code === 'RATE_LIMITED' || !(problemOf(a.error).status === 400 || problemOf(a.error).status === 409)) return problem(res, problemOf(a.error));
      return send(res, { ...V.eventView(event, values, problemBox(a.error)), status: problemOf(a.error).status });
    }
    send(res, V.registeredView(event, a.data.registerForEvent));
  });

  // Manage a registration (the link in every registration mail): see it, change sessions, cancel.
  type RegistrationData = { registration: Parameters<typeof V.registrationView>[1] };
  app.get(PAGE_PATHS.registration, limit, async (req, res) => {
    const token = tokenOf(req.query.token);
    if (!token) return problem(res, PROBLEMS.INCOMPLETE);
    const a = await graph<RegistrationData>(req, res, Q.REGISTRATION, { token });
    if (a.error) return problem(res, problemOf(a.error, true));
    send(res, V.registrationView(token, a.data.registration));
  });

  app.post(PAGE_PATHS.registration, limit, form, async (req, res) => {
    const token = tokenOf(req.body?.token);
    if (!token) return problem(res, PROBLEMS.INCOMPLETE);
    const action = one(req.body?.aktion);
    if (action === 'absagen') {
      const a = await graph<{ cancelRegistration: { status: string; event: { title: string; slug: string } } }>(req, res, Q.CANCEL_REGISTRATION, { token });
      if (a.error) return problem(res, problemOf(a.error, true));
      const e = a.data.cancelRegistration.event;
      return sendPage(
        res,
        'Abgesagt',
        html`<p role="status" class="box">Ihre Anmeldung für „${e.title}“ ist abgesagt. Sie erhalten eine Bestätigung per Mail.</p><p><a href="${fillPath(PAGE_PATHS.event, { slug: e.slug })}">Zur Veranstaltung</a></p>`,
      );
    }
    if (action === 'sitzungen') {
      const a = await graph<{ changeRegistrationSessions: RegistrationData['registration'] }>(req, res, Q.CHANGE_SESSIONS, { token, sessionIds: list(req.body?.sitzung) });
      if (a.error) {
        if (a.error.code === 'NOT_FOUND' || a.error.code === 'RATE_LIMITED') return problem(res, problemOf(a.error, true));
        const current = await graph<RegistrationData>(req, res, Q.REGISTRATION, { token });
        if (current.error) return problem(res, problemOf(current.error, true));
        const view = V.registrationView(token, current.data.registration);
        return send(res, { ...view, body: html`${problemBox(a.error)}${view.body}`, status: problemOf(a.error).status });
      }
      return send(res, V.registrationView(token, a.data.changeRegistrationSessions, 'Ihre Auswahl ist gespeichert.'));
    }
    problem(res, PROBLEMS.BAD_USER_INPUT);
  });

  // Newsletter: sign up, confirm (double opt-in), preferences. Unsubscribing is the newsletter
  // service's one-click route (/newsletter/unsubscribe/:token, passed through by routes/proxies.ts).
  type ConsentData = { newsletterConsentText: { version: string; text: string }; topics: { nodes: { slug: string; name: string }[] } };
  app.get(PAGE_PATHS.newsletter, limit, async (req, res) => {
    const a = await graph<ConsentData>(req, res, Q.CONSENT_TEXT);
    if (a.error) return problem(res, problemOf(a.error));
    // The visitor's browser language is the preselected newsletter language (so caches keep one page per language).
    res.vary('Accept-Language');
    send(res, V.subscribeView(a.data.newsletterConsentText, a.data.topics.nodes, undefined, '', negotiateLanguage(req.headers['accept-language'])), false);
  });

  app.post(PAGE_PATHS.newsletter, limit, form, async (req, res) => {
    const input = {
      email: one(req.body?.email),
      name: optional(req.body?.name),
      topics: list(req.body?.thema),
      language: optional(req.body?.sprache),
      consentTextVersion: optional(req.body?.einwilligungstext),
    };
    const a = await graph<{ subscribeToNewsletter: { message: string; confirmationLinkHours: number } }>(req, res, Q.SUBSCRIBE, { input });
    if (a.error) {
      const p = problemOf(a.error);
      if (p.status !== 400) return problem(res, p);
      const again = await graph<ConsentData>(req, res, Q.CONSENT_TEXT);
      if (again.error) return problem(res, p);
      return send(res, { ...V.subscribeView(again.data.newsletterConsentText, again.data.topics.nodes, problemBox(a.error), input.email, input.language ?? undefined), status: 400 });
    }
    send(res, V.subscribedView(a.data.subscribeToNewsletter.message, a.data.subscribeToNewsletter.confirmationLinkHours));
  });

  app.get(PAGE_PATHS.newsletterConfirm, limit, (req, res) => {
    const token = tokenOf(req.query.token);
    if (!token) return problem(res, PROBLEMS.INCOMPLETE);
    send(res, V.confirmFormView(token));
  });

  app.post(PAGE_PATHS.newsletterConfirm, limit, form, async (req, res) => {
    const token = tokenOf(req.body?.token);
    if (!token) return problem(res, PROBLEMS.INCOMPLETE);
    const a = await graph<{ confirmSubscription: { manageToken: string; subscription: { email: string } } }>(req, res, Q.CONFIRM_SUBSCRIPTION, { token });
    if (a.error) return problem(res, problemOf(a.error, true));
    send(res, V.confirmedView(a.data.confirmSubscription.manageToken, a.data.confirmSubscription.subscription.email));
  });

  type SubscriptionData = { newsletterSubscription: Parameters<typeof V.preferencesView>[1]; topics: { nodes: { slug: string; name: string }[] } };
  app.get(PAGE_PATHS.newsletterPreferences, limit, async (req, res) => {
    const token = tokenOf(req.query.token);
    if (!token) return problem(res, PROBLEMS.INCOMPLETE);
    const a = await graph<SubscriptionData>(req, res, Q.SUBSCRIPTION, { token });
    if (a.error) return problem(res, problemOf(a.error, true));
    send(res, V.preferencesView(token, a.data.newsletterSubscription, a.data.topics.nodes));
  });

  app.post(PAGE_PATHS.newsletterPreferences, limit, form, async (req, res) => {
    const token = tokenOf(req.body?.token);
    if (!token) return problem(res, PROBLEMS.INCOMPLETE);
    const language = one(req.body?.sprache);
    const input = { name: one(req.body?.name).trim(), topics: list(req.body?.thema), ...(language ? { language } : {}) };
    const saved = await graph<{ updateNewsletterSubscription: SubscriptionData['newsletterSubscription'] }>(req, res, Q.UPDATE_SUBSCRIPTION, { token, input });
    if (saved.error && (saved.error.code === 'NOT_FOUND' || saved.error.code === 'RATE_LIMITED' || problemOf(saved.error).status >= 500)) {
      return problem(res, problemOf(saved.error, true));
    }
    const a = await graph<SubscriptionData>(req, res, Q.SUBSCRIPTION, { token });
    if (a.error) return problem(res, problemOf(a.error, true));
    const view = V.preferencesView(token, a.data.newsletterSubscription, a.data.topics.nodes, saved.error ? undefined : 'Ihre Einstellungen sind gespeichert.');
    send(res, saved.error ? { ...view, body: html`${problemBox(saved.error)}${view.body}`, status: 400 } : view);
  });

  // Record pages that editions link to.
  app.get(PAGE_PATHS.partner, limit, async (req, res) => {
    const a = await graph<{ partner: Parameters<typeof V.partnerView>[0] | null }>(req, res, Q.PARTNER_PAGE, { slug: req.params.slug });
    if (a.error) return problem(res, recordProblem(a.error));
    if (!a.data.partner) return problem(res, PROBLEMS.NOT_FOUND);
    send(res, V.partnerView(a.data.partner), false);
  });

  app.get(PAGE_PATHS.resource, limit, async (req, res) => {
    const a = await graph<{ resource: Parameters<typeof V.resourceView>[0] | null }>(req, res, Q.RESOURCE_PAGE, { id: req.params.id });
    if (a.error) return problem(res, recordProblem(a.error));
    if (!a.data.resource) return problem(res, PROBLEMS.NOT_FOUND);
    send(res, V.resourceView(a.data.resource), false);
  });

  app.get(PAGE_PATHS.imprint, limit, (_req, res) => send(res, V.imprintView(), false));
}
