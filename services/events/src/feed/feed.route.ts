import { isUuid, queryLanguage } from '@mitgen/subgraph-kit';
import type { Request, Response, Router } from 'express';
import { icsEventOf } from '../calendar/event-calendar';
import { icsCalendar } from '../calendar/ics';
import { Event } from '../event/event.entity';
import { PUBLIC_EVENT_STATUSES } from '../event/event.loader';
import { eventTextsIn } from '../event/event.texts';
import type { EventsSubgraphDeps } from '../context';
import { t } from '../messages';

// Public iCal feeds for partner websites and calendar apps. The gateway proxies /feeds/* here.
// Published and cancelled events (cancelled ones stay in the feed as STATUS:CANCELLED, so that
// subscribed calendars take them out), from 180 days back on. Never the online link. `?lang=ar`
// shows the texts in that content language (German where an event has no translation), with the
// RFC 5545 LANGUAGE parameter on SUMMARY and DESCRIPTION; without it, German as ever.

/** How long calendars and caches may keep a feed (seconds). */
export const FEED_MAX_AGE = 900;
const LOOK_BACK_DAYS = 180;
const MAX_EVENTS = 1000;

type Scope = { partnerId?: string; topic?: string; slug?: string };

async function feedEvents(deps: EventsSubgraphDeps, scope: Scope): Promise<Event[]> {
  const qb = deps.ds
    .getRepository(Event)
    .createQueryBuilder('e')
    .where('e.status IN (:...statuses)', { statuses: PUBLIC_EVENT_STATUSES })
    .andWhere('e.ends_at >= :since', { since: new Date(deps.clock.now().getTime() - LOOK_BACK_DAYS * 86_400_000) })
    .orderBy('e.starts_at', 'ASC')
    .addOrderBy('e.id', 'ASC')
    .limit(MAX_EVENTS);
  if (scope.partnerId) qb.andWhere('EXISTS (SELECT 1 FROM event_organizer o WHERE o.event_id = e.id AND o.partner_id = :p)', { p: scope.partnerId });
  if (scope.topic) qb.andWhere(':topic = ANY(e.topic_slugs)', { topic: scope.topic });
  if (scope.slug) qb.andWhere('e.slug = :slug', { slug: scope.slug });
  return qb.getMany();
}

/** Colour of the network's calendars (CSS3 name). */
const FEED_COLOR = 'darkmagenta';

async function send(deps: EventsSubgraphDeps, res: Response, lang: { language: string; asked: boolean }, name: string, events: Event[], filename: string) {
  const { language } = lang;
  const texts = lang.asked ? await eventTextsIn(deps.ds, events, language) : null;
  const body = icsCalendar({
    name,
    // What every feed says about itself (RFC 7986 calendar properties).
    description: t(language, 'feedDescription'),
    url: deps.services.links.eventList,
    color: FEED_COLOR,
    events: events.map((e) => icsEventOf(deps.services.links, e, undefined, texts?.get(e.id))),
    refreshMinutes: FEED_MAX_AGE / 60,
  });
  res.set({
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `inline; filename="${filename}"`,
    'Cache-Control': `public, max-age=${FEED_MAX_AGE}, stale-while-revalidate=${FEED_MAX_AGE * 4}`,
    // Partner websites embed these from their own origin.
    'Access-Control-Allow-Origin': '*',
    ...(lang.asked ? { 'Content-Language': language } : {}),
  });
  // express answers a matching If-None-Match with 304 from the ETag of this body.
  res.send(body);
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Mounts `/feeds/events.ics`, `/feeds/events/:slug.ics`, `/feeds/partners/:id/events.ics`, `/feeds/topics/:slug/events.ics`. */
export function mountFeeds(router: Router, deps: EventsSubgraphDeps): void {
  const handle = (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (err) {
      deps.log.error({ err }, 'feed failed');
      res.status(503).set('Retry-After', '60').type('text/plain').send('Feed temporarily unavailable');
    }
  };
  const notFound = (res: Response) => res.status(404).type('text/plain').send('No such feed');
  /** The feed's language, or a 400 naming the supported codes (then null). */
  const languageOf = (req: Request, res: Response) => {
    const lang = queryLanguage(req.query.lang);
    if (!('error' in lang)) return lang;
    res.status(400).type('text/plain').send(`${lang.error}\n`);
    return null;
  };

  router.get(
    '/feeds/events.ics',
    handle(async (req, res) => {
      const lang = languageOf(req, res);
      if (lang) await send(deps, res, lang, t(lang.language, 'feedName'), await feedEvents(deps, {}), 'mitgen-veranstaltungen.ics');
    }),
  );
  router.get(
    '/feeds/events/:file',
    handle(async (req, res) => {
      const slug = String(req.params.file).replace(/\.ics$/, '');
      if (!String(req.params.file).endsWith('.ics') || !SLUG.test(slug)) return void notFound(res);
      const lang = languageOf(req, res);
      if (!lang) return;
      const events = await feedEvents(deps, { slug });
      if (!events.length) return void notFound(res);
      const name = lang.asked ? (await eventTextsIn(deps.ds, events.slice(0, 1), lang.language)).get(events[0].id)!.title : events[0].title;
      await send(deps, res, lang, name, events, `${slug}.ics`);
    }),
  );
  router.get(
    '/feeds/partners/:id/events.ics',
    handle(async (req, res) => {
      const id = String(req.params.id);
      if (!isUuid(id)) return void notFound(res);
      const lang = languageOf(req, res);
      if (lang) await send(deps, res, lang, t(lang.language, 'feedPartnerName'), await feedEvents(deps, { partnerId: id.toLowerCase() }), 'veranstaltungen.ics');
    }),
  );
  router.get(
    '/feeds/topics/:slug/events.ics',
    handle(async (req, res) => {
      const slug = String(req.params.slug);
      if (!SLUG.test(slug) || slug.length > 80) return void notFound(res);
      const lang = languageOf(req, res);
      if (lang) await send(deps, res, lang, t(lang.language, 'feedTopicName', { topic: slug }), await feedEvents(deps, { topic: slug }), `veranstaltungen-${slug}.ics`);
    }),
  );
}
