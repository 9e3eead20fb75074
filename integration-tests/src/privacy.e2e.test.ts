import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql, gqlOk } from '@mitgen/test-kit';
import { Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { REPO_ROOT } from '@mitgen/registry';
import type { SubgraphName } from './test/services';
import { stopHttp } from './test/outage';
import { coordinatorToken, PARTNER_A, PARTNER_B } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// Export and erasure of one person's data across all services through the gateway: one query,
// one mutation, fields contributed by each service; a service that is down is reported by name
// while the others do their part, and running the erasure again completes it.

let stack: TestStack;
let coordinator: Record<string, string>;
beforeAll(async () => {
  stack = await startStack();
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
});
afterAll(() => stack?.stop());

const EXPORT = `query ($e: String!) { dataSubject(email: $e) { email
  account { id email role disabled }
  contactPersons { totalCount nodes { name email partner { slug } } }
  registrations(first: 50) { totalCount nodes { id status name needs { childcare } event { id title } } }
  registrationMails { totalCount }
  newsletterSubscription { email status topics { slug } consent { consentTextVersion } }
  newsletterConsentProofs { totalCount }
  newsletterMails { totalCount } } }`;

const ERASE = `mutation ($e: String!) { eraseDataSubject(email: $e) { email
  partners { accountsAnonymised contactPersonsDeleted }
  events { registrationsAnonymised registrationsCancelled mailsWithdrawn mailsScrubbed }
  newsletter { subscriptionDeleted consentProofsDeleted mailsWithdrawn mailsScrubbed } } }`;

/** An operation of docs/privacy.md by name: the examples coordinators copy must work as written. */
function documented(name: string): string {
  const blocks = [...readFileSync(path.join(REPO_ROOT, 'docs/privacy.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  const block = blocks.find((b) => new RegExp(`^(query|mutation) ${name}\\b`).test(b));
  if (!block) throw new Error(`docs/privacy.md has no operation ${name}`);
  return block;
}

const STATS = 'query ($id: ID!) { event(id: $id) { registrationStats { registrations confirmed attended cancelled } } }';
const statsOf = async (id: string) => (await gqlOk(stack.url, STATS, { id }, coordinator)).event.registrationStats;

/** Upcoming events that take registrations now (demo data). */
async function openEvents(): Promise<string[]> {
  const { events } = await gqlOk(stack.url, '{ events(filter: { upcoming: true }, first: 50) { nodes { id registrationState } } }');
  return events.nodes.filter((e: { registrationState: string }) => e.registrationState === 'OPEN').map((e: { id: string }) => e.id);
}

/** An event that ended ten days ago, with the person checked in: written as registration had written it then. */
async function pastEventAttendedBy(name: string, email: string): Promise<string> {
  const ended = new Date(Date.now() - 10 * 24 * 3600_000);
  const { createEvent } = await gqlOk(
    stack.url,
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    {
      i: {
        title: `Netzwerktreffen Weser-Ems ${randomUUID().slice(0, 8)}`,
        kind: 'NETZWERKTREFFEN',
        startsAt: new Date(ended.getTime() - 4 * 3600_000).toISOString(),
        endsAt: ended.toISOString(),
        city: 'Oldenburg',
        regionCode: '03403',
        organizerIds: [PARTNER_A],
      },
    },
    coordinator,
  );
  await gqlOk(stack.url, 'mutation ($id: ID!) { publishEvent(id: $id) { status } }', { id: createEvent.id }, coordinator);
  await stack.subgraphs.events.ds.query(
    `INSERT INTO registration (event_id, name, email, organisation, region_code, needs, status, consent_at, consent_ip, confirmed_at, checked_in_at)
     VALUES ($1, $2, $3, 'Stadt Oldenburg', '03403', '{"childcare": true}', 'ATTENDED', $4, '203.0.113.9', $4, $5),
            ($1, 'Kollegin', $6, 'Stadt Oldenburg', '03403', '{}', 'ATTENDED', $4, NULL, $4, $5)`,
    [createEvent.id, name, email, new Date(ended.getTime() - 30 * 24 * 3600_000), ended, `kollegin.${randomUUID()}@example.org`],
  );
  return createEvent.id;
}

/**
 * A person with data in every service: an editor account, a contact-person entry, registrations
 * (one checked in at an event to come, one confirmed, one at a past event) and a confirmed
 * newsletter subscription.
 */
async function personEverywhere() {
  const id = randomUUID().slice(0, 8);
  const name = `Aylin Yılmaz ${id}`;
  const email = `Aylin.Yilmaz.${id}@beispiel.de`;
  await gqlOk(stack.url, 'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }', {
    i: { email, displayName: name, role: 'PARTNER_EDITOR', partnerId: PARTNER_B, password: 'ein-langes-passwort-1' },
  }, coordinator);
  await gqlOk(stack.url, 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { id } }', {
    i: { partnerId: PARTNER_A, name, role: 'Beraterin', email: email.toLowerCase(), phone: '+49 511 0000777' },
  }, coordinator);

  const [checkedIn, confirmed] = await openEvents();
  const registered: string[] = [];
  for (const eventId of [checkedIn, confirmed]) {
    const { registerForEvent } = await gqlOk(stack.url, 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { id status } }', {
      i: { eventId, name, email, regionCode: '03241', consent: true, needs: { childcare: true } },
    });
    expect(registerForEvent.status).toBe('CONFIRMED');
    registered.push(registerForEvent.id);
  }
  await gqlOk(stack.url, 'mutation ($id: ID!) { checkInRegistration(id: $id) { status } }', { id: registered[0] }, coordinator);
  const past = await pastEventAttendedBy(name, email);

  await gqlOk(stack.url, 'mutation ($i: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $i) { message } }', { i: { email, name, topics: ['gewaltschutz'] } });
  const [{ text }] = await stack.subgraphs.newsletter.ds.query(`SELECT message->>'text' AS text FROM outbox_mail WHERE lower(message->>'to') = lower($1)`, [email]);
  const token = /confirm\?token=([A-Za-z0-9_-]+)/.exec(text)![1];
  await gqlOk(stack.url, 'mutation ($t: String!) { confirmSubscription(token: $t) { subscription { status } } }', { t: token });
  return { name, email, events: { checkedIn, confirmed, past } };
}

/** Rows in any table of any service's database whose text holds `needle` (letter case ignored). */
async function traces(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const [service, sg] of Object.entries(stack.subgraphs)) {
    const tables: { table_name: string }[] = await sg.ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    for (const { table_name } of tables) {
      const [{ hits }] = await sg.ds.query(`SELECT count(*)::int AS hits FROM "${table_name}" t WHERE t::text ILIKE $1`, [`%${needle}%`]);
      if (hits) found.push(`${service}.${table_name}: ${hits}`);
    }
  }
  return found;
}

const ERASED_NOTHING = {
  partners: { accountsAnonymised: 0, contactPersonsDeleted: 0 },
  events: { registrationsAnonymised: 0, registrationsCancelled: 0, mailsWithdrawn: 0, mailsScrubbed: 0 },
  newsletter: { subscriptionDeleted: false, consentProofsDeleted: 0, mailsWithdrawn: 0, mailsScrubbed: 0 },
};

test('one query exports what every service holds about an address, one mutation erases it, statistics still count, and again changes nothing', async () => {
  const p = await personEverywhere();
  const { dataSubject } = await gqlOk(stack.url, EXPORT, { e: p.email.toUpperCase() }, coordinator);
  expect(dataSubject).toMatchObject({
    email: p.email.toLowerCase(),
    account: { email: p.email, role: 'PARTNER_EDITOR', disabled: false },
    contactPersons: { totalCount: 1, nodes: [{ name: p.name, email: p.email.toLowerCase(), partner: { slug: 'g-mit-niedersachsen' } }] },
    registrations: { totalCount: 3 },
    newsletterSubscription: { email: p.email, status: 'CONFIRMED', topics: [{ slug: 'gewaltschutz' }], consent: { consentTextVersion: expect.any(String) } },
    newsletterConsentProofs: { totalCount: 1 },
    newsletterMails: { totalCount: 1 },
  });
  expect(dataSubject.registrations.nodes.map((r: { event: { id: string } }) => r.event.id).sort()).toEqual(Object.values(p.events).sort());
  expect(dataSubject.registrations.nodes.every((r: { name: string; needs: { childcare: boolean } }) => r.name === p.name && r.needs.childcare)).toBe(true);
  expect(dataSubject.registrationMails.totalCount).toBeGreaterThanOrEqual(2);
  // The documented export selects every field of every service and runs as written.
  const documentedExport = (await gqlOk(stack.url, documented('Auskunft'), { email: p.email }, coordinator)).dataSubject;
  expect(Object.keys(documentedExport).sort()).toEqual(Object.keys(dataSubject).sort());
  expect(documentedExport.registrations.nodes[0]).toMatchObject({ name: p.name, consentIpAddress: expect.any(String), event: { title: expect.any(String) } });

  const before = { checkedIn: await statsOf(p.events.checkedIn), confirmed: await statsOf(p.events.confirmed), past: await statsOf(p.events.past) };
  const requestId = `erasure-${randomUUID()}`;
  const erased = await gql(stack.url, ERASE, { e: p.email }, { ...coordinator, 'x-request-id': requestId });
  expect(erased.errors).toBeUndefined();
  expect(erased.data.eraseDataSubject).toEqual({
    email: p.email.toLowerCase(),
    partners: { accountsAnonymised: 1, contactPersonsDeleted: 1 },
    events: { registrationsAnonymised: 3, registrationsCancelled: 1, mailsWithdrawn: expect.any(Number), mailsScrubbed: expect.any(Number) },
    newsletter: { subscriptionDeleted: true, consentProofsDeleted: 1, mailsWithdrawn: expect.any(Number), mailsScrubbed: expect.any(Number) },
  });

  // The export is empty; nothing in any database holds the address or the name.
  const after = (await gqlOk(stack.url, EXPORT, { e: p.email }, coordinator)).dataSubject;
  expect(after).toEqual({
    email: p.email.toLowerCase(),
    account: null,
    contactPersons: { totalCount: 0, nodes: [] },
    registrations: { totalCount: 0, nodes: [] },
    registrationMails: { totalCount: 0 },
    newsletterSubscription: null,
    newsletterConsentProofs: { totalCount: 0 },
    newsletterMails: { totalCount: 0 },
  });
  expect(await traces(p.email)).toEqual([]);
  expect(await traces(p.name)).toEqual([]);

  // Counts for funders: checked in and past attendance stay; the seat still to come was given back.
  expect(await statsOf(p.events.checkedIn)).toEqual(before.checkedIn);
  expect(await statsOf(p.events.past)).toEqual(before.past);
  expect(before.past).toMatchObject({ registrations: 2, attended: 2 });
  expect(await statsOf(p.events.confirmed)).toEqual({ ...before.confirmed, registrations: before.confirmed.registrations - 1, confirmed: before.confirmed.confirmed - 1, cancelled: before.confirmed.cancelled + 1 });

  // Each service recorded that an erasure happened, under the request's id, with counts only.
  for (const service of ['partners', 'events', 'newsletter'] as SubgraphName[]) {
    const entries = await stack.subgraphs[service].ds.query(`SELECT actor_role, changes FROM audit_entry WHERE entity_type = 'DataSubject' AND action = 'ERASE' AND entity_id = $1`, [requestId]);
    expect([service, entries.length, entries[0]?.actor_role]).toEqual([service, 1, 'COORDINATOR']);
  }

  const again = await gqlOk(stack.url, ERASE, { e: p.email }, coordinator);
  expect(again.eraseDataSubject).toEqual({ email: p.email.toLowerCase(), ...ERASED_NOTHING });
});

test('a service that is down is reported by name while the others erase; running it again completes the erasure', async () => {
  const p = await personEverywhere();
  const start = await stopHttp(stack.subgraphs.newsletter);
  let first;
  try {
    first = await gql(stack.url, ERASE, { e: p.email }, coordinator);
  } finally {
    await start();
  }
  expect(first.status).toBe(200);
  expect(first.data.eraseDataSubject).toMatchObject({
    partners: { accountsAnonymised: 1, contactPersonsDeleted: 1 },
    events: { registrationsAnonymised: 3, registrationsCancelled: 1 },
    newsletter: null,
  });
  expect(first.errors).toEqual([expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'newsletter' } })]);

  // What was not erased yet shows in the export; the rerun erases it and nothing else is left.
  const between = (await gqlOk(stack.url, EXPORT, { e: p.email }, coordinator)).dataSubject;
  expect(between).toMatchObject({ account: null, contactPersons: { totalCount: 0 }, registrations: { totalCount: 0 }, newsletterSubscription: { status: 'CONFIRMED' } });

  const second = await gqlOk(stack.url, documented('Loeschung'), { email: p.email }, coordinator);
  expect(second.eraseDataSubject).toMatchObject({
    partners: ERASED_NOTHING.partners,
    events: ERASED_NOTHING.events,
    newsletter: { subscriptionDeleted: true, consentProofsDeleted: 1 },
  });
  expect((await gqlOk(stack.url, EXPORT, { e: p.email }, coordinator)).dataSubject.newsletterSubscription).toBeNull();
  expect(await traces(p.email)).toEqual([]);
});

test('the documented export and erasure select every field that any service contributes', async () => {
  const fieldsOf = async (type: string) =>
    (await gqlOk(stack.url, 'query ($t: String!) { __type(name: $t) { fields { name } } }', { t: type }, coordinator)).__type.fields.map((f: { name: string }) => f.name).sort();
  const selected = (operation: string) => {
    const op = parse(documented(operation)).definitions[0] as OperationDefinitionNode;
    const root = op.selectionSet.selections[0] as FieldNode;
    return root.selectionSet!.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD).map((f) => f.name.value).sort();
  };
  expect(selected('Auskunft')).toEqual(await fieldsOf('DataSubject'));
  expect(selected('Loeschung')).toEqual(await fieldsOf('DataSubjectErasure'));
  expect(await fieldsOf('DataSubjectErasure')).toEqual(['email', 'events', 'newsletter', 'partners']);
});
