import { GraphQLJSONObject } from 'graphql-scalars';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Event } from '../event/event.entity';
import { organizerIdsOf } from '../event/event.loader';
import { eventTexts } from '../event/event.texts';
import type { EventsContext } from '../context';
import { eventSeatCounts } from '../session/session.loader';
import { eventJsonLd } from './event.jsonld';

@Resolver(() => Event)
export class EventJsonLdResolver {
  // Short-lived like seatsLeft: the offer's availability changes with every registration.
  @Directive('@cacheControl(maxAge: 10)')
  @FieldResolver(() => GraphQLJSONObject, {
    description:
      'The event as schema.org `Event` in JSON-LD (for a `<script type="application/ld+json">` on a web page, so that search engines show it): dates with the Berlin offset, `eventStatus` (cancelled too), `eventAttendanceMode`, `location` as `Place` with address and/or `VirtualLocation` (the event page, never the online room), `offers` with availability from the seats left, `isAccessibleForFree`, `name`, `description` and `inLanguage` in the requested language (German where the event has no translation). Organisers appear as `Organization` with `@id` only; `Partner.jsonLd` describes the same `@id` (`/feeds/events.jsonld` merges both).',
  })
  async jsonLd(@Root() event: Event, @Ctx() ctx: EventsContext): Promise<Record<string, unknown>> {
    const [organizerIds, seats, texts] = await Promise.all([
      organizerIdsOf(ctx).load(event.id),
      event.capacity === null ? null : eventSeatCounts(ctx).load(event.id),
      eventTexts(ctx, event),
    ]);
    const seatsLeft = event.capacity === null ? null : Math.max(0, event.capacity - seats!.taken);
    return eventJsonLd(ctx.services.links, { event, organizerIds, seatsLeft, texts }) as unknown as Record<string, unknown>;
  }
}
