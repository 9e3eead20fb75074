import { randomUUID } from 'node:crypto';
import { AuditEntry, ERASURE_COORDINATOR } from '@mitgen/subgraph-kit';
import { callErasure, countsOf, entitiesQuery, forgedPrincipal, gql, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, COORDINATOR_ID, headersOf, PARTNER_A, PARTNER_B, type Caller } from '../test/callers';
import { CANNOT_ERASE_OWN_DATA, ERASED_ACCOUNT_NAME } from './privacy.service';

// The partners service's part of the privacy export and erasure: accounts and contact persons,
// found by address in any letter case; the export for coordinators only — also through
// `_entities` —, the erasure for the erasure coordinator only. (Erasure requests: ../erasure.)

let sg: TestSubgraph;
beforeAll(async () => {
  // Nothing listens on the discard port: erasure requests made here reach no service.
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true', GRAPH_URL: 'http://127.0.0.1:9/graphql' });
});
afterAll(() => sg?.stop());

let n = 0;
/** A person with an editor account at partner A and contact-person entries at partners A and B. */
async function person() {
  const name = `Leyla Demir-${++n}x`;
  const email = `Leyla.Demir.${n}@Beispiel.de`;
  const { createAccount } = await asOk(sg.url, 'coordinator', 'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }', {
    i: { email, displayName: name, role: 'PARTNER_EDITOR', partnerId: PARTNER_A, password: 'ein-langes-passwort-1' },
  });
  const contact = async (partnerId: string, role: string) =>
    (
      await asOk(sg.url, 'coordinator', 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { id version } }', {
        i: { partnerId, name, role, areaOfResponsibility: 'Beratung für geflüchtete Frauen', email: email.toUpperCase(), phone: '+49 541 0000999' },
      })
    ).createContactPerson;
  const a = await contact(PARTNER_A, 'Projektleitung');
  const b = await contact(PARTNER_B, 'Beraterin');
  // A later change, so that the audit log holds values of the person's entry.
  await asOk(sg.url, 'coordinator', 'mutation ($id: ID!, $v: Int!) { updateContactPerson(id: $id, input: { version: $v, role: "Bereichsleitung" }) { version } }', {
    id: a.id,
    v: a.version,
  });
  return { name, email, accountId: createAccount.id as string, contactIds: [a.id as string, b.id as string] };
}

const EXPORT = `query ($e: String!) { dataSubject(email: $e) { email
  account { id email displayName role disabled partner { slug } }
  contactPersons { totalCount nodes { id name email phone role partner { slug } } } } }`;
const ERASE_REQUEST = 'mutation ($e: String!) { eraseDataSubject(email: $e) { id status } }';
/** This service's part of an erasure request, as the erasure coordinator calls it. */
const erase = async (email: string, requestId = randomUUID()) => countsOf(await callErasure(sg.url, 'partners', email, { requestId }));
const SUBJECT = 'account { email } contactPersons { totalCount nodes { email } }';

test('a coordinator gets the account and every contact-person entry of an address, in any letter case', async () => {
  const p = await person();
  const { dataSubject } = await asOk(sg.url, 'coordinator', EXPORT, { e: `  ${p.email.toUpperCase()} ` });
  expect(dataSubject.email).toBe(p.email.toLowerCase());
  expect(dataSubject.account).toEqual({ id: p.accountId, email: p.email.toLowerCase(), displayName: p.name, role: 'PARTNER_EDITOR', disabled: false, partner: { slug: 'g-mit-niedersachsen' } });
  expect(dataSubject.contactPersons.totalCount).toBe(2);
  expect(dataSubject.contactPersons.nodes.map((c: { id: string }) => c.id).sort()).toEqual([...p.contactIds].sort());
  // Non-public details too: the export is complete.
  expect(dataSubject.contactPersons.nodes[0]).toMatchObject({ name: p.name, email: p.email.toLowerCase(), phone: '+49 541 0000999' });

  expect(codeOf(await as(sg.url, 'coordinator', EXPORT, { e: 'keine-adresse' }))).toBe('BAD_USER_INPUT');
  expect((await as(sg.url, 'coordinator', EXPORT, { e: 'keine-adresse' })).errors?.[0].extensions?.field).toBe('email');
});

test('only coordinators export and request erasures, only the erasure coordinator erases: nobody else gets or erases anything', async () => {
  const p = await person();
  const forged = await forgedPrincipal({ role: 'COORDINATOR', subject: COORDINATOR_ID }, 'partners');
  const denied: Array<[Caller | 'forged', string]> = [
    ['anonymous', 'UNAUTHENTICATED'],
    ['apiKey', 'UNAUTHENTICATED'],
    ['forged', 'UNAUTHENTICATED'],
    ['editorA', 'FORBIDDEN'], // the editor of the partner where the person works
    ['editorB', 'FORBIDDEN'],
  ];
  for (const [caller, code] of denied) {
    const run = (query: string, variables: Record<string, unknown>) => (caller === 'forged' ? gql(sg.url, query, variables, forged) : as(sg.url, caller, query, variables));
    const exported = await run(EXPORT, { e: p.email });
    expect([caller, exported.data?.dataSubject ?? null, codeOf(exported)]).toEqual([caller, null, code]);
    const requested = await run(ERASE_REQUEST, { e: p.email });
    expect([caller, requested.data?.eraseDataSubject ?? null, codeOf(requested)]).toEqual([caller, null, code]);
    const erased = await callErasure(sg.url, 'partners', p.email, { headers: caller === 'forged' ? forged : await headersOf(caller) });
    expect([caller, erased.data?.erasure ?? null, codeOf(erased)]).toEqual([caller, null, code]);
    // Straight to the subgraph with a representation, past the root fields.
    const entities = await run(entitiesQuery('DataSubject', SUBJECT), { r: [{ __typename: 'DataSubject', email: p.email }] });
    expect(entities.data._entities).toEqual([{ account: null, contactPersons: null }]);
    expect(codeOf(entities)).toBe(code);
  }
  // Coordinators do not erase directly either: only through a stored request (eraseDataSubject).
  const byCoordinator = await callErasure(sg.url, 'partners', p.email, { headers: await headersOf('coordinator') });
  expect([byCoordinator.data?.erasure, codeOf(byCoordinator)]).toEqual([null, 'FORBIDDEN']);
  // Nor as a forged erasure coordinator, nor through the old erasure entity (gone).
  const forgedWorker = await callErasure(sg.url, 'partners', p.email, { headers: await forgedPrincipal(ERASURE_COORDINATOR, 'partners') });
  expect([forgedWorker.data?.erasure, codeOf(forgedWorker)]).toEqual([null, 'UNAUTHENTICATED']);
  const entity = await as(sg.url, 'coordinator', entitiesQuery('DataSubjectErasure', '__typename'), { r: [{ __typename: 'DataSubjectErasure', email: p.email }] });
  expect(entity.errors?.length).toBeGreaterThan(0);
  const { dataSubject } = await asOk(sg.url, 'coordinator', EXPORT, { e: p.email });
  expect(dataSubject.contactPersons.totalCount).toBe(2);
  expect(dataSubject.account.disabled).toBe(false);
});

test('erasure disables and anonymises the account, deletes the contact persons, keeps no values in the audit log, and is idempotent', async () => {
  const p = await person();
  const requestId = randomUUID();
  expect(await erase(p.email.toUpperCase(), requestId)).toEqual({ accountsAnonymised: 1, contactPersonsDeleted: 2 });

  const { dataSubject } = await asOk(sg.url, 'coordinator', EXPORT, { e: p.email });
  expect(dataSubject).toMatchObject({ account: null, contactPersons: { totalCount: 0, nodes: [] } });
  // The account stays (audit entries name it as actor), without anything personal, and cannot sign in.
  const { accounts } = await asOk(sg.url, 'coordinator', '{ accounts(first: 100) { nodes { id email displayName disabled } } }');
  const account = accounts.nodes.find((a: { id: string }) => a.id === p.accountId);
  expect(account).toEqual({ id: p.accountId, email: `erased-${p.accountId}@account.invalid`, displayName: ERASED_ACCOUNT_NAME, disabled: true });
  expect(codeOf(await as(sg.url, 'anonymous', 'mutation ($e: String!) { login(email: $e, password: "ein-langes-passwort-1") { token } }', { e: p.email }))).toBe('UNAUTHENTICATED');

  // Nothing in this service's database holds the address or the name any more.
  const tables: { table_name: string }[] = await sg.ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  for (const { table_name } of tables) {
    const [{ hits }] = await sg.ds.query(`SELECT count(*)::int AS hits FROM "${table_name}" t WHERE t::text ILIKE $1 OR t::text ILIKE $2`, [`%${p.email}%`, `%${p.name}%`]);
    expect([table_name, hits]).toEqual([table_name, 0]);
  }
  // The partners' audit logs say what happened to the entries, not what they held.
  const partnerLog = await sg.ds.getRepository(AuditEntry).findBy({ entityType: 'Partner', entityId: PARTNER_A });
  const aboutIt = partnerLog.filter((e) => Object.keys(e.changes).some((k) => k.startsWith(`contactPerson.${p.contactIds[0]}`)));
  expect(aboutIt.map((e) => e.action).sort()).toEqual(['CONTACT_PERSON_CREATE', 'CONTACT_PERSON_DELETE', 'CONTACT_PERSON_UPDATE']);
  expect(JSON.stringify(aboutIt)).not.toMatch(/Projektleitung|Bereichsleitung|geflüchtete/);
  expect(aboutIt.find((e) => e.action === 'CONTACT_PERSON_UPDATE')!.changes).toEqual({ [`contactPerson.${p.contactIds[0]}.role`]: '[erased]' });
  const [erasure] = await sg.ds.getRepository(AuditEntry).find({ where: { entityType: 'DataSubject', action: 'ERASE' }, order: { at: 'DESC' } });
  expect(erasure).toMatchObject({
    entityId: requestId,
    actorId: ERASURE_COORDINATOR.subject,
    actorRole: 'SYSTEM',
    changes: { accountsAnonymised: 1, contactPersonsDeleted: 2, accounts: [p.accountId] },
  });

  // Again for the same request (an answer got lost): the request's totals; a new request: nothing left.
  expect(await erase(p.email, requestId)).toEqual({ accountsAnonymised: 1, contactPersonsDeleted: 2 });
  expect(await erase(p.email)).toEqual({ accountsAnonymised: 0, contactPersonsDeleted: 0 });
});

test('a coordinator cannot erase their own address', async () => {
  const email = `koordination.${++n}@beispiel.de`;
  const { createAccount } = await asOk(sg.url, 'coordinator', 'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }', {
    i: { email, displayName: 'Koordination', role: 'COORDINATOR', password: 'ein-langes-passwort-1' },
  });
  const self = { role: 'COORDINATOR' as const, subject: createAccount.id, email };
  const res = await as(sg.url, self, ERASE_REQUEST, { e: `  ${email.toUpperCase()}` });
  expect(res.errors?.[0].extensions).toMatchObject({ code: CANNOT_ERASE_OWN_DATA, field: 'email' });
  expect((await asOk(sg.url, 'coordinator', EXPORT, { e: email })).dataSubject.account.disabled).toBe(false);
  // No request was stored.
  expect((await asOk(sg.url, self, '{ erasureRequests { totalCount } }')).erasureRequests.totalCount).toBe(0);
});

test('the export costs the same number of SQL statements for one or many contact-person entries', async () => {
  const count = async (entries: number) => {
    const email = `viele.eintraege.${++n}@beispiel.de`;
    for (let i = 0; i < entries; i++) {
      await asOk(sg.url, 'coordinator', 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { id } }', {
        i: { partnerId: i % 2 ? PARTNER_A : PARTNER_B, name: `Person ${i}`, email, topics: ['gewaltschutz'] },
      });
    }
    sg.counter.reset();
    const { dataSubject } = await asOk(sg.url, 'coordinator', 'query ($e: String!) { dataSubject(email: $e) { account { id } contactPersons { totalCount nodes { name partner { name } topics { slug } } } } }', { e: email });
    expect(dataSubject.contactPersons.totalCount).toBe(entries);
    return sg.counter.count;
  };
  const one = await count(1);
  expect(await count(8)).toBe(one);
});
