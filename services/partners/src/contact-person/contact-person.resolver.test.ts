import { stableId } from '@mitgen/subgraph-kit';
import { entitiesQuery, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, DRAFT_PARTNER, editorOf, PARTNER_A, PARTNER_B, type Caller } from '../test/callers';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const contactId = (partner: string, key: string) => stableId('contact-person', `${partner}/${key}`);
const HADDAD = contactId('frauenberatung-osnabrueck', 'beratung-gefluechtete-frauen'); // phone public, email not
const VOGEL = contactId('frauenberatung-osnabrueck', 'gruppenangebote'); // not public at all
const SAHIN = contactId('g-mit-niedersachsen', 'projektleitung'); // email and phone public
const DEMIR = contactId('interkulturelles-frauencafe-hildesheim', 'ansprechpartnerin'); // partner is a draft

const CREATE = 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { id name email phone version topics { slug } } }';
const UPDATE = 'mutation ($id: ID!, $i: UpdateContactPersonInput!) { updateContactPerson(id: $id, input: $i) { id role email version topics { slug } } }';
const DELETE = 'mutation ($id: ID!) { deleteContactPerson(id: $id) }';

const contactsOfB = (caller: Caller) =>
  asOk(sg.url, caller, `{ partner(id: "${PARTNER_B}") { contactPersons { totalCount nodes { id name email phone isPublic } } } }`).then(
    (d) => d.partner.contactPersons,
  );

test('the public sees public contact persons, with email and phone only where marked public', async () => {
  for (const caller of ['anonymous', 'apiKey', 'editorA'] as Caller[]) {
    const contacts = await contactsOfB(caller);
    expect(contacts.totalCount).toBe(1);
    expect(contacts.nodes).toEqual([{ id: HADDAD, name: 'Samira Haddad', email: null, phone: '+49 541 0000201', isPublic: true }]);
  }
  const sahin = await asOk(sg.url, 'anonymous', `{ contactPerson(id: "${SAHIN}") { email phone role areaOfResponsibility languages topics { slug } partner { slug } } }`);
  expect(sahin.contactPerson).toEqual({
    email: 'l.sahin@g-mit-niedersachsen.example',
    phone: '+49 511 0000101',
    role: 'Projektleitung',
    areaOfResponsibility: 'Netzwerkkoordination MitGeN, Fachtag und Netzwerktreffen',
    languages: ['de', 'en', 'tr'],
    topics: [{ slug: 'empowerment' }, { slug: 'gleichstellung' }],
    partner: { slug: 'g-mit-niedersachsen' },
  });
});

test('coordinators and editors of the same partner see every contact person with all details', async () => {
  for (const caller of ['editorB', 'coordinator'] as Caller[]) {
    const contacts = await contactsOfB(caller);
    expect(contacts.totalCount).toBe(2);
    expect(contacts.nodes).toEqual([
      { id: VOGEL, name: 'Katrin Vogel', email: 'k.vogel@frauenberatung-os.example', phone: '+49 541 0000202', isPublic: false },
      { id: HADDAD, name: 'Samira Haddad', email: 's.haddad@frauenberatung-os.example', phone: '+49 541 0000201', isPublic: true },
    ]);
  }
  expect((await asOk(sg.url, 'editorA', `{ contactPerson(id: "${VOGEL}") { name } }`)).contactPerson).toBeNull();
  expect((await asOk(sg.url, 'editorB', `{ contactPerson(id: "${VOGEL}") { name } }`)).contactPerson).toEqual({ name: 'Katrin Vogel' });
});

test('_entities for ContactPerson shows no more than the field would: null for hidden persons, private details masked', async () => {
  const reps = [HADDAD, VOGEL, SAHIN, DEMIR, stableId('contact-person', 'nobody'), 'not-a-uuid'].map((id) => ({ __typename: 'ContactPerson', id }));
  const query = entitiesQuery('ContactPerson', 'id name email phone');
  const publicView = await asOk(sg.url, 'anonymous', query, { r: reps });
  expect(publicView._entities).toEqual([
    { id: HADDAD, name: 'Samira Haddad', email: null, phone: '+49 541 0000201' },
    null, // not public
    { id: SAHIN, name: 'Leyla Şahin', email: 'l.sahin@g-mit-niedersachsen.example', phone: '+49 511 0000101' },
    null, // partner is an unpublished draft
    null,
    null,
  ]);
  const ownerView = await asOk(sg.url, 'editorB', query, { r: reps });
  expect(ownerView._entities[0].email).toBe('s.haddad@frauenberatung-os.example');
  expect(ownerView._entities[1]).toMatchObject({ id: VOGEL, email: 'k.vogel@frauenberatung-os.example' });
  expect(ownerView._entities[3]).toBeNull();
  const draftOwner = await asOk(sg.url, editorOf(DRAFT_PARTNER), query, { r: reps });
  expect(draftOwner._entities[3]).toMatchObject({ id: DEMIR, name: 'Ayşe Demir' });
  const coordinator = await asOk(sg.url, 'coordinator', query, { r: reps });
  expect(coordinator._entities.slice(0, 4).every(Boolean)).toBe(true);
});

test('resolving 60 contact-person references with their partner and topics costs constant SQL', async () => {
  const ids = Array.from({ length: 60 }, (_, i) => [HADDAD, VOGEL, SAHIN, DEMIR, contactId('x', String(i))][i % 5]);
  const query = entitiesQuery('ContactPerson', 'id email topics { slug } partner { name }');
  const count = async (n: number) => {
    sg.counter.reset();
    const data = await asOk(sg.url, 'anonymous', query, { r: ids.slice(0, n).map((id) => ({ __typename: 'ContactPerson', id })) });
    expect(data._entities).toHaveLength(n);
    return sg.counter.count;
  };
  const few = await count(5);
  expect(await count(60)).toBe(few);
  expect(few).toBeLessThanOrEqual(3); // persons, their partners, their topics
});

test('editors add, change and remove contact persons of their own organisation only', async () => {
  const created = await asOk(sg.url, 'editorA', CREATE, {
    i: {
      partnerId: PARTNER_A,
      name: 'Nadia Rahimi',
      role: 'Beraterin',
      email: 'n.rahimi@g-mit-niedersachsen.example',
      phone: '+49 511 0000103',
      languages: ['de', 'fa'],
      topics: ['gewaltschutz', 'gleichstellung', 'gewaltschutz'],
    },
  });
  const c = created.createContactPerson;
  expect(c).toMatchObject({ name: 'Nadia Rahimi', email: 'n.rahimi@g-mit-niedersachsen.example', version: 1 });
  expect(c.topics.map((t: any) => t.slug)).toEqual(['gewaltschutz', 'gleichstellung']);
  // Private by default: the public sees the person, not the email or phone.
  expect((await asOk(sg.url, 'anonymous', `{ contactPerson(id: "${c.id}") { email phone } }`)).contactPerson).toEqual({ email: null, phone: null });

  expect(codeOf(await as(sg.url, 'editorB', CREATE, { i: { partnerId: PARTNER_A, name: 'Fremd' } }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'editorB', UPDATE, { id: c.id, i: { version: 1, role: 'Fremd' } }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'editorB', DELETE, { id: c.id }))).toBe('FORBIDDEN');
  for (const caller of ['anonymous', 'apiKey'] as Caller[]) {
    expect(codeOf(await as(sg.url, caller, CREATE, { i: { partnerId: PARTNER_A, name: 'Anonym' } }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await as(sg.url, caller, DELETE, { id: c.id }))).toBe('UNAUTHENTICATED');
  }

  const updated = await asOk(sg.url, 'editorA', UPDATE, { id: c.id, i: { version: 1, role: 'Leitung Beratung', emailPublic: true, topics: [] } });
  expect(updated.updateContactPerson).toMatchObject({ role: 'Leitung Beratung', version: 2, topics: [] });
  expect((await asOk(sg.url, 'anonymous', `{ contactPerson(id: "${c.id}") { email } }`)).contactPerson.email).toBe('n.rahimi@g-mit-niedersachsen.example');
  const stale = await as(sg.url, 'coordinator', UPDATE, { id: c.id, i: { version: 1, role: 'Überschrieben?' } });
  expect(codeOf(stale)).toBe('CONFLICT');

  expect((await asOk(sg.url, 'editorA', DELETE, { id: c.id })).deleteContactPerson).toBe(true);
  expect((await asOk(sg.url, 'coordinator', `{ contactPerson(id: "${c.id}") { id } }`)).contactPerson).toBeNull();
  expect(codeOf(await as(sg.url, 'editorA', DELETE, { id: c.id }))).toBe('NOT_FOUND');
});

test('bad contact-person input is BAD_USER_INPUT naming the field, and nothing is written', async () => {
  const base = { partnerId: PARTNER_A, name: 'Neue Person' };
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ email: 'nicht@' }, 'email'],
    [{ phone: '12' }, 'phone'],
    [{ topics: ['unbekannt'] }, 'topics'],
    [{ languages: ['xx'] }, 'languages'],
    [{ name: '' }, 'name'],
    [{ name: '<a href="https://example.org">Link</a>' }, 'name'],
    [{ areaOfResponsibility: 'z'.repeat(501) }, 'areaOfResponsibility'],
    [{ partnerId: '00000000-0000-4000-8000-000000000404' }, 'partnerId'],
    [{ partnerId: 'kein-partner' }, 'partnerId'],
  ];
  const count = async () => (await sg.ds.query('SELECT (SELECT count(*) FROM contact_person)::int + (SELECT count(*) FROM audit_entry)::int AS n'))[0].n;
  const before = await count();
  for (const [change, field] of cases) {
    const res = await as(sg.url, 'coordinator', CREATE, { i: { ...base, ...change } });
    expect({ change, code: codeOf(res), field: res.errors?.[0].extensions?.field }).toEqual({ change, code: 'BAD_USER_INPUT', field });
  }
  for (const [change, field] of [[{ name: null }, 'name'], [{ emailPublic: null }, 'emailPublic'], [{ topics: ['unbekannt'] }, 'topics']] as const) {
    const res = await as(sg.url, 'coordinator', UPDATE, { id: SAHIN, i: { version: 1, ...change } });
    expect({ change, code: codeOf(res), field: res.errors?.[0].extensions?.field }).toEqual({ change, code: 'BAD_USER_INPUT', field });
  }
  expect(await count()).toBe(before);
});

test('the contact-person directory lists public persons of published partners by topic, language and region', async () => {
  const q = 'query ($f: ContactPersonFilter) { contactPersons(filter: $f, first: 100) { totalCount nodes { name } } }';
  const names = async (f: object) => (await asOk(sg.url, 'anonymous', q, { f })).contactPersons.nodes.map((n: any) => n.name);
  expect(await names({ topic: 'gewaltschutz' })).toEqual(['Mehmet Yılmaz', 'Samira Haddad']);
  expect(await names({ language: 'AR' })).toEqual(['Samira Haddad']);
  expect(await names({ region: '03241' })).toEqual(['Jonas Weber', 'Leyla Şahin']);
  expect(await names({ topic: 'empowerment' })).toEqual(['Leyla Şahin', 'Olena Kovalenko']); // not Ayşe Demir: draft partner
  const all = await names({});
  expect(all).not.toContain('Katrin Vogel');
  expect(all).not.toContain('Ayşe Demir');
});
