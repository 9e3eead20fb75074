import { eventWithOrganizers, graphDocument, type JsonLdNode } from '../src/partner-sites/jsonld';
import OPERATIONS from '../src/partner-sites/widget-operations.json';
import { el, MitgenList, type Loaded } from './element';
import { TEXT, timeSpan, type Lang } from './format';
import { query } from './graph';


interface EventNode {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  online: boolean;
  venueName: string | null;
  city: string | null;
  status: string;
  seatsLeft: number | null;
  registrationState: string;
  jsonLd: JsonLdNode & { url?: string; offers?: { url?: string } };
  organizers: Array<{ jsonLd: JsonLdNode } | null>;
}

/**
 * `<mitgen-events partner="…" topic="…" region="…" limit="5" lang="de">`: the network's upcoming
 * events (of a partner, on a topic, in a region), with date and time in Berlin time, place, seats
 * and links to the event page and the registration; schema.org JSON-LD for the host page.
 */
export class MitgenEvents extends MitgenList {
  static get observedAttributes(): string[] {
    return [...MitgenList.common, 'kind'];
  }

  protected emptyText = (lang: Lang) => TEXT[lang].noEvents;
  protected errorText = (lang: Lang) => TEXT[lang].errorEvents;
  protected label = (lang: Lang) => TEXT[lang].events;

  protected async load(lang: Lang): Promise<Loaded> {
    const checked = await this.checkAttributes();
    if ('invalid' in checked) return checked;
    const kind = this.getAttribute('kind')?.trim().toUpperCase();
    if (kind && !['FACHTAG', 'NETZWERKTREFFEN', 'WORKSHOP', 'TRAINING'].includes(kind)) return { invalid: `kind="${this.getAttribute('kind')}" is not a kind of event` };
    const filter: Record<string, unknown> = { upcoming: true };
    if (this.getAttribute('topic')) filter.topic = this.getAttribute('topic')!.trim();
    if (this.getAttribute('region')) filter.region = this.getAttribute('region')!.trim();
    if (checked.partnerId) filter.organizer = checked.partnerId;
    if (kind) filter.kind = kind;
    const data = await query<{ events: { nodes: EventNode[] } }>(this.endpoint, OPERATIONS.events, { first: this.limit, filter });
    const nodes = data.events.nodes;
    return { items: nodes.map((e) => this.item(lang, e)), jsonLd: nodes.length ? graphDocument(nodes.map(eventWithOrganizers)) : undefined };
  }

  private item(lang: Lang, e: EventNode): HTMLElement {
    const t = TEXT[lang];
    const page = e.jsonLd.url;
    const title = el(this.headingTag, 'title', [page ? el('a', 'link', [e.title], '') : e.title]);
    if (page) (title.firstChild as HTMLAnchorElement).href = page;
    const time = el('time', null, [timeSpan(lang, new Date(e.startsAt), new Date(e.endsAt))]);
    time.dateTime = e.startsAt;
    const place = [e.venueName, e.city].filter(Boolean).join(', ');
    const where = place ? (e.online ? `${place} (${t.onlineToo})` : place) : e.online ? t.online : '';
    const parts: HTMLElement[] = [title, el('p', 'date', [time], 'meta')];
    if (where) parts.push(el('p', 'place', [where], 'meta'));

    const cancelled = e.status === 'CANCELLED';
    const state = cancelled
      ? t.cancelled
      : e.registrationState === 'WAITLIST'
        ? t.waitlist
        : e.registrationState === 'FULL'
          ? t.soldOut
          : e.registrationState === 'NOT_OPEN_YET'
            ? t.notOpenYet
            : e.registrationState === 'CLOSED'
              ? t.closed
              : e.seatsLeft !== null
                ? t.seatsLeft(e.seatsLeft)
                : '';
    if (state) parts.push(el('p', 'status', [state], cancelled ? 'status cancelled' : 'status'));

    const registration = e.jsonLd.offers?.url;
    if (registration && (e.registrationState === 'OPEN' || e.registrationState === 'WAITLIST')) {
      const waitlist = e.registrationState === 'WAITLIST';
      const link = el('a', 'register', [waitlist ? t.waitlistLink : t.register], 'register');
      link.href = registration;
      // The visible words repeat on every item; the name says which event they are for.
      link.setAttribute('aria-label', waitlist ? t.waitlistFor(e.title) : t.registerFor(e.title));
      parts.push(link);
    }
    return el('article', null, parts);
  }
}
