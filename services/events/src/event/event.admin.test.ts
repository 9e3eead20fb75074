import { gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { demoLookup, eventsSubgraphWith } from '../test/fake-lookup';
import { as, makeEvent, PARTNER_A, PARTNER_B, register, tokenIn } from '../test/helpers';

// Administration of events: who may do what, versions, audit, and what changes mean for registrations.

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraphWith(demoLookup()), { MAIL_WORKER: 'false' });
});
afterAll(() => sg?.stop());

const CREATE = 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id slug status version organizers { id } } }';
const UPDATE = 'mutation ($id: ID!, $i: UpdateEventInput!) { updateEvent(id: $id, input: $i) { id version capacity title seatsLeft waitlistCount } }';

const input = (extra: Record<string, unknown> = {}) => ({
  title: 'Netzwerktreffen Weser-Ems',
  kind: 'NETZWERKTREFFEN',
  startsAt: '2031-03-05T10:00:00+01:00',
  endsAt: '2031-03-05T14:00:00+01:00',
  city: 'Oldenburg',
  regionCode: '03403',
  capacity: 30,
  topicSlugs: ['gleichstellung'],
  ...extra,
});

test('an editor creates a draft for their own organisation; only organisers and coordinators see it', async () => {
  const { createEvent } = await gqlOk(sg.url, CREATE, { i: input() }, await as.editorA());
  expect(createEvent).toMatchObject({ slug: 'netzwerktreffen-weser-ems-2031-03-05', status: 'DRAFT', version: 1, organizers: [{ id: PARTNER_A }] });
  const drafts = async (h: Record<string, string>) =>
    (await gqlOk(sg.url, '{ events(filter: { status: [DRAFT] }, first: 100) { nodes { id } } }', {}, h)).events.nodes.map((e: { id: string }) => e.id);
  expect(await drafts(await as.editorA())).toContain(createEvent.id);
  expect(await drafts(await as.coordinator())).toContain(createEvent.id);
  expect(await drafts(await as.editorB())).not.toContain(createEvent.id);
  expect(await drafts({})).not.toContain(createEvent.id);
  expect((await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { id } }', { id: createEvent.id })).event).toBeNull();

  // An editor cannot create events for another organisation only, nor without signing in.
  const foreign = await gql(sg.url, CREATE, { i: input({ slug: 'fremd', organizerIds: [PARTNER_B] }) }, await as.editorA());
  expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizerIds' });
  expect((await gql(sg.url, CREATE, { i: input({ slug: 'anonym' }) })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await gql(sg.url, CREATE, { i: input({ slug: 'api' }) }, await as.apiKeyA())).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  const dup = await gql(sg.url, CREATE, { i: input({ organizerIds: [PARTNER_A] }) }, await as.coordinator());
  expect(dup.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
  const none = await gql(sg.url, CREATE, { i: input({ slug: 'ohne' }) }, await as.coordinator());
  expect(none.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizerIds' });
  const backwards = await gql(sg.url, CREATE, { i: input({ slug: 'rueckwaerts', organizerIds: [PARTNER_A], endsAt: '2031-03-05T09:00:00+01:00' }) }, await as.coordinator());
  expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
});

test('updates name the version they read: a stale one is CONFLICT and changes nothing; editors of other partners are refused', async () => {
  const { createEvent } = await gqlOk(sg.url, CREATE, { i: input({ slug: 'versioniert', organizerIds: [PARTNER_A] }) }, await as.coordinator());
  const first = await gqlOk(sg.url, UPDATE, { id: createEvent.id, i: { version: 1, title: 'Neuer Titel' } }, await as.coordinator());
  expect(first.updateEvent).toMatchObject({ version: 2, title: 'Neuer Titel' });
  const stale = await gql(sg.url, UPDATE, { id: createEvent.id, i: { version: 1, title: 'Verloren' } }, await as.coordinator());
  expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  const otherPartner = await gql(sg.url, UPDATE, { id: createEvent.id, i: { version: 2, title: 'X' } }, await as.editorB());
  expect(otherPartner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const unknown = await gql(sg.url, UPDATE, { id: '00000000-0000-4000-8000-000000000999', i: { version: 1, title: 'X' } }, await as.coordinator());
  expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  await gqlOk(sg.url, 'mutation ($id: ID!) { publishEvent(id: $id) { status } }', { id: createEvent.id }, await as.coordinator());
  const published = await gql(sg.url, UPDATE, { id: createEvent.id, i: { version: 3, title: 'X' } }, await as.editorB());
  expect(published.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const cleared = await gql(sg.url, UPDATE, { id: createEvent.id, i: { version: 3, title: null } }, await as.coordinator());
  expect(cleared.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
  const { event } = await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { title version auditLog { nodes { action changes } } } }', { id: createEvent.id }, await as.coordinator());
  expect(event.title).toBe('Neuer Titel');
  expect(event.auditLog.nodes.map((n: { action: string }) => n.action)).toEqual(['PUBLISH', 'UPDATE', 'CREATE']);
  expect(event.auditLog.nodes[1].changes.title).toEqual({ from: 'Netzwerktreffen Weser-Ems', to: 'Neuer Titel' });
  expect((await gql(sg.url, 'query ($id: ID!) { event(id: $id) { auditLog { totalCount } } }', { id: createEvent.id })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});

test('programme and sessions come with the event; sessions keep their id and cannot be removed while chosen', async () => {
  const { createEvent } = await gqlOk(
    sg.url,
    CREATE,
    {
      i: input({
        slug: 'mit-programm',
        organizerIds: [PARTNER_A],
        programme: [
          { startsAt: '2031-03-05T10:00:00+01:00', title: 'Begrüßung', kind: 'WELCOME', speakers: [{ name: 'Dr. Lena Beispiel', affiliation: 'G mit Niedersachsen', partnerId: PARTNER_A }] },
          { startsAt: '2031-03-05T11:00:00+01:00', endsAt: '2031-03-05T12:00:00+01:00', title: 'Thementische', kind: 'THEME_TABLES' },
        ],
        sessions: [
          { title: 'Tisch A', capacity: 1 },
          { title: 'Tisch B', capacity: 10, room: 'Raum 2' },
        ],
      }),
    },
    await as.coordinator(),
  );
  await gqlOk(sg.url, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: createEvent.id }, await as.coordinator());
  const Q = `query ($id: ID!) { event(id: $id) { version startsAtLocal endsAtLocal timeZone
    programme { title kind startsAtLocal endsAtLocal speakers { name affiliation partner { id } } }
    sessions { id title capacity seatsLeft waitlistCount room } } }`;
  const { event } = await gqlOk(sg.url, Q, { id: createEvent.id });
  expect(event).toMatchObject({ startsAtLocal: '2031-03-05T10:00:00', endsAtLocal: '2031-03-05T14:00:00', timeZone: 'Europe/Berlin' });
  expect(event.programme).toEqual([
    { title: 'Begrüßung', kind: 'WELCOME', startsAtLocal: '2031-03-05T10:00:00', endsAtLocal: null, speakers: [{ name: 'Dr. Lena Beispiel', affiliation: 'G mit Niedersachsen', partner: { id: PARTNER_A } }] },
    { title: 'Thementische', kind: 'THEME_TABLES', startsAtLocal: '2031-03-05T11:00:00', endsAtLocal: '2031-03-05T12:00:00', speakers: [] },
  ]);
  const [tableA, tableB] = event.sessions;
  await register(sg.url, { eventId: createEvent.id, name: 'Zeynep Öz', email: 'zeynep@example.org', sessionIds: [tableA.id] });
  await register(sg.url, { eventId: createEvent.id, name: 'Karim Haddad', email: 'karim@example.org', sessionIds: [tableA.id] });
  expect((await gqlOk(sg.url, Q, { id: createEvent.id })).event.sessions[0]).toMatchObject({ seatsLeft: 0, waitlistCount: 1 });

  const removeA = await gql(sg.url, UPDATE, { id: createEvent.id, i: { version: event.version, sessions: [{ id: tableB.id, title: 'Tisch B' }] } }, await as.coordinator());
  expect(removeA.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sessions' });
  // More seats at table A: the person waiting gets one at once.
  await gqlOk(
    sg.url,
    UPDATE,
    { id: createEvent.id, i: { version: event.version, sessions: [{ id: tableA.id, title: 'Tisch A', capacity: 2 }, { id: tableB.id, title: 'Tisch B (groß)', capacity: 10 }] } },
    await as.coordinator(),
  );
  const after = (await gqlOk(sg.url, Q, { id: createEvent.id })).event.sessions;
  expect(after.map((s: { id: string; title: string; seatsLeft: number; waitlistCount: number }) => [s.id, s.title, s.seatsLeft, s.waitlistCount])).toEqual([
    [tableA.id, 'Tisch A', 0, 0],
    [tableB.id, 'Tisch B (groß)', 10, 0],
  ]);
  const [mail] = await sg.ds.query(`SELECT message->>'subject' AS subject FROM outbox_mail WHERE message->>'to' = 'karim@example.org' AND dedupe_key LIKE 'session-choice:%'`);
  expect(mail.subject).toBe('Platz frei: Tisch A');
});

test('raising the capacity promotes people from the waiting list in order', async () => {
  const { event } = await makeEvent(sg, { capacity: 1 });
  for (const n of [1, 2, 3]) await register(sg.url, { eventId: event.id, name: `Person ${n}`, email: `cap${n}.${event.slug}@example.org` });
  const { updateEvent } = await gqlOk(sg.url, UPDATE, { id: event.id, i: { version: event.version, capacity: 2 } }, await as.editorA());
  expect(updateEvent).toMatchObject({ capacity: 2, seatsLeft: 0, waitlistCount: 1 });
  const [promoted] = await sg.ds.query(`SELECT email FROM registration WHERE event_id = $1 AND confirmed_at IS NOT NULL AND status = 'CONFIRMED' ORDER BY queue_seq OFFSET 1`, [event.id]);
  expect(promoted.email).toBe(`cap2.${event.slug}@example.org`);
});

test('cancelling an event mails everyone registered, closes registration and keeps the event visible', async () => {
  const { event } = await makeEvent(sg, { capacity: 1 });
  await register(sg.url, { eventId: event.id, name: 'Sabine Richter', email: `s.${event.slug}@example.org` });
  await register(sg.url, { eventId: event.id, name: 'Fatma Kaya', email: `f.${event.slug}@example.org` });
  const refused = await gql(sg.url, 'mutation ($id: ID!) { cancelEvent(id: $id) { id } }', { id: event.id }, await as.editorB());
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const { cancelEvent } = await gqlOk(
    sg.url,
    'mutation ($id: ID!, $r: String) { cancelEvent(id: $id, reason: $r) { status cancellationReason cancelledAt registrationState } }',
    { id: event.id, r: 'Die Referentin ist erkrankt.' },
    await as.editorA(),
  );
  expect(cancelEvent).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Die Referentin ist erkrankt.', registrationState: 'CANCELLED' });
  const mails = await sg.ds.query(`SELECT message->>'to' AS to, message->>'text' AS text FROM outbox_mail WHERE dedupe_key LIKE $1 ORDER BY message->>'to'`, [`event:${event.id}:cancelled:%`]);
  expect(mails.map((m: { to: string }) => m.to)).toEqual([`f.${event.slug}@example.org`, `s.${event.slug}@example.org`]);
  expect(mails[0].text).toContain('Grund: Die Referentin ist erkrankt.');
  const late = await register(sg.url, { eventId: event.id, name: 'Late', email: `late.${event.slug}@example.org` });
  expect(late.errors?.[0].extensions?.code).toBe('REGISTRATION_CLOSED');
  expect((await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { status } }', { id: event.id })).event.status).toBe('CANCELLED');
  const again = await gql(sg.url, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: event.id }, await as.coordinator());
  expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  await gqlOk(sg.url, 'mutation ($id: ID!) { archiveEvent(id: $id) { status } }', { id: event.id }, await as.coordinator());
  expect((await gqlOk(sg.url, 'query ($id: ID!) { event(id: $id) { id } }', { id: event.id })).event).toBeNull();
});

test('organisers see registrations with filters, check people in, export CSV and counts; nobody else does', async () => {
  const { event, sessions } = await makeEvent(sg, { capacity: 3, online: true, onlineUrl: 'https://meet.example.org/x' }, [{ capacity: 5, title: 'Thementisch Gewaltschutz' }], [PARTNER_A, PARTNER_B]);
  const people = [
    { name: 'Anke Köhler', email: `anke.${event.slug}@example.org`, organisation: 'Stadt Oldenburg', regionCode: '03403', needs: { accessibility: 'Rollstuhl' } },
    { name: '=HYPERLINK("http://evil.example")', email: `evil.${event.slug}@example.org`, organisation: '+49 Verein', regionCode: '03403' },
    { name: 'Dilara Sommer', email: `dilara.${event.slug}@example.org`, organisation: 'stadt oldenburg ', sessionIds: [sessions[0].id], needs: { interpretationLanguage: 'tr', childcare: true } },
    { name: 'Jonas Lehmann', email: `jonas.${event.slug}@example.org` },
  ];
  for (const p of people) expect((await register(sg.url, { eventId: event.id, ...p })).errors).toBeUndefined();

  const LIST = `query ($id: ID!, $f: RegistrationFilter) { event(id: $id) { registrations(filter: $f, first: 10) { totalCount nodes { id name email status waitlistPosition onlineUrl needs { accessibility } sessions { session { title } } } } } }`;
  for (const h of [await as.editorA(), await as.editorB(), await as.coordinator()]) {
    const { event: e } = await gqlOk(sg.url, LIST, { id: event.id }, h);
    expect(e.registrations.totalCount).toBe(4);
    expect(e.registrations.nodes.map((r: { status: string }) => r.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'WAITLISTED']);
    expect(e.registrations.nodes[3]).toMatchObject({ name: 'Jonas Lehmann', waitlistPosition: 1, onlineUrl: 'https://meet.example.org/x' });
  }
  const other = await makeEvent(sg, {}, [], [PARTNER_B]);
  const denied = await gql(sg.url, LIST, { id: other.event.id }, await as.editorA());
  expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(denied.data.event.registrations).toBeNull();
  expect((await gql(sg.url, LIST, { id: event.id })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await gql(sg.url, LIST, { id: event.id }, await as.apiKeyA())).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

  const filtered = async (f: object) => (await gqlOk(sg.url, LIST, { id: event.id, f }, await as.coordinator())).event.registrations.nodes.map((r: { email: string }) => r.email.split('.')[0]);
  expect(await filtered({ status: ['WAITLISTED'] })).toEqual(['jonas']);
  expect(await filtered({ search: 'OLDENBURG' })).toEqual(['anke', 'dilara']);
  expect(await filtered({ sessionId: sessions[0].id })).toEqual(['dilara']);
  expect(await filtered({ hasNeeds: true })).toEqual(['anke', 'dilara']);

  const { event: listed } = await gqlOk(sg.url, LIST, { id: event.id, f: { search: 'anke' } }, await as.editorB());
  const CHECK_IN = 'mutation ($id: ID!, $a: Boolean) { checkInRegistration(id: $id, attended: $a) { status checkedInAt } }';
  expect((await gql(sg.url, CHECK_IN, { id: listed.registrations.nodes[0].id }, await as.editorB())).data.checkInRegistration.status).toBe('ATTENDED');
  const outsider = await gql(sg.url, CHECK_IN, { id: listed.registrations.nodes[0].id }, await as.apiKeyA());
  expect(outsider.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  const { event: waiting } = await gqlOk(sg.url, LIST, { id: event.id, f: { status: ['WAITLISTED'] } }, await as.coordinator());
  const notSeated = await gql(sg.url, CHECK_IN, { id: waiting.registrations.nodes[0].id }, await as.coordinator());
  expect(notSeated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

  const { event: exported } = await gqlOk(
    sg.url,
    `query ($id: ID!) { event(id: $id) { attendeeListCsv registrationStats { registrations confirmed waitlisted attended cancelled
      byOrganisation { organisation registrations attended } byRegion { region { code } registrations attended } } } }`,
    { id: event.id },
    await as.editorA(),
  );
  const csv: string = exported.attendeeListCsv;
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split('\r\n');
  expect(lines[0]).toBe('Name;E-Mail;Organisation;Region (Schlüssel);Status;Wartelistenplatz;Sessions / Thementische;Barrierefreiheit;Dolmetschen (Sprache);Gebärdensprache;Kinderbetreuung;Hinweise;Angemeldet am;Eingecheckt am');
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  expect(csv).toContain("'+49 Verein");
  expect(lines.find((l) => l.startsWith('Dilara'))).toContain(';Thementisch Gewaltschutz;;tr;;ja;');
  expect(lines.find((l) => l.startsWith('Anke'))).toMatch(/;teilgenommen;;;Rollstuhl;/);
  expect(lines.find((l) => l.startsWith('Jonas'))).toContain(';Warteliste;1;');
  expect(exported.registrationStats).toEqual({
    registrations: 4,
    confirmed: 2,
    waitlisted: 1,
    attended: 1,
    cancelled: 0,
    byOrganisation: [
      { organisation: 'Stadt Oldenburg', registrations: 2, attended: 1 },
      { organisation: '+49 Verein', registrations: 1, attended: 0 },
      { organisation: null, registrations: 1, attended: 0 },
    ],
    byRegion: [
      { region: { code: '03403' }, registrations: 2, attended: 1 },
      { region: null, registrations: 2, attended: 0 },
    ],
  });
  const anonymousCsv = await gql(sg.url, 'query ($id: ID!) { event(id: $id) { attendeeListCsv } }', { id: event.id });
  expect(anonymousCsv.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(anonymousCsv.data.event.attendeeListCsv).toBeNull();
});

test('registration fields of many events cost the same SQL statements for 5 or 40 events', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const { event, sessions } = await makeEvent(sg, { capacity: 3, kind: 'TRAINING' as never, regionCode: '03101' }, [{ capacity: 2 }]);
    await register(sg.url, { eventId: event.id, name: `P ${i}`, email: `sql${i}.${event.slug}@example.org`, sessionIds: [sessions[0].id] });
    ids.push(event.id);
  }
  const Q = `{ events(filter: { kind: TRAINING, region: "03101" }, first: 100) { totalCount nodes { seatsLeft waitlistCount registrationState programme { title }
    sessions { seatsLeft } organizers { id } registrations(first: 5) { totalCount nodes { name waitlistPosition sessions { status session { title } } } }
    registrationStats { registrations } attendeeListCsv } } }`;
  const count = async (n: number) => {
    await sg.ds.query(`UPDATE event SET region_code = CASE WHEN id = ANY($1::uuid[]) THEN '03101' ELSE '03102' END WHERE kind = 'TRAINING'`, [ids.slice(0, n)]);
    sg.counter.reset();
    const data = await gqlOk(sg.url, Q, {}, await as.coordinator());
    expect(data.events.totalCount).toBe(n);
    return sg.counter.count;
  };
  const five = await count(5);
  expect(await count(40)).toBe(five);
});

test('a token from the mail also opens a registration promoted later', async () => {
  const { event } = await makeEvent(sg, { capacity: 1 });
  await register(sg.url, { eventId: event.id, name: 'Eins', email: `eins.${event.slug}@example.org` });
  await register(sg.url, { eventId: event.id, name: 'Zwei', email: `zwei.${event.slug}@example.org` });
  const [waitMail] = await sg.ds.query(`SELECT message->>'text' AS text FROM outbox_mail WHERE message->>'to' = $1`, [`zwei.${event.slug}@example.org`]);
  const [confirmMail] = await sg.ds.query(`SELECT message->>'text' AS text FROM outbox_mail WHERE message->>'to' = $1`, [`eins.${event.slug}@example.org`]);
  await gqlOk(sg.url, 'mutation ($t: String!) { cancelRegistration(token: $t) { id } }', { t: tokenIn(confirmMail) });
  const { registration } = await gqlOk(sg.url, 'query ($t: String!) { registration(token: $t) { status } }', { t: tokenIn(waitMail) });
  expect(registration.status).toBe('CONFIRMED');
});

test('programme items and sessions must lie within the event, also when the event moves', async () => {
  const at = (time: string) => `2031-03-05T${time}:00+01:00`;
  const early = await gql(sg.url, CREATE, { i: input({ organizerIds: [PARTNER_A], slug: 'programm-frueh', programme: [{ startsAt: at('09:30'), endsAt: at('10:00'), title: 'Ankommen', kind: 'OTHER' }] }) }, await as.coordinator());
  expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'programme.0.startsAt' });
  expect(early.errors?.[0].message).toContain('"Ankommen"');
  const late = await gql(sg.url, CREATE, { i: input({ organizerIds: [PARTNER_A], slug: 'session-spaet', sessions: [{ title: 'Thementisch', startsAt: at('13:00'), endsAt: at('15:00') }] }) }, await as.coordinator());
  expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sessions.0.startsAt' });
  expect((await gqlOk(sg.url, '{ events(first: 100, filter: { status: [DRAFT] }) { nodes { slug } } }', {}, await as.coordinator())).events.nodes.map((e: { slug: string }) => e.slug)).not.toContain('programm-frueh');

  const { createEvent } = await gqlOk(
    sg.url,
    CREATE,
    { i: input({ organizerIds: [PARTNER_A], slug: 'programm-passt', programme: [{ startsAt: at('10:00'), endsAt: at('10:30'), title: 'Begrüßung', kind: 'WELCOME' }] }) },
    await as.coordinator(),
  );
  const moved = await gql(sg.url, UPDATE, { id: createEvent.id, i: { version: createEvent.version, startsAt: at('11:00') } }, await as.coordinator());
  expect(moved.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'programme.0.startsAt' });
  // With the programme moved along, it is fine.
  const both = await gqlOk(
    sg.url,
    UPDATE,
    { id: createEvent.id, i: { version: createEvent.version, startsAt: at('11:00'), programme: [{ startsAt: at('11:00'), title: 'Begrüßung', kind: 'WELCOME' }] } },
    await as.coordinator(),
  );
  expect(both.updateEvent.version).toBe(createEvent.version + 1);
});

test('administering an event never runs two queries at once on one connection (pg deprecates it)', async () => {
  // What pg checks before it warns (and what pg 9 refuses): a query while others wait on the client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the driver TypeORM loaded in this test
  const { Client } = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const original = Client.prototype.query;
  const queued: string[] = [];
  Client.prototype.query = function (this: { _queryQueue: unknown[]; pipeline?: boolean }, ...args: unknown[]) {
    if (this._queryQueue.length > 0 && !this.pipeline) queued.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text).slice(0, 80));
    return original.apply(this, args);
  };
  try {
    const { createEvent } = await gqlOk(
      sg.url,
      CREATE,
      { i: input({ organizerIds: [PARTNER_A], slug: `parallel-${Date.now()}`, sessions: [{ title: 'Thementisch' }], programme: [{ startsAt: '2031-03-05T10:00:00+01:00', title: 'Begrüßung', kind: 'WELCOME' }] }) },
      await as.coordinator(),
    );
    await gqlOk(sg.url, UPDATE, { id: createEvent.id, i: { version: createEvent.version, title: 'Umbenannt' } }, await as.coordinator());
  } finally {
    Client.prototype.query = original;
  }
  expect(queued).toEqual([]);
});
