import { escapeHtml, SOURCE_LANGUAGE, TIME_ZONE, directionOf, type OutboxMessage, type PublicLinks } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import { icsEventOf, venueLine } from '../calendar/event-calendar';
import { icsCalendar } from '../calendar/ics';
import type { Event } from '../event/event.entity';
import { eventTextsIn, type EventTexts } from '../event/event.texts';
import { t, type MessageKey } from '../messages';
import type { EventSession } from '../session/session.entity';
import { germanTimeSpan } from '../time';

// The mails registrants get, in the language they registered in (docs/languages.md): the service's
// own texts from its message catalogue (messages.ts, German where a text is missing), the event's
// title and description in that language (German where untranslated), dates written the way that
// language writes them, and an HTML part with `lang` and `dir`. Every mail that links to the
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

/** The event as a mail shows it: its texts in the recipient's language. */
export interface MailEvent {
  event: Event;
  texts: EventTexts;
}

/** The event for mails in `language` (the registration's): one statement for a translation, none for German. */
export async function mailEvent(ds: DataSource, event: Event, language: string | null | undefined): Promise<MailEvent> {
  const texts = (await eventTextsIn(ds, [event], language || SOURCE_LANGUAGE)).get(event.id)!;
  return { event, texts };
}

/** The event for mails in each recipient's language, read once per language (for mails to many people). */
export function mailEventsFor(ds: DataSource, event: Event): (language: string | null | undefined) => Promise<MailEvent> {
  const byLanguage = new Map<string, Promise<MailEvent>>();
  return (language) => {
    const code = language || SOURCE_LANGUAGE;
    let m = byLanguage.get(code);
    if (!m) {
      m = mailEvent(ds, event, code);
      byLanguage.set(code, m);
    }
    return m;
  };
}

/** When something takes place, as the language writes dates: German as ever, others through Intl (Europe/Berlin time). */
export function timeSpanIn(language: string, startsAt: Date, endsAt: Date | null): string {
  if (language === SOURCE_LANGUAGE) return germanTimeSpan(startsAt, endsAt);
  const format = new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, dateStyle: 'full', timeStyle: 'short' });
  return endsAt ? format.formatRange(startsAt, endsAt) : format.format(startsAt);
}

/** One text of the catalogue in the mail's language. */
const say = (m: MailEvent, key: MessageKey, values?: Record<string, unknown>) => t(m.texts.language, key, values);

function eventFacts(m: MailEvent): string {
  const { event: e, texts } = m;
  const lines = [say(m, 'mailEvent', { title: texts.title }), say(m, 'mailWhen', { when: timeSpanIn(texts.language, e.startsAt, e.endsAt) })];
  const venue = venueLine(e, texts.language);
  if (venue) lines.push(say(m, 'mailWhere', { venue }));
  return lines.join('\n');
}

function choicesText(m: MailEvent, choices: ChoiceOutcome[]): string {
  if (!choices.length) return '';
  const line = (c: ChoiceOutcome) => {
    const state =
      c.status === 'CONFIRMED'
        ? say(m, 'mailChoiceConfirmed')
        : c.status === 'WAITLISTED'
          ? say(m, 'mailChoiceWaitlisted', { position: c.waitlistPosition ?? '?' })
          : say(m, 'mailChoicePending');
    return `- ${c.session.title} (${state})`;
  };
  return `${say(m, 'mailChoices')}\n${choices.map(line).join('\n')}`;
}

function onlineText(m: MailEvent): string {
  const e = m.event;
  return e.online && e.onlineUrl ? `${say(m, 'mailOnline')}\n${e.onlineUrl}` : '';
}

function manageText(m: MailEvent, links: PublicLinks, token: string): string {
  return `${say(m, 'mailManage')}\n${links.registration(token)}`;
}

/** The mail's text and HTML parts from the same paragraphs: greeting first, signature last. */
function bodies(m: MailEvent, to: Recipient, subject: string, ...parts: string[]): Pick<OutboxMessage, 'subject' | 'text' | 'html'> {
  const paragraphs = [say(m, 'mailGreeting', { name: to.name }), ...parts.filter(Boolean), say(m, 'mailSignature')];
  const language = m.texts.language;
  const dir = directionOf(language).toLowerCase();
  const html = (p: string) =>
    escapeHtml(p)
      .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
      .replace(/\n/g, '<br>\n');
  return {
    subject,
    text: paragraphs.join('\n\n') + '\n',
    html:
      `<!DOCTYPE html>\n<html lang="${language}" dir="${dir}">\n<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n` +
      `<body dir="${dir}">\n${paragraphs.map((p) => `<p>${html(p)}</p>`).join('\n')}\n</body>\n</html>\n`,
  };
}

function icsAttachment(links: PublicLinks, m: MailEvent, extra?: string): NonNullable<OutboxMessage['attachments']>[number] {
  const text = icsCalendar({ name: m.texts.title, events: [icsEventOf(links, m.event, extra, m.texts.language === SOURCE_LANGUAGE ? undefined : m.texts)] });
  return { filename: 'termin.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', contentBase64: Buffer.from(text, 'utf8').toString('base64') };
}

/** Seat confirmed right away: facts, sessions, online link, manage link, .ics attached. */
export function confirmationMail(links: PublicLinks, m: MailEvent, to: Recipient, token: string, choices: ChoiceOutcome[]): OutboxMessage {
  return {
    to: to.email,
    ...bodies(
      m,
      to,
      say(m, 'confirmationSubject', { title: m.texts.title }),
      say(m, 'confirmationIntro'),
      eventFacts(m),
      choicesText(m, choices),
      onlineText(m),
      manageText(m, links, token),
      say(m, 'confirmationCalendar'),
    ),
    attachments: [icsAttachment(links, m)],
  };
}

/** On the waiting list: position and what happens next. */
export function waitlistMail(links: PublicLinks, m: MailEvent, to: Recipient, token: string, position: number): OutboxMessage {
  return {
    to: to.email,
    ...bodies(
      m,
      to,
      say(m, 'waitlistSubject', { title: m.texts.title }),
      say(m, 'waitlistIntro', { position }),
      say(m, 'waitlistNext'),
      eventFacts(m),
      manageText(m, links, token),
    ),
  };
}

/** Moved up from the waiting list: now confirmed, .ics attached. */
export function promotionMail(links: PublicLinks, m: MailEvent, to: Recipient, token: string, choices: ChoiceOutcome[]): OutboxMessage {
  return {
    to: to.email,
    ...bodies(
      m,
      to,
      say(m, 'promotionSubject', { title: m.texts.title }),
      say(m, 'promotionIntro'),
      eventFacts(m),
      choicesText(m, choices),
      onlineText(m),
      manageText(m, links, token),
      say(m, 'promotionCancelHint'),
    ),
    attachments: [icsAttachment(links, m)],
  };
}

/** Someone registered again with an address that is registered already: only the mailbox learns it. */
export function alreadyRegisteredMail(links: PublicLinks, m: MailEvent, to: Recipient, token: string, status: string, position: number | null): OutboxMessage {
  const state = status === 'WAITLISTED' ? say(m, 'alreadyWaitlisted', { position: position ?? '?' }) : say(m, 'alreadyConfirmed');
  return {
    to: to.email,
    ...bodies(
      m,
      to,
      say(m, 'alreadySubject', { title: m.texts.title }),
      say(m, 'alreadyIntro', { state }),
      eventFacts(m),
      manageText(m, links, token),
      say(m, 'alreadyIgnore'),
    ),
  };
}

/** The person cancelled their registration. */
export function cancellationReceiptMail(links: PublicLinks, m: MailEvent, to: Recipient): OutboxMessage {
  return {
    to: to.email,
    ...bodies(
      m,
      to,
      say(m, 'receiptSubject', { title: m.texts.title }),
      say(m, 'receiptIntro'),
      eventFacts(m),
      `${say(m, 'receiptAgain')}\n${links.event(m.event.slug)}`,
    ),
  };
}

/** The organisers called the event off. */
export function eventCancelledMail(links: PublicLinks, m: MailEvent, to: Recipient): OutboxMessage {
  const e = m.event;
  return {
    to: to.email,
    ...bodies(
      m,
      to,
      say(m, 'cancelledSubject', { title: m.texts.title }),
      say(m, 'cancelledIntro'),
      eventFacts(m),
      e.cancellationReason ? say(m, 'cancelledReason', { reason: e.cancellationReason }) : '',
      say(m, 'cancelledOutro'),
    ),
    attachments: [icsAttachment(links, m)],
  };
}

/** A seat in a chosen session freed up. */
export function sessionPromotionMail(links: PublicLinks, m: MailEvent, to: Recipient, token: string, session: ChoiceOutcome['session']): OutboxMessage {
  return {
    to: to.email,
    ...bodies(
      m,
      to,
      say(m, 'sessionSubject', { session: session.title }),
      say(m, 'sessionIntro', { session: session.title }),
      eventFacts(m),
      manageText(m, links, token),
    ),
  };
}
