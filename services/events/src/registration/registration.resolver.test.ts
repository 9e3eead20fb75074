import { gql, gqlOk, startSmtpSink, startTestSubgraph, type SmtpSink, type TestSubgraph } from '@mitgen/test-kit';
import { demoLookup, eventsSubgraphWith } from '../test/fake-lookup';
import { as, makeEvent, register, rowCount, tokenIn } from '../test/helpers';

// Registration through the subgraph over HTTP, with mails delivered to a real SMTP server.

let sg: TestSubgraph;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  sg = await startTestSubgraph(eventsSubgraphWith(demoLookup()), { MAIL_WORKER: 'true', SMTP_URL: sink.url, PUBLIC_WEB_URL: 'https://mitgen.example' });
});
afterAll(async () => {
  await sg?.stop();
  await sink?.close();
});

/** Mails to one address, waiting until `n` arrived. */
async function mailsTo(email: string, n = 1) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mine = sink.messages.filter((m) => JSON.stringify(m.to ?? '').toLowerCase().includes(email.toLowerCase()));
    if (mine.length >= n) return mine;
    if (Date.now() > deadline) throw new Error(`expected ${n} mails to ${email}, got ${mine.length}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const MANAGE = `query ($t: String!) { registration(token: $t) { id status waitlistPosition name email organisation onlineUrl
  needs { accessibility childcare childcareDetails interpretationLanguage } sessions { status waitlistPosition session { id title } } event { slug } } }`;

test('a seat is confirmed by mail with an .ics attachment and a manage link that opens the registration', async () => {
  const { event, sessions } = await makeEvent(sg, { online: true, onlineUrl: 'https://meet.example.org/raum-1' }, [{ capacity: 5 }]);
  const res = await register(sg.url, {
    eventId: event.id,
    name: '  Aylin   Yılmaz ',
    email: 'Aylin.Yilmaz@Example.org',
    organisation: 'Frauenberatung Osnabrück',
    sessionIds: [sessions[0].id],
    needs: { accessibility: 'Rollstuhl', childcare: true, childcareDetails: '1 Kind, 4 Jahre' },
  });
  expect(res.errors).toBeUndefined();
  // The answer tells the status, not the personal data (the same answer goes to a second registration).
  expect(res.data.registerForEvent).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null, name: null, email: null });

  const [mail] = await mailsTo('aylin.yilmaz@example.org');
  expect(mail.subject).toBe(`Anmeldung bestätigt: ${event.title}`);
  expect(mail.text).toContain('Hallo Aylin Yılmaz,');
  expect(mail.text).toContain('Thementisch 1 (Platz reserviert)');
  expect(mail.text).toContain('https://meet.example.org/raum-1');
  expect(mail.text).toContain('https://mitgen.example/anmeldung?token=');
  const ics = mail.attachments.find((a) => a.filename === 'termin.ics')!;
  expect(ics.contentType).toBe('text/calendar');
  const calendar = ics.content.toString('utf8');
  expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(calendar).toContain(`UID:${event.id}@mitgen`);
  expect(calendar).not.toContain('meet.example.org');

  const { registration } = await gqlOk(sg.url, MANAGE, { t: tokenIn(mail) });
  expect(registration).toMatchObject({
    status: 'CONFIRMED',
    name: 'Aylin Yılmaz',
    email: 'aylin.yilmaz@example.org', // the graph's one form of the address
    organisation: 'Frauenberatung Osnabrück',
    onlineUrl: 'https://meet.example.org/raum-1',
    needs: { accessibility: 'Rollstuhl', childcare: true, childcareDetails: '1 Kind, 4 Jahre', interpretationLanguage: null },
    sessions: [{ status: 'CONFIRMED', waitlistPosition: null, session: { id: sessions[0].id, title: 'Thementisch 1' } }],
    event: { slug: event.slug },
  });
  // The public sees that an online room exists, not its link.
  const { event: pub } = await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { online onlineUrl seatsLeft } }', { id: event.id });
  expect(pub).toEqual({ online: true, onlineUrl: null, seatsLeft: 49 });
  const { event: org } = await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { onlineUrl } }', { id: event.id }, await as.editorA());
  expect(org.onlineUrl).toBe('https://meet.example.org/raum-1');
});

test('the same email in another letter case gets the existing registration back, and a reminder only by mail', async () => {
  const { event } = await makeEvent(sg, { capacity: 1 });
  const first = await register(sg.url, { eventId: event.id, name: 'Maria Schulz', email: 'maria.schulz@example.org' });
  const again = await register(sg.url, { eventId: event.id, name: 'Jemand Anderes', email: 'MARIA.SCHULZ@EXAMPLE.ORG' });
  expect(again.data.registerForEvent).toEqual(first.data.registerForEvent);
  expect(await rowCount(sg, `registration WHERE event_id = '${event.id}'`)).toBe(1);
  const mails = await mailsTo('maria.schulz@example.org', 2);
  expect(mails.map((m) => m.subject).sort()).toEqual([`Anmeldung bestätigt: ${event.title}`, `Ihre Anmeldung: ${event.title}`].sort());
  // Both links work; the name stays the one registered first.
  for (const m of mails) expect((await gqlOk(sg.url, MANAGE, { t: tokenIn(m) })).registration.name).toBe('Maria Schulz');
  // A third attempt on the same day sends no further mail.
  await register(sg.url, { eventId: event.id, name: 'Maria Schulz', email: 'maria.schulz@example.org' });
  expect(await rowCount(sg, `outbox_mail WHERE message->>'to' = 'maria.schulz@example.org'`)).toBe(2);
});

test('when seats run out people go on the waiting list; a cancellation promotes the first one, who gets a mail', async () => {
  const { event } = await makeEvent(sg, { capacity: 2 });
  const people = ['p1', 'p2', 'p3', 'p4'].map((p) => `${p}.${event.slug}@example.org`);
  const answers = [];
  for (const email of people) answers.push((await register(sg.url, { eventId: event.id, name: 'Petra Nowak', email })).data.registerForEvent);
  expect(answers.map((a) => [a.status, a.waitlistPosition])).toEqual([
    ['CONFIRMED', null],
    ['CONFIRMED', null],
    ['WAITLISTED', 1],
    ['WAITLISTED', 2],
  ]);
  const [waitMail] = await mailsTo(people[2]);
  expect(waitMail.subject).toBe(`Warteliste: ${event.title}`);
  expect(waitMail.text).toContain('Platz 1 der Warteliste');
  expect(waitMail.attachments).toHaveLength(0);

  const [confirmation] = await mailsTo(people[0]);
  const cancelled = await gqlOk(sg.url, 'mutation ($t: String!) { cancelRegistration(token: $t) { status cancelledAt } }', { t: tokenIn(confirmation) });
  expect(cancelled.cancelRegistration.status).toBe('CANCELLED');
  const promoted = (await mailsTo(people[2], 2)).find((m) => m.subject?.startsWith('Sie sind nachgerückt'))!;
  expect(promoted.attachments[0].filename).toBe('termin.ics');
  expect((await gqlOk(sg.url, MANAGE, { t: tokenIn(promoted) })).registration).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
  expect((await gqlOk(sg.url, MANAGE, { t: tokenIn((await mailsTo(people[3]))[0]) })).registration.waitlistPosition).toBe(1);
  expect((await mailsTo(people[0], 2)).map((m) => m.subject)).toContain(`Abmeldung bestätigt: ${event.title}`);
  // Cancelling twice changes nothing; the link still shows the cancelled registration.
  expect((await gqlOk(sg.url, 'mutation ($t: String!) { cancelRegistration(token: $t) { status } }', { t: tokenIn(confirmation) })).cancelRegistration.status).toBe('CANCELLED');
  const { event: after } = await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { seatsLeft waitlistCount registrationState } }', { id: event.id });
  expect(after).toEqual({ seatsLeft: 0, waitlistCount: 1, registrationState: 'WAITLIST' });
});

test('a full event without waiting list answers EVENT_FULL and writes nothing', async () => {
  const { event } = await makeEvent(sg, { capacity: 1, waitlistEnabled: false });
  await register(sg.url, { eventId: event.id, name: 'Olga Ivanova', email: `olga.${event.slug}@example.org` });
  const before = await rowCount(sg, 'registration');
  const outbox = await rowCount(sg, 'outbox_mail');
  const full = await register(sg.url, { eventId: event.id, name: 'Hanna Becker', email: `hanna.${event.slug}@example.org` });
  expect(full.errors?.[0].extensions?.code).toBe('EVENT_FULL');
  expect(await rowCount(sg, 'registration')).toBe(before);
  expect(await rowCount(sg, 'outbox_mail')).toBe(outbox);
  const { event: state } = await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { registrationState seatsLeft } }', { id: event.id });
  expect(state).toEqual({ registrationState: 'FULL', seatsLeft: 0 });
});

test('sessions: a full theme table puts people on its waiting list; changing sessions frees the seat for the next', async () => {
  const { event, sessions } = await makeEvent(sg, { capacity: 10 }, [
    { capacity: 1, startsAt: new Date('2030-01-01T13:00:00Z'), endsAt: new Date('2030-01-01T14:00:00Z') },
    { capacity: 5, startsAt: new Date('2030-01-01T13:00:00Z'), endsAt: new Date('2030-01-01T14:00:00Z') },
    { capacity: null, startsAt: new Date('2030-01-01T15:00:00Z'), endsAt: new Date('2030-01-01T16:00:00Z') },
  ]);
  const a = `a.${event.slug}@example.org`;
  const b = `b.${event.slug}@example.org`;
  await register(sg.url, { eventId: event.id, name: 'Amira Haddad', email: a, sessionIds: [sessions[0].id, sessions[2].id] });
  await register(sg.url, { eventId: event.id, name: 'Elif Demir', email: b, sessionIds: [sessions[0].id] });
  const [mailB] = await mailsTo(b);
  expect(mailB.text).toContain('Thementisch 1 (Warteliste, Platz 1)');
  const tokenA = tokenIn((await mailsTo(a))[0]);
  const changed = await gqlOk(sg.url, 'mutation ($t: String!, $s: [ID!]!) { changeRegistrationSessions(token: $t, sessionIds: $s) { sessions { status session { id } } } }', {
    t: tokenA,
    s: [sessions[1].id, sessions[2].id],
  });
  expect(changed.changeRegistrationSessions.sessions).toEqual([
    { status: 'CONFIRMED', session: { id: sessions[1].id } },
    { status: 'CONFIRMED', session: { id: sessions[2].id } },
  ]);
  const promoted = (await mailsTo(b, 2)).find((m) => m.subject === 'Platz frei: Thementisch 1')!;
  expect((await gqlOk(sg.url, MANAGE, { t: tokenIn(promoted) })).registration.sessions).toEqual([
    { status: 'CONFIRMED', waitlistPosition: null, session: { id: sessions[0].id, title: 'Thementisch 1' } },
  ]);
  // Two sessions at the same time cannot be chosen together.
  const clash = await gql(sg.url, 'mutation ($t: String!, $s: [ID!]!) { changeRegistrationSessions(token: $t, sessionIds: $s) { id } }', {
    t: tokenA,
    s: [sessions[0].id, sessions[1].id],
  });
  expect(clash.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sessionIds' });
});

test('the answer to registerForEvent shows the sessions chosen with it, never those of an earlier registration', async () => {
  const { event, sessions } = await makeEvent(sg, { capacity: 10 }, [{ capacity: 1 }, { capacity: 5 }]);
  const REGISTER_SESSIONS = 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { status sessions { status waitlistPosition session { title } } name } }';
  const first = await gqlOk(sg.url, REGISTER_SESSIONS, { i: { eventId: event.id, name: 'Nadia Beispiel', email: `n.${event.slug}@example.org`, sessionIds: [sessions[0].id, sessions[1].id], consent: true } });
  expect(first.registerForEvent).toEqual({
    status: 'CONFIRMED',
    name: null,
    sessions: [
      { status: 'CONFIRMED', waitlistPosition: null, session: { title: 'Thementisch 1' } },
      { status: 'CONFIRMED', waitlistPosition: null, session: { title: 'Thementisch 2' } },
    ],
  });
  const second = await gqlOk(sg.url, REGISTER_SESSIONS, { i: { eventId: event.id, name: 'Omar Beispiel', email: `o.${event.slug}@example.org`, sessionIds: [sessions[0].id], consent: true } });
  expect(second.registerForEvent.sessions).toEqual([{ status: 'WAITLISTED', waitlistPosition: 1, session: { title: 'Thementisch 1' } }]);
  const again = await gqlOk(sg.url, REGISTER_SESSIONS, { i: { eventId: event.id, name: 'Wer auch immer', email: `N.${event.slug}@example.org`, sessionIds: [], consent: true } });
  expect(again.registerForEvent.sessions).toBeNull();
});

test('bad input is BAD_USER_INPUT naming the field, whether or not the email is registered, and writes nothing', async () => {
  const { event, sessions } = await makeEvent(sg);
  const other = await makeEvent(sg, {}, [{ capacity: 3 }]);
  const registered = `known.${event.slug}@example.org`;
  await register(sg.url, { eventId: event.id, name: 'Known Person', email: registered });
  await mailsTo(registered);
  const ok = { eventId: event.id, name: 'Rana Rahimi', consent: true };
  const cases: [Record<string, unknown>, string][] = [
    [{ email: 'not-an-email' }, 'email'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(121) }, 'name'],
    [{ name: '<b>Rana</b>' }, 'name'],
    [{ consent: false }, 'consent'],
    [{ sessionIds: ['00000000-0000-4000-8000-000000000999'] }, 'sessionIds'],
    [{ sessionIds: [other.sessions[0].id] }, 'sessionIds'],
    [{ sessionIds: ['no-uuid'] }, 'sessionIds'],
    [{ regionCode: '12345' }, 'regionCode'],
    [{ needs: { interpretationLanguage: 'klingon' } }, 'needs.interpretationLanguage'],
  ];
  const registrations = await rowCount(sg, 'registration');
  const mails = await rowCount(sg, 'outbox_mail');
  for (const [change, field] of cases) {
    for (const email of [registered, `new.${event.slug}@example.org`]) {
      const res = await register(sg.url, { ...ok, email, ...change });
      expect({ field, answer: res.errors?.[0].extensions }).toEqual({ field, answer: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
      expect(res.errors?.[0].message).not.toMatch(/registered|angemeldet/i);
    }
  }
  expect(sessions).toEqual([]);
  const unknownEvent = await register(sg.url, { ...ok, email: 'x@example.org', eventId: '00000000-0000-4000-8000-000000000999' });
  expect(unknownEvent.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect(await rowCount(sg, 'registration')).toBe(registrations);
  expect(await rowCount(sg, 'outbox_mail')).toBe(mails);
});

test('registration outside its window, or for drafts and cancelled events, is refused clearly', async () => {
  const now = Date.now();
  const notYet = (await makeEvent(sg, { registrationOpensAt: new Date(now + 86_400_000) })).event;
  const over = (await makeEvent(sg, { registrationClosesAt: new Date(now - 1000), startsAt: new Date(now + 86_400_000), endsAt: new Date(now + 90_000_000) })).event;
  const draft = (await makeEvent(sg, { status: 'DRAFT' as never })).event;
  const cancelled = (await makeEvent(sg, { status: 'CANCELLED' as never })).event;
  const code = async (eventId: string) => (await register(sg.url, { eventId, name: 'Jana Krüger', email: `jana.${eventId}@example.org` })).errors?.[0].extensions?.code;
  expect(await code(notYet.id)).toBe('REGISTRATION_CLOSED');
  expect(await code(over.id)).toBe('REGISTRATION_CLOSED');
  expect(await code(cancelled.id)).toBe('REGISTRATION_CLOSED');
  expect(await code(draft.id)).toBe('NOT_FOUND');
  const states = await gqlOk(sg.url, 'query ($a: ID!, $b: ID!) { a: event(id: $a) { registrationState } b: event(id: $b) { registrationState } }', { a: notYet.id, b: over.id });
  expect(states).toEqual({ a: { registrationState: 'NOT_OPEN_YET' }, b: { registrationState: 'CLOSED' } });
});

test('unknown, malformed and expired tokens are NOT_FOUND with one message', async () => {
  const { event } = await makeEvent(sg);
  const email = `expired.${event.slug}@example.org`;
  await register(sg.url, { eventId: event.id, name: 'Ines Wolff', email });
  const token = tokenIn((await mailsTo(email))[0]);
  await sg.ds.query(`UPDATE event SET starts_at = now() - interval '2 days', ends_at = now() - interval '1 day' WHERE id = $1`, [event.id]);
  for (const t of [token, 'A'.repeat(43), 'short', "x' OR 1=1 --"]) {
    const res = await gql(sg.url, MANAGE, { t });
    expect(res.errors?.[0]).toMatchObject({ message: 'This link is unknown or has expired', extensions: { code: 'NOT_FOUND' } });
    const cancel = await gql(sg.url, 'mutation ($t: String!) { cancelRegistration(token: $t) { id } }', { t });
    expect(cancel.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  }
  const [row] = await sg.ds.query('SELECT status FROM registration WHERE email = $1', [email]);
  expect(row.status).toBe('CONFIRMED');
});

test('only the hash of a manage token is stored', async () => {
  const { event } = await makeEvent(sg);
  const email = `hash.${event.slug}@example.org`;
  await register(sg.url, { eventId: event.id, name: 'Nour Mahmoud', email });
  const token = tokenIn((await mailsTo(email))[0]);
  const rows = await sg.ds.query('SELECT t.token_hash FROM registration_token t JOIN registration r ON r.id = t.registration_id WHERE r.email = $1', [email]);
  expect(rows).toHaveLength(1);
  expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(await sg.ds.query('SELECT * FROM registration WHERE email = $1', [email]))).not.toContain(token);
});
