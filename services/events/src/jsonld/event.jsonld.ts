import type { Event as SchemaEvent, ItemAvailability, Offer, Organization, Place, VirtualLocation, WithContext } from 'schema-dts';
import type { PublicLinks } from '@mitgen/subgraph-kit';
import { EventStatus, type Event } from '../event/event.entity';
import { berlinLocalIso } from '../time';

// schema.org `Event` (https://schema.org/Event) for search engines: what Google's event rich results
// read (name, startDate, location, eventStatus, eventAttendanceMode, organizer, offers). Typed with
// schema-dts, so a misspelt property or a wrong enumeration fails the build.

/** `@id` of a partner as an `Organization`: the same IRI as `Partner.jsonLd` in the partners service. */
export const organizationIri = (partnerId: string) => `urn:uuid:${partnerId}`;

/** ISO 8601 with the Europe/Berlin offset, e.g. `2019-09-12T10:00:00+02:00` (as schema.org examples write times). */
export function berlinIsoWithOffset(at: Date): string {
  const local = berlinLocalIso(at);
  const minutes = Math.round((Date.parse(`${local}Z`) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Where people register: the registration section of the event page (the website's convention). */
export const registrationUrl = (links: PublicLinks, slug: string) => `${links.event(slug)}#anmeldung`;

/** Seats left → schema.org availability: no limit or seats free → InStock, none left → SoldOut. */
export function availabilityOf(seatsLeft: number | null): ItemAvailability {
  return seatsLeft === null || seatsLeft > 0 ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut';
}

export interface EventJsonLdInput {
  event: Event;
  organizerIds: readonly string[];
  /** Seats still free; null when the event has no seat limit. */
  seatsLeft: number | null;
  /** Title and description in the language they are shown in (German, the event's own, when absent). */
  texts?: { title: string; description: string; language: string };
}

/**
 * One event as schema.org JSON-LD, its pages from `links` (the kit's URL scheme). Organisers are `Organization` nodes named by `@id` only (this
 * service knows no partner names); `Partner.jsonLd` describes the same `@id`, and the gateway's
 * `/feeds/*.jsonld` and the widget put both together. The online room's link never appears:
 * `VirtualLocation.url` is the event page. Events of the network cost nothing (the data has no
 * price), hence `isAccessibleForFree` and an offer of 0 EUR. `inLanguage` is the language of `name`
 * and `description` (German where the event has no translation into the requested one).
 */
export function eventJsonLd(links: PublicLinks, { event: e, organizerIds, seatsLeft, texts }: EventJsonLdInput): WithContext<SchemaEvent> {
  const { title, description, language } = texts ?? { title: e.title, description: e.description, language: 'de' };
  const url = links.event(e.slug);
  const cancelled = e.status === EventStatus.CANCELLED;
  const hasPlace = !!(e.venueName || e.street || e.city);
  const place: Place | undefined = hasPlace
    ? {
        '@type': 'Place',
        ...(e.venueName ? { name: e.venueName } : {}),
        address: {
          '@type': 'PostalAddress',
          ...(e.street ? { streetAddress: e.street } : {}),
          ...(e.postalCode ? { postalCode: e.postalCode } : {}),
          ...(e.city ? { addressLocality: e.city } : {}),
          addressRegion: 'Niedersachsen',
          addressCountry: 'DE',
        },
      }
    : undefined;
  const virtual: VirtualLocation | undefined = e.online ? { '@type': 'VirtualLocation', url } : undefined;
  const locations: Array<Place | VirtualLocation> = [];
  if (place) locations.push(place);
  if (virtual) locations.push(virtual);
  const organizers: Organization[] = organizerIds.map((id) => ({ '@type': 'Organization', '@id': organizationIri(id) }));
  const offer: Offer | undefined = cancelled
    ? undefined
    : {
        '@type': 'Offer',
        url: registrationUrl(links, e.slug),
        price: 0,
        priceCurrency: 'EUR',
        availability: availabilityOf(seatsLeft),
        ...(e.registrationOpensAt ? { validFrom: berlinIsoWithOffset(e.registrationOpensAt) } : {}),
      };
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `${url}#event`,
    name: title,
    ...(description ? { description } : {}),
    url,
    startDate: berlinIsoWithOffset(e.startsAt),
    endDate: berlinIsoWithOffset(e.endsAt),
    eventStatus: cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: e.online
      ? hasPlace
        ? 'https://schema.org/MixedEventAttendanceMode'
        : 'https://schema.org/OnlineEventAttendanceMode'
      : 'https://schema.org/OfflineEventAttendanceMode',
    ...(locations.length ? { location: locations.length === 1 ? locations[0] : locations } : {}),
    ...(organizers.length ? { organizer: organizers } : {}),
    ...(offer ? { offers: offer } : {}),
    isAccessibleForFree: true,
    inLanguage: language,
    ...(e.capacity !== null ? { maximumAttendeeCapacity: e.capacity } : {}),
    ...(e.capacity !== null && seatsLeft !== null ? { remainingAttendeeCapacity: seatsLeft } : {}),
  };
}
