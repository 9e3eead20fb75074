import { badInput, domainError, notFound } from '@mitgen/subgraph-kit';
import { type Event, EventStatus } from '../event/event.entity';
import type { EventSession } from '../session/session.entity';

// Whether a registration may be taken, apart from seats (capacity.ts decides those): the
// registration window and the chosen sessions. No I/O; the callers read under the event's lock.

export const registrationClosed = (message: string) => domainError('REGISTRATION_CLOSED', message, { field: 'eventId' });
export const eventFull = () => domainError('EVENT_FULL', 'The event is fully booked and has no waiting list', { field: 'eventId' });
export const sessionFull = (s: Pick<EventSession, 'title'>) =>
  domainError('SESSION_FULL', `"${s.title}" is fully booked and has no waiting list; choose another session`, { field: 'sessionIds' });

/** Throws unless the event takes registrations at `now`. */
export function assertOpen(event: Event, now: Date): void {
  if (event.status === EventStatus.CANCELLED) throw registrationClosed('The event was cancelled; registration is closed');
  if (event.status !== EventStatus.PUBLISHED) throw notFound('Event');
  if (event.registrationOpensAt && now < event.registrationOpensAt) {
    throw registrationClosed(`Registration opens on ${event.registrationOpensAt.toISOString()}`);
  }
  if (now >= (event.registrationClosesAt ?? event.startsAt)) throw registrationClosed('Registration for this event has closed');
}

/**
 * The chosen sessions among the event's `sessions` (in the event's order), checked: all of this
 * event, no duplicates, no two at the same time.
 */
export function chooseSessions(sessions: readonly EventSession[], ids: readonly string[]): EventSession[] {
  if (new Set(ids).size !== ids.length) throw badInput('sessionIds lists a session twice', 'sessionIds');
  if (!ids.length) return [];
  const chosen = sessions.filter((s) => ids.includes(s.id));
  if (chosen.length !== ids.length) throw badInput('sessionIds contains a session that does not belong to this event', 'sessionIds');
  for (const a of chosen) {
    for (const b of chosen) {
      if (a !== b && a.startsAt && a.endsAt && b.startsAt && b.endsAt && a.startsAt < b.endsAt && b.startsAt < a.endsAt) {
        throw badInput(`"${a.title}" and "${b.title}" take place at the same time; choose one of them`, 'sessionIds');
      }
    }
  }
  return chosen;
}
