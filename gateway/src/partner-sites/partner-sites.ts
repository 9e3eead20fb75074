import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { queryLanguage, type Logger } from '@mitgen/subgraph-kit/runtime';
import type { GatewayContext } from '../context';
import { eventWithOrganizers, graphDocument, withoutContext, type EventWithOrganizers, type JsonLdNode } from './jsonld';
import { GraphUnavailable, publicGraph, type PublicGraph } from './public-graph';
import WIDGET_OPERATIONS from './widget-operations.json';

export { WIDGET_OPERATIONS };

// What partner institutions put on their own (often small WordPress) sites, beside GraphQL:
// schema.org JSON-LD feeds, the per-partner and per-topic iCal feeds with a 404 for unknown
// partners and topics, the Open Referral HSDS export of the resources service, and the
// embeddable widget. docs/partner-sites.md describes them.

/** Where the build puts the widget (scripts/build-embed.mjs). */
export const EMBED_FILE = path.join(__dirname, '..', 'embed', 'mitgen.js');

export interface PartnerSitesDeps {
  apollo: ApolloServer<GatewayContext>;
  log: Logger;
  /** The gateway's CORS policy (CORS_ORIGINS). */
  cors: RequestHandler;
  /** The rate limit of proxied public routes. */
  limit: RequestHandler;
  /** Passes a request on to a service, same path (see proxy.ts). */
  proxy: (service: 'events' | 'resources') => (req: Request, res: Response) => Promise<void>;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Most pages of 100 events one JSON-LD feed reads (a bound on its work). */
const MAX_PAGES = 10;

/** A partner named in a path by id or slug, as the GraphQL arguments; undefined when it can be neither. */
function partnerKey(key: string): { id?: string; slug?: string } | undefined {
  if (UUID.test(key)) return { id: key.toLowerCase() };
  if (SLUG.test(key) && key.length <= 80) return { slug: key };
  return undefined;
}

/** The stricter of two Cache-Control values of the graph (`no-store`, or the smaller max-age). */
function stricter(a: string, b: string): string {
  const age = (v: string) => (/no-store/.test(v) ? 0 : Number(/max-age=(\d+)/.exec(v)?.[1] ?? 0));
  return age(b) < age(a) || /private/.test(b) ? b : a;
}

const EVENT_FIELDS = 'pageInfo { hasNextPage endCursor } nodes { jsonLd organizers { jsonLd } }';

/** The operations these routes run against the graph (fixed texts: a gateway's safelist admits them). */
const OPERATIONS = {
  events: `query JsonLdEvents($after: String) { events(first: 100, after: $after, filter: { upcoming: true }) { ${EVENT_FIELDS} } }`,
  partnerEvents: `query JsonLdPartnerEvents($id: ID, $slug: String, $after: String) { partner(id: $id, slug: $slug) { jsonLd events(first: 100, after: $after, upcoming: true) { ${EVENT_FIELDS} } } }`,
  partner: 'query JsonLdPartner($id: ID, $slug: String) { partner(id: $id, slug: $slug) { jsonLd } }',
  topicEvents: `query JsonLdTopicEvents($slug: String!, $after: String) { topic(slug: $slug) { upcomingEvents(first: 100, after: $after) { ${EVENT_FIELDS} } } }`,
  feedPartner: 'query FeedPartner($id: ID, $slug: String) { partner(id: $id, slug: $slug) { id } }',
  feedTopic: 'query FeedTopic($slug: String!) { topic(slug: $slug) { slug } }',
};

/**
 * Public operations of the partner-site features, the widget's included: a gateway with a safelist
 * (SAFELIST_PATH) admits them for anonymous callers as well, so that feeds and widgets keep working.
 */
export const PARTNER_SITE_OPERATIONS: readonly string[] = [...Object.values(OPERATIONS), ...Object.values(WIDGET_OPERATIONS)];

type EventPage = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: EventWithOrganizers[] };

/** Reads every page of an event list (up to MAX_PAGES): the events with their organisers merged in. */
async function allEvents<D>(
  graph: PublicGraph,
  req: Request,
  res: Response,
  document: string,
  variables: Record<string, unknown>,
  pick: (data: D) => { owner?: JsonLdNode; page: EventPage } | null,
  language?: string,
): Promise<{ owner?: JsonLdNode; events: JsonLdNode[]; cacheControl: string } | null> {
  const events: JsonLdNode[] = [];
  let after: string | null = null;
  let cacheControl = '';
  let owner: JsonLdNode | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const answer = await graph<D>(req, res, document, { ...variables, after }, language);
    cacheControl = cacheControl ? stricter(cacheControl, answer.cacheControl) : answer.cacheControl;
    const picked = pick(answer.data);
    if (!picked) return null;
    owner ??= picked.owner;
    events.push(...picked.page.nodes.map(eventWithOrganizers));
    if (!picked.page.pageInfo.hasNextPage) break;
    after = picked.page.pageInfo.endCursor;
  }
  return { owner, events, cacheControl };
}

/** Mounts the JSON-LD feeds, the checked iCal feeds, `/hsds/*` and `/embed/mitgen.js`. */
export function mountPartnerSites(app: express.Express, deps: PartnerSitesDeps): void {
  const graph = publicGraph(deps.apollo, deps.log);
  const events = deps.proxy('events');
  const resources = deps.proxy('resources');
  const notFound = (res: Response, what: string) => res.status(404).type('text/plain').set('Cache-Control', 'public, max-age=60').send(`Unknown ${what}\n`);
  const route =
    (fn: (req: Request, res: Response) => Promise<unknown>): RequestHandler =>
    async (req, res, next: NextFunction) => {
      try {
        await fn(req, res);
      } catch (e) {
        if (!(e instanceof GraphUnavailable)) return next(e);
        res.status(503).set('Retry-After', '30').type('text/plain').send('Feed temporarily unavailable\n');
      }
    };
  const sendJsonLd = (res: Response, body: JsonLdNode, cacheControl: string) => {
    res.set({ 'Content-Type': 'application/ld+json; charset=utf-8', 'Cache-Control': cacheControl, 'X-Content-Type-Options': 'nosniff' }).send(JSON.stringify(body));
  };
  /** The feed's `?lang=` (events' texts in that language, German where untranslated), or a 400 naming the supported codes (then null). */
  const languageOf = (req: Request, res: Response): string | null => {
    const lang = queryLanguage(req.query.lang);
    if (!('error' in lang)) return lang.language;
    res.status(400).type('text/plain').send(`${lang.error}\n`);
    return null;
  };

  // --- schema.org JSON-LD feeds (upcoming events, cancelled ones included) -------------------------
  app.get(
    '/feeds/events.jsonld',
    deps.cors,
    deps.limit,
    route(async (req, res) => {
      const language = languageOf(req, res);
      if (!language) return;
      const all = await allEvents<{ events: EventPage }>(
        graph,
        req,
        res,
        OPERATIONS.events,
        {},
        (d) => ({ page: d.events }),
        language,
      );
      sendJsonLd(res, graphDocument(all!.events), all!.cacheControl);
    }),
  );
  app.get(
    '/feeds/partners/:key/events.jsonld',
    deps.cors,
    deps.limit,
    route(async (req, res) => {
      const key = partnerKey(String(req.params.key));
      if (!key) return notFound(res, 'partner');
      const language = languageOf(req, res);
      if (!language) return;
      const all = await allEvents<{ partner: { jsonLd: JsonLdNode; events: EventPage } | null }>(
        graph,
        req,
        res,
        OPERATIONS.partnerEvents,
        key,
        (d) => (d.partner ? { owner: withoutContext(d.partner.jsonLd), page: d.partner.events } : null),
        language,
      );
      if (!all) return notFound(res, 'partner');
      sendJsonLd(res, graphDocument([all.owner!, ...all.events]), all.cacheControl);
    }),
  );
  app.get(
    '/feeds/partners/:file',
    deps.cors,
    deps.limit,
    route(async (req, res) => {
      const file = String(req.params.file);
      const key = file.endsWith('.jsonld') ? partnerKey(file.slice(0, -'.jsonld'.length)) : undefined;
      if (!key) return notFound(res, 'partner');
      const { data, cacheControl } = await graph<{ partner: { jsonLd: JsonLdNode } | null }>(req, res, OPERATIONS.partner, key);
      if (!data.partner) return notFound(res, 'partner');
      sendJsonLd(res, data.partner.jsonLd, cacheControl);
    }),
  );
  app.get(
    '/feeds/topics/:slug/events.jsonld',
    deps.cors,
    deps.limit,
    route(async (req, res) => {
      const slug = String(req.params.slug);
      if (!SLUG.test(slug) || slug.length > 80) return notFound(res, 'topic');
      const language = languageOf(req, res);
      if (!language) return;
      const all = await allEvents<{ topic: { upcomingEvents: EventPage } | null }>(
        graph,
        req,
        res,
        OPERATIONS.topicEvents,
        { slug },
        (d) => (d.topic ? { page: d.topic.upcomingEvents } : null),
        language,
      );
      if (!all) return notFound(res, 'topic');
      sendJsonLd(res, graphDocument(all.events), all.cacheControl);
    }),
  );

  // --- iCal feeds per partner and topic: 404 for what the graph does not know --------------------
  // The events service only knows the ids and slugs its events carry; whether a partner or topic
  // exists is the partners service's to say. A partner may be named by slug here as well.
  app.get(
    '/feeds/partners/:key/events.ics',
    deps.cors,
    deps.limit,
    route(async (req, res) => {
      const key = partnerKey(String(req.params.key));
      if (!key) return notFound(res, 'partner');
      const { data } = await graph<{ partner: { id: string } | null }>(req, res, OPERATIONS.feedPartner, key);
      if (!data.partner) return notFound(res, 'partner');
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      req.originalUrl = `/feeds/partners/${data.partner.id}/events.ics${query}`;
      await events(req, res);
    }),
  );
  app.get(
    '/feeds/topics/:slug/events.ics',
    deps.cors,
    deps.limit,
    route(async (req, res) => {
      const slug = String(req.params.slug);
      if (!SLUG.test(slug) || slug.length > 80) return notFound(res, 'topic');
      const { data } = await graph<{ topic: { slug: string } | null }>(req, res, OPERATIONS.feedTopic, { slug });
      if (!data.topic) return notFound(res, 'topic');
      await events(req, res);
    }),
  );

  // --- Open Referral HSDS 3.0 (served by the resources service) ------------------------------------
  // (Express routes without strict matching: '/hsds' is also '/hsds/'.)
  app.get('/hsds', deps.cors, deps.limit, resources);
  app.get('/hsds/*path', deps.cors, deps.limit, resources);

  // --- the widget ----------------------------------------------------------------------------------
  const widget = existsSync(EMBED_FILE) ? readFileSync(EMBED_FILE) : undefined;
  app.get('/embed/mitgen.js', (_req, res) => {
    if (!widget) return res.status(404).type('text/plain').send('The widget was not built (npm run build -w @mitgen/gateway)\n');
    res.set({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      // Partner sites load it from their own pages, also those that isolate themselves (COEP).
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(widget);
  });
}
