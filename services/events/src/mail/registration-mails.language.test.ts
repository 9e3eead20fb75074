import { startSmtpSink, startTestSubgraph, gql, gqlOk, type SmtpSink, type TestSubgraph } from '@mitgen/test-kit';
import { eventsSubgraph } from '../subgraph';
import { as, makeEvent, register, tokenIn } from '../test/helpers';

// Mails in the language the person registered in (docs/languages.md): the `language` argument of
// registerForEvent, else the negotiated Accept-Language, else German. Subject, texts, the event's
// title in that language, dates as the language writes them, `lang` and `dir` on the HTML part.

let sink: SmtpSink;
let sg: TestSubgraph;
beforeAll(async () => {
  sink = await startSmtpSink();
  sg = await startTestSubgraph(eventsSubgraph, { MAIL_WORKER: 'true', SMTP_URL: sink.url });
});
afterAll(async () => {
  await sg?.stop();
  await sink?.close();
});

const ARABIC_TITLE = 'مقهى اللغة للنساء';
/** 10:00 on 5 March 2031 in Berlin. */
const STARTS = new Date('2031-03-05T09:00:00Z');

async function translatedEvent(capacity = 20) {
  const { event } = await makeEvent(sg, { title: 'Sprachcafé für Frauen', capacity, startsAt: STARTS, endsAt: new Date(STARTS.getTime() + 2 * 3_600_000) });
  await gqlOk(
    sg.url,
    'mutation ($id: ID!) { translateEvent(id: $id, language: "ar", input: { title: "مقهى اللغة للنساء" }) { id } }',
    { id: event.id },
    await as.coordinator(),
  );
  return event;
}

/** The mails to `email` once at least `n` of them have arrived (the sink's own time limit applies). */
async function mailTo(email: string, n = 1) {
  const to = () => sink.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(email)));
  while (to().length < n) await sink.waitFor(sink.messages.length + 1);
  return to();
}

test('registered in Arabic: Arabic subject and texts, the Arabic title, Arabic dates, dir="rtl" in the HTML part', async () => {
  const event = await translatedEvent();
  const email = `layla.${event.slug}@example.org`;
  const res = await gql(
    sg.url,
    'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i, language: "ar") { status language event { title } } }',
    { i: { eventId: event.id, name: 'Layla', email, consent: true } },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.registerForEvent).toEqual({ status: 'CONFIRMED', language: 'ar', event: { title: ARABIC_TITLE } });
  const [mail] = await mailTo(email);
  expect(mail.subject).toBe(`تم تأكيد التسجيل: ${ARABIC_TITLE}`);
  expect(mail.text).toContain('مرحبًا Layla،');
  expect(mail.text).toContain(`الفعالية: ${ARABIC_TITLE}`);
  expect(mail.text).toContain('مارس'); // March, as Arabic writes it
  expect(mail.text).not.toContain('Uhr');
  expect(mail.html).toContain('<html lang="ar" dir="rtl">');
  expect(mail.html).toContain('<body dir="rtl">');
  expect(mail.html).toContain(ARABIC_TITLE);
  // The manage link stays the kit's link, in both parts.
  const token = tokenIn(mail);
  expect(mail.html).toContain(token);
  const ics = mail.attachments.find((a) => a.filename === 'termin.ics')!.content.toString('utf8');
  expect(ics).toContain(`SUMMARY;LANGUAGE=ar:${ARABIC_TITLE}`);
});

test('Accept-Language picks the language when there is no argument; the event’s title falls back to German; garbage gives German', async () => {
  const event = await translatedEvent();
  const ukrainian = `olena.${event.slug}@example.org`;
  const german = `grete.${event.slug}@example.org`;
  expect((await register(sg.url, { eventId: event.id, name: 'Olena', email: ukrainian }, { 'accept-language': 'uk-UA,uk;q=0.9' })).errors).toBeUndefined();
  expect((await register(sg.url, { eventId: event.id, name: 'Grete', email: german }, { 'accept-language': '%%garbage;;q=x' })).errors).toBeUndefined();
  const [uk] = await mailTo(ukrainian);
  expect(uk.subject).toBe('Реєстрацію підтверджено: Sprachcafé für Frauen');
  expect(uk.html).toContain('<html lang="uk" dir="ltr">');
  const [de] = await mailTo(german);
  expect(de.subject).toBe('Anmeldung bestätigt: Sprachcafé für Frauen');
  expect(de.text).toContain('Hallo Grete,');
  expect(de.text).toContain('Mittwoch, 5. März 2031, 10:00–12:00 Uhr');
  expect(de.html).toContain('<html lang="de" dir="ltr">');
  const stored = await sg.ds.query('SELECT email, language FROM registration WHERE event_id = $1 ORDER BY email', [event.id]);
  expect(stored).toEqual([
    { email: german, language: 'de' },
    { email: ukrainian, language: 'uk' },
  ]);
  // An unknown code as argument is an error, not German.
  const bad = await gql(sg.url, 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i, language: "xx") { status } }', {
    i: { eventId: event.id, name: 'X', email: `x.${event.slug}@example.org`, consent: true },
  });
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('waiting list, moving up and the cancellation of the event: each mail in the person’s own language', async () => {
  const event = await translatedEvent(1);
  const first = `first.${event.slug}@example.org`;
  const waiting = `waiting.${event.slug}@example.org`;
  await register(sg.url, { eventId: event.id, name: 'Erste', email: first });
  await register(sg.url, { eventId: event.id, name: 'Samira', email: waiting }, { 'accept-language': 'ar' });
  const [waitlisted] = await mailTo(waiting);
  expect(waitlisted.subject).toBe(`قائمة الانتظار: ${ARABIC_TITLE}`);
  expect(waitlisted.text).toContain('أنت في المركز 1 على قائمة الانتظار');

  // The first person cancels (German receipt); Samira moves up (Arabic).
  const [confirmation] = await mailTo(first);
  await gqlOk(sg.url, 'mutation ($t: String!) { cancelRegistration(token: $t) { id } }', { t: tokenIn(confirmation) });
  expect((await mailTo(first, 2)).map((m) => m.subject)).toContain('Abmeldung bestätigt: Sprachcafé für Frauen');
  const moved = (await mailTo(waiting, 2)).find((m) => m.subject?.startsWith('حصلت على مقعد'));
  expect(moved?.subject).toBe(`حصلت على مقعد: ${ARABIC_TITLE}`);
  expect(moved?.html).toContain('dir="rtl"');

  // The event is called off: Samira hears it in Arabic, with the organisers' reason as they wrote it.
  await gqlOk(sg.url, 'mutation ($id: ID!) { cancelEvent(id: $id, reason: "Die Referentin ist erkrankt.") { id } }', { id: event.id }, await as.coordinator());
  const cancelled = (await mailTo(waiting, 3)).find((m) => m.subject?.startsWith('أُلغيت'));
  expect(cancelled?.subject).toBe(`أُلغيت: ${ARABIC_TITLE}`);
  expect(cancelled?.text).toContain('السبب: Die Referentin ist erkrankt.');
});
