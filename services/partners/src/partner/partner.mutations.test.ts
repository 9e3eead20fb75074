import { entitiesQuery, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, COORDINATOR_ID, editorOf, PARTNER_A, PARTNER_B, type Caller } from '../test/callers';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const CREATE = 'mutation ($i: CreatePartnerInput!) { createPartner(input: $i) { id slug name status version topics { slug } region { code } } }';
const UPDATE = 'mutation ($id: ID!, $i: UpdatePartnerInput!) { updatePartner(id: $id, input: $i) { id name description version topics { slug } } }';
const STATUS = (m: string) => `mutation ($id: ID!) { ${m}(id: $id) { id status } }`;

async function createDraft(name: string, extra: Record<string, unknown> = {}) {
  return (await asOk(sg.url, 'coordinator', CREATE, { i: { name, kind: 'ASSOCIATION', ...extra } })).createPartner;
}

const rowCounts = async () => {
  const [row] = await sg.ds.query(
    'SELECT (SELECT count(*) FROM partner)::int AS partners, (SELECT count(*) FROM partner_topic)::int AS topics, (SELECT count(*) FROM audit_entry)::int AS audit',
  );
  return row;
};

test('coordinators create partners as drafts; slugs come from the name with German characters spelt out, unique with -2, -3', async () => {
  const first = await createDraft('Frauenhaus Lüneburg – Beratung & Schutz', {
    topics: ['gewaltschutz'],
    regionCode: '03355',
    description: 'Schutz und Beratung für Frauen und ihre Kinder.',
  });
  expect(first).toMatchObject({ slug: 'frauenhaus-lueneburg-beratung-schutz', status: 'DRAFT', version: 1, topics: [{ slug: 'gewaltschutz' }], region: { code: '03355' } });
  expect((await createDraft('Frauenhaus Lüneburg – Beratung & Schutz')).slug).toBe('frauenhaus-lueneburg-beratung-schutz-2');
  expect((await createDraft('Frauenhaus Lüneburg: Beratung & Schutz')).slug).toBe('frauenhaus-lueneburg-beratung-schutz-3');
  expect((await createDraft('Straße der Begegnung Göttingen e.V.')).slug).toBe('strasse-der-begegnung-goettingen-e-v');
  expect((await createDraft('Verein', { slug: 'mein-eigener-slug' })).slug).toBe('mein-eigener-slug');
  // Renaming keeps the slug: links on partner websites stay valid.
  const renamed = await asOk(sg.url, 'coordinator', UPDATE, { id: first.id, i: { version: 1, name: 'Frauenhaus Lüneburg' } });
  expect(renamed.updatePartner).toMatchObject({ name: 'Frauenhaus Lüneburg', version: 2 });
  expect((await asOk(sg.url, 'coordinator', `{ partner(id: "${first.id}") { slug } }`)).partner.slug).toBe('frauenhaus-lueneburg-beratung-schutz');
});

test('bad partner input is BAD_USER_INPUT naming the field, and nothing is written', async () => {
  const base = { name: 'Neuer Partner', kind: 'ASSOCIATION' };
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ slug: 'vnb-ev' }, 'slug'], // taken
    [{ slug: 'Nicht Gültig' }, 'slug'],
    [{ topics: ['gleichstellung', 'gibt-es-nicht'] }, 'topics'],
    [{ regionCode: '09162' }, 'regionCode'], // München: not in Lower Saxony
    [{ regionCode: 'Hannover' }, 'regionCode'],
    [{ website: 'javascript:alert(1)' }, 'website'],
    [{ logoUrl: 'ftp://example.org/logo.png' }, 'logoUrl'],
    [{ email: 'keine-adresse' }, 'email'],
    [{ phone: 'ruf mich an' }, 'phone'],
    [{ postalCode: '3015' }, 'postalCode'],
    [{ postalCode: 'A-1010' }, 'postalCode'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ description: 'y'.repeat(5001) }, 'description'],
    [{ description: 'Hallo <script>alert(1)</script>' }, 'description'],
    [{ name: '<b>Fett</b> e.V.' }, 'name'],
    [{ targetGroups: ['Frauen', '<img src=x onerror=alert(1)>'] }, 'targetGroups'],
    [{ languages: ['deutsch'] }, 'languages'],
    [{ memberSince: '2023-02-30' }, 'memberSince'],
    [{ memberSince: '12.09.2019' }, 'memberSince'],
  ];
  const before = await rowCounts();
  for (const [change, field] of cases) {
    const res = await as(sg.url, 'coordinator', CREATE, { i: { ...base, ...change } });
    expect({ change, code: codeOf(res), field: res.errors?.[0].extensions?.field }).toEqual({ change, code: 'BAD_USER_INPUT', field });
  }
  const { partner } = await asOk(sg.url, 'coordinator', `{ partner(id: "${PARTNER_A}") { version } }`);
  const updates: Array<[Record<string, unknown>, string]> = [
    [{ name: null }, 'name'],
    [{ kind: null }, 'kind'],
    [{ topics: ['gibt-es-nicht'] }, 'topics'],
    [{ regionCode: '99999' }, 'regionCode'],
    [{ website: 'keine url' }, 'website'],
    [{ description: '<iframe src="https://example.org"></iframe>' }, 'description'],
  ];
  for (const [change, field] of updates) {
    const res = await as(sg.url, 'coordinator', UPDATE, { id: PARTNER_A, i: { version: partner.version, ...change } });
    expect({ change, code: codeOf(res), field: res.errors?.[0].extensions?.field }).toEqual({ change, code: 'BAD_USER_INPUT', field });
  }
  expect(await rowCounts()).toEqual(before);
  expect((await asOk(sg.url, 'coordinator', `{ partner(id: "${PARTNER_A}") { version } }`)).partner.version).toBe(partner.version);
});

test('text with angle brackets that is no HTML is kept as plain text', async () => {
  const created = await createDraft('Beratung für Frauen 50+ & Familien', { description: 'Kosten: 0 € für Einkommen < 1.000 €; "Sprachmittlung" möglich.' });
  const { partner } = await asOk(sg.url, 'coordinator', `{ partner(id: "${created.id}") { description } }`);
  expect(partner.description).toBe('Kosten: 0 € für Einkommen < 1.000 €; "Sprachmittlung" möglich.');
});

test('an update with a stale version is a CONFLICT and does not overwrite the other change', async () => {
  const p = await createDraft('Migrationsberatung Celle');
  const first = await as(sg.url, 'coordinator', UPDATE, { id: p.id, i: { version: 1, description: 'Erste Änderung' } });
  const second = await as(sg.url, editorOf(p.id), UPDATE, { id: p.id, i: { version: 1, description: 'Zweite Änderung' } });
  expect(first.data.updatePartner).toMatchObject({ description: 'Erste Änderung', version: 2 });
  expect(codeOf(second)).toBe('CONFLICT');
  expect(second.errors?.[0].extensions?.currentVersion).toBe(2);
  const { partner } = await asOk(sg.url, 'coordinator', `{ partner(id: "${p.id}") { description version } }`);
  expect(partner).toEqual({ description: 'Erste Änderung', version: 2 });
});

test('two updates sent at the same moment with the same version: exactly one wins', async () => {
  const p = await createDraft('Gleichzeitig e.V.');
  const results = await Promise.all(
    ['A', 'B', 'C', 'D'].map((n) => as(sg.url, 'coordinator', UPDATE, { id: p.id, i: { version: 1, description: `Fassung ${n}` } })),
  );
  expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
  const winner = results.find((r) => !r.errors)!.data.updatePartner.description;
  expect((await asOk(sg.url, 'coordinator', `{ partner(id: "${p.id}") { description version } }`)).partner).toEqual({ description: winner, version: 2 });
});

test('editors change their own organisation only, and may not publish or archive it', async () => {
  const version = async (id: string) => (await asOk(sg.url, 'coordinator', `{ partner(id: "${id}") { version } }`)).partner.version;
  const own = await as(sg.url, 'editorA', UPDATE, { id: PARTNER_A, i: { version: await version(PARTNER_A), phone: '+49 511 0000100' } });
  expect(codeOf(own)).toBe('OK');
  const other = await as(sg.url, 'editorA', UPDATE, { id: PARTNER_B, i: { version: await version(PARTNER_B), phone: '+49 511 0000100' } });
  expect(codeOf(other)).toBe('FORBIDDEN');
  for (const caller of ['anonymous', 'apiKey'] as Caller[]) {
    expect(codeOf(await as(sg.url, caller, UPDATE, { id: PARTNER_A, i: { version: 1, phone: '+49 511 0000100' } }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await as(sg.url, caller, CREATE, { i: { name: 'X', kind: 'OTHER' } }))).toBe('UNAUTHENTICATED');
  }
  expect(codeOf(await as(sg.url, 'editorA', CREATE, { i: { name: 'X', kind: 'OTHER' } }))).toBe('FORBIDDEN');

  const draft = await createDraft('Neue Initiative Peine');
  const editor = editorOf(draft.id);
  expect(codeOf(await as(sg.url, editor, STATUS('publishPartner'), { id: draft.id }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, editor, STATUS('archivePartner'), { id: draft.id }))).toBe('FORBIDDEN');
  await asOk(sg.url, 'coordinator', STATUS('publishPartner'), { id: draft.id });
  // Taking the own profile offline is allowed; publishing it again needs a coordinator.
  expect((await asOk(sg.url, editor, STATUS('unpublishPartner'), { id: draft.id })).unpublishPartner.status).toBe('DRAFT');
  expect(codeOf(await as(sg.url, 'editorB', STATUS('unpublishPartner'), { id: PARTNER_A }))).toBe('FORBIDDEN');
  await asOk(sg.url, 'coordinator', STATUS('archivePartner'), { id: draft.id });
  expect(codeOf(await as(sg.url, editor, STATUS('unpublishPartner'), { id: draft.id }))).toBe('FORBIDDEN');
  expect((await asOk(sg.url, 'coordinator', `{ partner(id: "${draft.id}") { status } }`)).partner.status).toBe('ARCHIVED');
});

test('drafts are never public; archived partners leave lists and search but keep their profile by id, slug and reference', async () => {
  const p = await createDraft('Verborgene Beratungsstelle Nienburg', { regionCode: '03256', topics: ['gleichstellung'] });
  const editor = editorOf(p.id);
  const seenBy = async (caller: Caller) => {
    const list = await asOk(sg.url, caller, '{ partners(first: 100, filter: { region: "03256" }) { nodes { id } } }');
    const byId = await asOk(sg.url, caller, `{ partner(id: "${p.id}") { id } }`);
    const bySlug = await asOk(sg.url, caller, `{ partner(slug: "${p.slug}") { id } }`);
    const search = await asOk(sg.url, caller, '{ partners(filter: { search: "Verborgene" }) { totalCount } }');
    const entities = await asOk(sg.url, caller, entitiesQuery('Partner', 'id'), { r: [{ __typename: 'Partner', id: p.id }] });
    return {
      list: list.partners.nodes.some((n: any) => n.id === p.id),
      byId: !!byId.partner,
      bySlug: !!bySlug.partner,
      search: search.partners.totalCount > 0,
      entities: !!entities._entities[0],
    };
  };
  const hidden = { list: false, byId: false, bySlug: false, search: false, entities: false };
  const ownerView = { list: false, byId: true, bySlug: true, search: false, entities: true }; // lists show published ones
  for (const caller of ['anonymous', 'apiKey', 'editorB'] as Caller[]) expect(await seenBy(caller)).toEqual(hidden);
  expect(await seenBy(editor)).toEqual(ownerView);
  expect(await seenBy('coordinator')).toEqual(ownerView);
  // Drafts are listed on request for those who may see them, never for the public.
  const drafts = '{ partners(first: 100, filter: { status: DRAFT }) { nodes { id } } }';
  expect((await asOk(sg.url, 'coordinator', drafts)).partners.nodes.map((n: any) => n.id)).toContain(p.id);
  expect((await asOk(sg.url, editor, drafts)).partners.nodes.map((n: any) => n.id)).toEqual([p.id]);
  expect((await asOk(sg.url, 'anonymous', drafts)).partners.nodes.map((n: any) => n.id)).not.toContain(p.id);

  await asOk(sg.url, 'coordinator', STATUS('publishPartner'), { id: p.id });
  const everyone = { list: true, byId: true, bySlug: true, search: true, entities: true };
  for (const caller of ['anonymous', 'apiKey', 'editorB'] as Caller[]) expect(await seenBy(caller)).toEqual(everyone);

  await asOk(sg.url, 'coordinator', STATUS('archivePartner'), { id: p.id });
  // Other services' records keep naming an archived partner (past events, resources), so its profile stays reachable.
  const archived = { list: false, byId: true, bySlug: true, search: false, entities: true };
  for (const caller of ['anonymous', 'apiKey', 'editorB'] as Caller[]) expect(await seenBy(caller)).toEqual(archived);
});

test('every admin change is in the partner’s audit log, readable by coordinators only', async () => {
  const p = await createDraft('Protokollierter Verein Stade', { topics: ['empowerment'] });
  const editor = editorOf(p.id);
  await asOk(sg.url, editor, UPDATE, { id: p.id, i: { version: 1, description: 'Neu beschrieben', topics: ['empowerment', 'gleichstellung'] } });
  await asOk(sg.url, 'coordinator', STATUS('publishPartner'), { id: p.id });
  await asOk(sg.url, 'coordinator', STATUS('publishPartner'), { id: p.id }); // no change, no entry
  const contact = await asOk(sg.url, editor, 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { id } }', {
    i: { partnerId: p.id, name: 'Eva Musterfrau', email: 'eva@verein-stade.example', role: 'Vorstand' },
  });
  await asOk(sg.url, 'coordinator', 'mutation ($id: ID!) { deleteContactPerson(id: $id) }', { id: contact.createContactPerson.id });

  const LOG = `query ($after: String) { partner(id: "${p.id}") { auditLog(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id action actorId actorRole entityType changes } } } }`;
  const entries: any[] = [];
  let after: string | null = null;
  for (;;) {
    const { partner }: any = await asOk(sg.url, 'coordinator', LOG, { after });
    entries.push(...partner.auditLog.nodes);
    expect(partner.auditLog.totalCount).toBe(5);
    if (!partner.auditLog.pageInfo.hasNextPage) break;
    after = partner.auditLog.pageInfo.endCursor;
  }
  expect(entries.map((e) => e.action)).toEqual(['CONTACT_PERSON_DELETE', 'CONTACT_PERSON_CREATE', 'PUBLISH', 'UPDATE', 'CREATE']);
  expect(new Set(entries.map((e) => e.id)).size).toBe(5);
  const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
  expect(byAction.CREATE).toMatchObject({ actorId: COORDINATOR_ID, actorRole: 'COORDINATOR', entityType: 'Partner' });
  expect(byAction.CREATE.changes.name).toEqual({ from: null, to: 'Protokollierter Verein Stade' });
  expect(byAction.UPDATE).toMatchObject({ actorRole: 'PARTNER_EDITOR', actorId: editor.subject });
  expect(byAction.UPDATE.changes).toEqual({
    description: { from: '', to: 'Neu beschrieben' },
    topics: { from: ['empowerment'], to: ['empowerment', 'gleichstellung'] },
  });
  expect(byAction.PUBLISH.changes).toEqual({ status: { from: 'DRAFT', to: 'PUBLISHED' } });
  // Personal data of contact persons shows as changed, never as values.
  const id = contact.createContactPerson.id;
  expect(byAction.CONTACT_PERSON_CREATE.changes).toMatchObject({
    [`contactPerson.${id}`]: { from: null, to: id },
    [`contactPerson.${id}.name`]: '[changed]',
    [`contactPerson.${id}.email`]: '[changed]',
    [`contactPerson.${id}.role`]: { from: null, to: 'Vorstand' },
  });
  expect(JSON.stringify(entries)).not.toContain('eva@verein-stade.example');
  expect(JSON.stringify(entries)).not.toContain('Musterfrau');

  for (const [caller, code] of [['anonymous', 'UNAUTHENTICATED'], ['apiKey', 'UNAUTHENTICATED'], [editor, 'FORBIDDEN'], ['editorA', 'FORBIDDEN']] as const) {
    const res = await as(sg.url, caller, `{ partner(id: "${p.id}") { name auditLog { totalCount } } }`);
    expect(codeOf(res)).toBe(code);
    expect(res.data?.partner?.auditLog ?? null).toBeNull();
  }
});

test('refused and failed mutations write no audit entries', async () => {
  const before = await rowCounts();
  await as(sg.url, 'editorB', UPDATE, { id: PARTNER_A, i: { version: 1, description: 'Fremd' } });
  await as(sg.url, 'anonymous', STATUS('publishPartner'), { id: PARTNER_A });
  await as(sg.url, 'coordinator', UPDATE, { id: PARTNER_A, i: { version: 999, description: 'Veraltet' } });
  await as(sg.url, 'coordinator', STATUS('publishPartner'), { id: '00000000-0000-4000-8000-000000000999' });
  expect(await rowCounts()).toEqual(before);
});
