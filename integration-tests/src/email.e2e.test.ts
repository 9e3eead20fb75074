import { gql, gqlOk } from '@mitgen/test-kit';
import { coordinatorToken, PARTNER_A } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// One e-mail rule for the whole graph (the kit's emailAddress): trimmed, letter case ignored, an
// internationalised domain accepted and kept in one form (ASCII, as mail servers use it), the same
// for storing, sending and every look-up (newsletter, registrations, accounts, contact persons,
// partners, privacy look-ups, sign-in); anything else is BAD_USER_INPUT on the field.

let stack: TestStack;
let coordinator: Record<string, string>;
beforeAll(async () => {
  stack = await startStack();
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
});
afterAll(() => stack?.stop());

/** The one stored and sent form of the address the issue reports, however it is written. */
const CANONICAL = 'info@xn--brgerhaus-musterstadt-8hc.de';
const SPELLINGS = ['info@bürgerhaus-musterstadt.de', ' Info@Bürgerhaus-Musterstadt.DE ', 'INFO@XN--BRGERHAUS-MUSTERSTADT-8HC.DE', CANONICAL];

const SUBSCRIBE = 'mutation ($i: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $i) { message } }';
const REGISTER = 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { id status } }';
const CREATE_ACCOUNT = 'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id email } }';
const CREATE_CONTACT = 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { id email } }';
const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const EXPORT = `query ($e: String!) { dataSubject(email: $e) { email account { email } contactPersons { totalCount nodes { email } }
  registrations(first: 10) { totalCount nodes { email } } newsletterSubscription { email } } }`;

async function openEvent(): Promise<string> {
  const { events } = await gqlOk(stack.url, '{ events(filter: { upcoming: true }, first: 50) { nodes { id registrationState } } }');
  return events.nodes.find((e: { registrationState: string }) => e.registrationState === 'OPEN').id;
}

test('an address with an umlaut domain works everywhere, in one form, whichever way it is written', async () => {
  // Newsletter: the example is accepted, and every spelling is the same subscriber, with one
  // per-address limit (3 confirmation mails a day): the fourth spelling is the fourth sign-up.
  for (const email of SPELLINGS.slice(0, 3)) await gqlOk(stack.url, SUBSCRIBE, { i: { email } });
  expect((await gql(stack.url, SUBSCRIBE, { i: { email: SPELLINGS[3] } })).errors?.[0].extensions?.code).toBe('TOO_MANY_SIGN_UPS');
  const newsletter = stack.subgraphs.newsletter.ds;
  expect(await newsletter.query(`SELECT email FROM subscriber WHERE email ILIKE '%musterstadt%'`)).toEqual([{ email: CANONICAL }]);
  const sent: { to: string }[] = await newsletter.query(`SELECT message->>'to' AS to FROM outbox_mail WHERE message->>'to' ILIKE '%musterstadt%'`);
  expect(sent.length).toBeGreaterThan(0);
  expect(new Set(sent.map((m) => m.to))).toEqual(new Set([CANONICAL]));

  // Registrations: stored and mailed in the same form; another spelling is the same person.
  const eventId = await openEvent();
  const first = (await gqlOk(stack.url, REGISTER, { i: { eventId, name: 'Bürgerhaus', email: SPELLINGS[1], consent: true } })).registerForEvent;
  const again = (await gqlOk(stack.url, REGISTER, { i: { eventId, name: 'Bürgerhaus', email: SPELLINGS[2], consent: true } })).registerForEvent;
  expect(again.id).toBe(first.id);
  const events = stack.subgraphs.events.ds;
  expect(await events.query(`SELECT email FROM registration WHERE email ILIKE '%musterstadt%'`)).toEqual([{ email: CANONICAL }]);
  const mailed: { to: string }[] = await events.query(`SELECT message->>'to' AS to FROM outbox_mail WHERE message->>'to' ILIKE '%musterstadt%'`);
  expect(mailed.length).toBeGreaterThan(0);
  expect(new Set(mailed.map((m) => m.to))).toEqual(new Set([CANONICAL]));

  // Accounts: stored in the same form; sign-in with any spelling; a second account for it is refused.
  const account = (await gqlOk(stack.url, CREATE_ACCOUNT, { i: { email: SPELLINGS[0], displayName: 'Bürgerhaus', role: 'PARTNER_EDITOR', partnerId: PARTNER_A, password: 'ein-langes-passwort-1' } }, coordinator))
    .createAccount;
  expect(account.email).toBe(CANONICAL);
  for (const email of SPELLINGS) expect((await gqlOk(stack.url, LOGIN, { e: email, p: 'ein-langes-passwort-1' })).login.token).toEqual(expect.any(String));
  const twice = await gql(stack.url, CREATE_ACCOUNT, { i: { email: SPELLINGS[2], displayName: 'Doppelt', role: 'PARTNER_EDITOR', partnerId: PARTNER_A, password: 'ein-langes-passwort-1' } }, coordinator);
  expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });

  // Contact persons and a partner's own address.
  const contact = (await gqlOk(stack.url, CREATE_CONTACT, { i: { partnerId: PARTNER_A, name: 'Kim Bürger', email: SPELLINGS[1] } }, coordinator)).createContactPerson;
  expect(contact.email).toBe(CANONICAL);
  const { partner } = await gqlOk(stack.url, 'query ($id: ID!) { partner(id: $id) { version } }', { id: PARTNER_A }, coordinator);
  const updated = await gqlOk(stack.url, 'mutation ($id: ID!, $i: UpdatePartnerInput!) { updatePartner(id: $id, input: $i) { email } }', { id: PARTNER_A, i: { version: partner.version, email: SPELLINGS[1] } }, coordinator);
  expect(updated.updatePartner.email).toBe(CANONICAL);

  // Privacy look-up: any spelling finds everything, under the one form.
  for (const email of SPELLINGS) {
    const { dataSubject } = await gqlOk(stack.url, EXPORT, { e: email }, coordinator);
    expect(dataSubject).toEqual({
      email: CANONICAL,
      account: { email: CANONICAL },
      contactPersons: { totalCount: 1, nodes: [{ email: CANONICAL }] },
      registrations: { totalCount: 1, nodes: [{ email: CANONICAL }] },
      newsletterSubscription: { email: CANONICAL },
    });
  }
});

test.each(['info@bürgerhaus', 'info@@bürgerhaus.de', 'in fo@beispiel.de', 'Info <info@beispiel.de>', 'info@-beispiel.de', 'info@beispiel..de', 'info@[127.0.0.1]'])(
  '%s is BAD_USER_INPUT on email wherever an address is given',
  async (bad) => {
    const eventId = await openEvent();
    const answers = [
      await gql(stack.url, SUBSCRIBE, { i: { email: bad } }),
      await gql(stack.url, REGISTER, { i: { eventId, name: 'X', email: bad, consent: true } }),
      await gql(stack.url, CREATE_ACCOUNT, { i: { email: bad, displayName: 'X', role: 'COORDINATOR', password: 'ein-langes-passwort-1' } }, coordinator),
      await gql(stack.url, CREATE_CONTACT, { i: { partnerId: PARTNER_A, name: 'X', email: bad } }, coordinator),
      await gql(stack.url, EXPORT, { e: bad }, coordinator),
    ];
    expect(answers.map((a) => [a.errors?.[0].extensions?.code, a.errors?.[0].extensions?.field])).toEqual(answers.map(() => ['BAD_USER_INPUT', 'email']));
  },
);

test('addresses stored before the rule are brought into the one form by each service’s migration', async () => {
  const planted: string[] = [];
  for (const [name, sg] of Object.entries(stack.subgraphs)) {
    const tables: { table_name: string }[] = await sg.ds.query(
      `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = current_schema() AND c.column_name = 'email' AND t.table_type = 'BASE TABLE'`,
    );
    const migration = (sg.ds.migrations as { name?: string }[]).find((m) => m.name?.startsWith('CanonicalEmails'));
    if (!tables.length) continue;
    expect([name, Boolean(migration)]).toEqual([name, true]);
    // One row per table gets an old-style spelling: upper case, spaces, an umlaut domain.
    for (const { table_name } of tables) {
      const [rows] = await sg.ds.query(
        `UPDATE "${table_name}" SET email = ' ' || upper(split_part(email, '@', 1)) || '@Bürgerhaus-' || substr(md5(random()::text), 1, 8) || '.DE'
          WHERE ctid = (SELECT ctid FROM "${table_name}" WHERE email LIKE '%@%' LIMIT 1) RETURNING email`,
      );
      if (rows.length) planted.push(`${name}.${table_name}`);
    }
    const runner = sg.ds.createQueryRunner();
    await runner.startTransaction();
    await (migration as { up(q: unknown): Promise<void> }).up(runner);
    await runner.commitTransaction();
    await runner.release();
    for (const { table_name } of tables) {
      const [{ odd }] = await sg.ds.query(
        `SELECT count(*)::int AS odd FROM "${table_name}" WHERE email <> lower(btrim(email)) OR octet_length(email) <> char_length(email)`,
      );
      expect([`${name}.${table_name}`, odd]).toEqual([`${name}.${table_name}`, 0]);
    }
  }
  expect(planted).toEqual(expect.arrayContaining(['events.registration', 'newsletter.subscriber', 'partners.account', 'partners.contact_person', 'partners.partner']));
});
