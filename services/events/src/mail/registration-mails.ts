import type { OutboxMessage, PublicLinks } from '@mitgen/subgraph-kit';
import { icsEventOf, venueLine } from '../calendar/event-calendar';
import { icsCalendar } from '../calendar/ics';
import type { Event } from '../event/event.entity';
import type { EventSession } from '../session/session.entity';
import { germanTimeSpan } from '../time';

// The mails registrants get, in German (the network's language). Every mail that links to the
// registration carries its own fresh manage token (only hashes are stored, so an old token cannot
// be put into a new mail). Links come from the kit's URL scheme (`EventsDeps.links`).

export interface Recipient {
  name: string;
  email: string;
}

/** A chosen session and what the person got in it. */
export interface ChoiceOutcome {
  session: Pick<EventSession, 'title' | 'startsAt' | 'endsAt' | 'room'>;
  status: 'CONFIRMED' | 'WAITLISTED' | 'PENDING';
  waitlistPosition?: number | null;
}

const SIGNATURE = 'Viele Grüße\nIhr Team von MitGeN – G mit Niedersachsen';

function eventFacts(e: Event): string {
  const lines = [`Veranstaltung: ${e.title}`, `Wann: ${germanTimeSpan(e.startsAt, e.endsAt)}`];
  const venue = venueLine(e);
  if (venue) lines.push(`Wo: ${venue}`);
  return lines.join('\n');
}

function choicesText(choices: ChoiceOutcome[]): string {
  if (!choices.length) return '';
  const line = (c: ChoiceOutcome) => {
    const state =
      c.status === 'CONFIRMED'
        ? 'Platz reserviert'
        : c.status === 'WAITLISTED'
          ? `Warteliste, Platz ${c.waitlistPosition ?? '?'}`
          : 'wird zugeteilt, sobald Sie nachrücken';
    return `- ${c.session.title} (${state})`;
  };
  return `Ihre Auswahl:\n${choices.map(line).join('\n')}`;
}

function onlineText(e: Event): string {
  return e.online && e.onlineUrl ? `Zugang zur Online-Teilnahme (bitte nicht weitergeben):\n${e.onlineUrl}` : '';
}

function manageText(links: PublicLinks, token: string): string {
  return `Anmeldung ansehen, Auswahl ändern oder absagen:\n${links.registration(token)}`;
}

function body(...parts: string[]): string {
  return parts.filter(Boolean).join('\n\n') + '\n';
}

function icsAttachment(links: PublicLinks, e: Event, extra?: string): NonNullable<OutboxMessage['attachments']>[number] {
  const text = icsCalendar({ name: e.title, events: [icsEventOf(links, e, extra)] });
  return { filename: 'termin.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', contentBase64: Buffer.from(text, 'utf8').toString('base64') };
}

/** Seat confirmed right away: facts, sessions, online link, manage link, .ics attached. */
export function confirmationMail(links: PublicLinks, e: Event, to: Recipient, token: string, choices: ChoiceOutcome[]): OutboxMessage {
  return {
    to: to.email,
    subject: `Anmeldung bestätigt: ${e.title}`,
    text: body(
      `Hallo ${to.name},`,
      `vielen Dank für Ihre Anmeldung. Ihr Platz ist reserviert.`,
      eventFacts(e),
      choicesText(choices),
      onlineText(e),
      manageText(links, token),
      'Den Termin für Ihren Kalender finden Sie im Anhang (termin.ics).',
      SIGNATURE,
    ),
    attachments: [icsAttachment(links, e)],
  };
}

/** On the waiting list: position and what happens next. */
export function waitlistMail(links: PublicLinks, e: Event, to: Recipient, token: string, position: number): OutboxMessage {
  return {
    to: to.email,
    subject: `Warteliste: ${e.title}`,
    text: body(
      `Hallo ${to.name},`,
      `vielen Dank für Ihre Anmeldung. Die Veranstaltung ist zurzeit ausgebucht; Sie stehen auf Platz ${position} der Warteliste.`,
      'Sobald ein Platz frei wird, rücken Sie automatisch nach und bekommen eine E-Mail.',
      eventFacts(e),
      manageText(links, token),
      SIGNATURE,
    ),
  };
}

/** Moved up from the waiting list: now confirmed, .ics attached. */
export function promotionMail(links: PublicLinks, e: Event, to: Recipient, token: string, choices: ChoiceOutcome[]): OutboxMessage {
  return {
    to: to.email,
    subject: `Sie sind nachgerückt: ${e.title}`,
    text: body(
      `Hallo ${to.name},`,
      'ein Platz ist frei geworden: Sie sind von der Warteliste nachgerückt, Ihr Platz ist jetzt reserviert.',
      eventFacts(e),
      choicesText(choices),
      onlineText(e),
      manageText(links, token),
      'Falls Sie nicht mehr teilnehmen können, sagen Sie bitte über den Link ab, damit die nächste Person nachrücken kann.',
      SIGNATURE,
    ),
    attachments: [icsAttachment(links, e)],
  };
}

/** Someone registered again with an address that is registered already: only the mailbox learns it. */
export function alreadyRegisteredMail(links: PublicLinks, e: Event, to: Recipient, token: string, status: string, position: number | null): OutboxMessage {
  const state =
    status === 'WAITLISTED' ? `Sie stehen auf Platz ${position ?? '?'} der Warteliste.` : 'Ihr Platz ist reserviert.';
  return {
    to: to.email,
    subject: `Ihre Anmeldung: ${e.title}`,
    text: body(
      `Hallo ${to.name},`,
      `für diese E-Mail-Adresse besteht bereits eine Anmeldung. ${state} Eine zweite Anmeldung ist nicht nötig.`,
      eventFacts(e),
      manageText(links, token),
      'Falls Sie sich nicht erneut angemeldet haben, können Sie diese E-Mail ignorieren.',
      SIGNATURE,
    ),
  };
}

/** The person cancelled their registration. */
export function cancellationReceiptMail(links: PublicLinks, e: Event, to: Recipient): OutboxMessage {
  return {
    to: to.email,
    subject: `Abmeldung bestätigt: ${e.title}`,
    text: body(
      `Hallo ${to.name},`,
      'Sie haben Ihre Anmeldung abgesagt. Schade, dass Sie nicht dabei sein können.',
      eventFacts(e),
      `Falls Sie doch kommen möchten, können Sie sich hier wieder anmelden (solange Plätze frei sind):\n${links.event(e.slug)}`,
      SIGNATURE,
    ),
  };
}

/** The organisers called the event off. */
export function eventCancelledMail(links: PublicLinks, e: Event, to: Recipient): OutboxMessage {
  return {
    to: to.email,
    subject: `Abgesagt: ${e.title}`,
    text: body(
      `Hallo ${to.name},`,
      'leider müssen wir die folgende Veranstaltung absagen. Ihre Anmeldung ist damit hinfällig.',
      eventFacts(e),
      e.cancellationReason ? `Grund: ${e.cancellationReason}` : '',
      'Wir bitten um Verständnis und informieren Sie gern über einen neuen Termin.',
      SIGNATURE,
    ),
    attachments: [icsAttachment(links, e)],
  };
}

/** A seat in a chosen session freed up. */
export function sessionPromotionMail(links: PublicLinks, e: Event, to: Recipient, token: string, session: ChoiceOutcome['session']): OutboxMessage {
  return {
    to: to.email,
    subject: `Platz frei: ${session.title}`,
    text: body(
      `Hallo ${to.name},`,
      `in „${session.title}“ ist ein Platz frei geworden; er ist jetzt für Sie reserviert.`,
      eventFacts(e),
      manageText(links, token),
      SIGNATURE,
    ),
  };
}
