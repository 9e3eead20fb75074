import { API_PATHS } from '@mitgen/subgraph-kit';
import type { Router } from 'express';
import type { EventsSubgraphDeps } from '../context';
import { Event } from '../event/event.entity';
import { attendeeCsv } from './attendees';

/** File name of an attendee list: `teilnehmende-<event slug>.csv`. */
export const attendeeFileName = (slug: string) => `teilnehmende-${slug}.csv`;

/**
 * `GET /exports/attendees/:token` (the gateway passes `/exports/*` through): the attendee list of
 * a signed, unexpired link (`Event.attendeeListDownload`) as a CSV file download.
 */
export function mountAttendeeDownload(router: Router, deps: EventsSubgraphDeps): void {
  router.get(API_PATHS.attendeeList, async (req, res, next) => {
    try {
      const grant = await deps.services.downloads.verify(String(req.params.token), deps.clock.now());
      const event = grant ? await deps.ds.getRepository(Event).findOneBy({ id: grant.eventId }) : null;
      res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' });
      if (!grant || !event) {
        res.status(404).type('text/plain; charset=utf-8').send('Dieser Download-Link ist abgelaufen oder ungültig. Fragen Sie im GraphQL-Explorer einen neuen ab (Event.attendeeListDownload).');
        return;
      }
      const [csv] = await attendeeCsv(deps.ds, [event.id], grant.statuses);
      res
        .status(200)
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${attendeeFileName(event.slug)}"`)
        .send(csv);
    } catch (e) {
      next(e);
    }
  });
}
