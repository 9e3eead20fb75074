import { SOURCE_LANGUAGE, type PublicLinks } from '@mitgen/subgraph-kit';
import { EventKind, type Event } from '../event/event.entity';
import type { EventTexts } from '../event/event.texts';
import { t } from '../messages';
import type { IcsEvent } from './ics';

/** Venue as one line: `Kulturzentrum Pavillon, Lister Meile 4, 30161 Hannover`, or `Online` (in `language`). */
export function venueLine(e: Pick<Event, 'venueName' | 'street' | 'postalCode' | 'city' | 'online'>, language = SOURCE_LANGUAGE): string {
  const place = [e.venueName, e.street, [e.postalCode, e.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (place && e.online) return t(language, 'venueAlsoOnline', { place });
  return place || (e.online ? t(language, 'venueOnline') : '');
}

/** RFC 7986 COLOR (CSS3 colour names) per kind of event, so that calendars can tell them apart. */
export const KIND_COLORS: Record<EventKind, string> = {
  [EventKind.FACHTAG]: 'darkmagenta',
  [EventKind.NETZWERKTREFFEN]: 'teal',
  [EventKind.WORKSHOP]: 'darkorange',
  [EventKind.TRAINING]: 'royalblue',
};
/** Colour of a cancelled entry, whatever its kind. */
export const CANCELLED_COLOR = 'gray';

/**
 * An event as a calendar entry. The online link is never part of it (feeds are public, the link is
 * for registered people only): an online event gets a CONFERENCE pointing to its page, where
 * people register and then receive the link. A cancelled event keeps its UID and gets a higher
 * SEQUENCE (the event's version grows with the cancellation), so calendars replace the entry.
 */
export function icsEventOf(links: PublicLinks, e: Event, extraDescription?: string, texts?: EventTexts): IcsEvent {
  const url = links.event(e.slug);
  const cancelled = e.status === 'CANCELLED';
  const language = texts?.language ?? SOURCE_LANGUAGE;
  const title = texts?.title ?? e.title;
  const reason = cancelled && e.cancellationReason ? t(language, 'eventCancelledReason', { reason: e.cancellationReason }) : '';
  return {
    uid: `${e.id}@mitgen`,
    start: e.startsAt,
    end: e.endsAt,
    summary: cancelled ? t(language, 'eventCancelledTitle', { title }) : title,
    // The LANGUAGE of each text only where a language was asked for (feeds with `?lang=`, mails).
    ...(texts ? { summaryLanguage: texts.titleLanguage, descriptionLanguage: texts.descriptionLanguage } : {}),
    description: [reason, texts?.description ?? e.description, extraDescription, url].filter(Boolean).join('\n\n'),
    location: venueLine(e, language) || undefined,
    url,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: e.version,
    lastModified: e.updatedAt,
    categories: [e.kind],
    conference: e.online && !cancelled ? { uri: url, label: t(language, 'eventOnlineLabel'), features: ['VIDEO'] } : undefined,
    color: cancelled ? CANCELLED_COLOR : KIND_COLORS[e.kind],
  };
}
