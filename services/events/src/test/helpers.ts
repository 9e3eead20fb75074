import { stableId } from '@mitgen/subgraph-kit';
import { asPrincipal, gql, type SmtpSink, type TestSubgraph } from '@mitgen/test-kit';

type ParsedMail = SmtpSink['messages'][number];
import { Event, EventKind, EventOrganizer, EventStatus } from '../event/event.entity';
import { EventSession } from '../session/session.entity';

/** Partner A and B of the access matrix (demo partners). */
export const PARTNER_A = stableId('partner', 'g-mit-niedersachsen');
export const PARTNER_B = stableId('partner', 'frauenberatung-osnabrueck');

/** Fresh principal headers (they are valid for a minute, so make them per call). */
export const as = {
  coordinator: () => asPrincipal({ role: 'COORDINATOR', subject: '00000000-0000-4000-8000-00000000c00d' }, 'events'),
  editorA: () => asPrincipal({ role: 'PARTNER_EDITOR', subject: '00000000-0000-4000-8000-00000000000a', partnerId: PARTNER_A }, 'events'),
  editorB: () => asPrincipal({ role: 'PARTNER_EDITOR', subject: '00000000-0000-4000-8000-00000000000b', partnerId: PARTNER_B }, 'events'),
  apiKeyA: () => asPrincipal({ role: 'API_CLIENT', subject: '00000000-0000-4000-8000-0000000000ae', partnerId: PARTNER_A }, 'events'),
  anonymous: async () => ({}) as Record<string, string>,
};

let counter = 0;

/** Inserts a published event organised by partner A (plus sessions), straight into the database. */
export async function makeEvent(
  sg: TestSubgraph,
  fields: Partial<Event> = {},
  sessions: Partial<EventSession>[] = [],
  organizers: string[] = [PARTNER_A],
): Promise<{ event: Event; sessions: EventSession[] }> {
  const slug = `test-${Date.now().toString(36)}-${++counter}`;
  const event = await sg.ds.getRepository(Event).save(
    sg.ds.getRepository(Event).create({
      slug,
      title: `Testveranstaltung ${counter}`,
      kind: EventKind.WORKSHOP,
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      endsAt: new Date(Date.now() + 30 * 86_400_000 + 4 * 3_600_000),
      status: EventStatus.PUBLISHED,
      capacity: 50,
      waitlistEnabled: true,
      city: 'Hannover',
      ...fields,
    }),
  );
  await sg.ds.getRepository(EventOrganizer).insert(organizers.map((partnerId, position) => ({ eventId: event.id, partnerId, position })));
  const saved = [];
  for (const [position, s] of sessions.entries()) {
    saved.push(await sg.ds.getRepository(EventSession).save(sg.ds.getRepository(EventSession).create({ eventId: event.id, title: `Thementisch ${position + 1}`, position, ...s })));
  }
  return { event, sessions: saved };
}

export const REGISTER = `mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { id status waitlistPosition name email } }`;

/** Registers one person; returns the raw response. */
export function register(url: string, input: Record<string, unknown>, headers: Record<string, string> = {}) {
  return gql(url, REGISTER, { i: { consent: true, ...input } }, headers);
}

/** The manage token in a mail's link. */
export function tokenIn(mail: ParsedMail | { text?: string }): string {
  const m = /anmeldung\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!m) throw new Error(`no manage link in mail: ${mail.text}`);
  return m[1];
}

/** Counts rows of a table (to prove that refused requests wrote nothing). */
export async function rowCount(sg: TestSubgraph, table: string): Promise<number> {
  const [{ n }] = await sg.ds.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}
