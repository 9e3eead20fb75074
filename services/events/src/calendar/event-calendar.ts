import type { PublicLinks } from '@mitgen/subgraph-kit';
import type { Event } from '../event/event.entity';

import type { IcsEvent } from './ics';

/** Venue as one line: `Kulturzentrum Pavillon, Lister Meile 4, 30161 Hannover`, or `Online`. */
export function venueLine(e: Pick<Event, 'venueName' | 'street' | 'postalCode' | 'city' | 'online'>): string {
  const place = [e.venueName, e.street, [e.postalCode, e.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (place && e.online) return `${place} (auch online)`;
  return place || (e.online ? 'Online' : '');
}

/** An event as a calendar entry, linking to its page (`links.event`); the online link is never part of it (feeds are public). */
export function icsEventOf(links: PublicLinks, e: Event, extraDescription?: string): IcsEvent {
  const url = links.event(e.slug);
  const cancelled = e.status === 'CANCELLED';
  return {
    uid: `${e.id}@mitgen`,
    start: e.startsAt,
    end: e.endsAt,
    summary: cancelled ? `Abgesagt: ${e.title}` : e.title,
    description: [e.description, extraDescription, url].filter(Boolean).join('\n\n'),
    location: venueLine(e) || undefined,
    url,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: e.version,
    lastModified: e.updatedAt,
    categories: [e.kind],
  };
}
