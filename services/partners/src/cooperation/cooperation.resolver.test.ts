import { stableId } from '@mitgen/subgraph-kit';
import { entitiesQuery, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, DRAFT_PARTNER, editorOf, PARTNER_A, PARTNER_B, type Caller } from '../test/callers';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const partner = (slug: string) => stableId('partner', slug);
const LUENEBURG = partner('netzwerk-migrantinnen-lueneburg');
const WESER_EMS = partner('jungen-und-maennerarbeit-weser-ems');
const CREATE = 'mutation ($i: CreateCooperationInput!) { createCooperation(input: $i) { id since description version withPartner { slug } partners { slug } } }';
const UPDATE = 'mutation ($id: ID!, $i: UpdateCooperationInput!) { updateCooperation(id: $id, input: $i) { id description version } }';
const DELETE = 'mutation ($id: ID!) { deleteCooperation(id: $id) }';

const cooperationsOf = async (caller: Caller, id: string) =>
  (await asOk(sg.url, caller, `{ partner(id: "${id}") { cooperations { totalCount nodes { since withPartner { slug } } } } }`)).partner.cooperations;

test('a partner lists its cooperations seen from its side, sorted by the other partner’s name', async () => {
  const a = await cooperationsOf('anonymous', PARTNER_A);
  expect(a.totalCount).toBe(2);
  expect(a.nodes).toEqual([
    { since: '2022-03-01', withPartner: { slug: 'forschungsstelle-gender-migration-goettingen' } },
    { since: '2019-09-12', withPartner: { slug: 'gleichstellungsbuero-braunschweig' } },
  ]);
  const other = await cooperationsOf('anonymous', partner('gleichstellungsbuero-braunschweig'));
  expect(other.nodes).toEqual([{ since: '2019-09-12', withPartner: { slug: 'g-mit-niedersachsen' } }]);
});

test('cooperations with an unpublished partner are hidden from the public, in lists and in _entities', async () => {
  expect((await cooperationsOf('anonymous', LUENEBURG)).nodes.map((n: any) => n.withPartner.slug)).toEqual(['koordinierungsstelle-frau-und-beruf-emsland']);
  expect((await cooperationsOf('coordinator', LUENEBURG)).nodes.map((n: any) => n.withPartner.slug)).toEqual([
    'interkulturelles-frauencafe-hildesheim',
    'koordinierungsstelle-frau-und-beruf-emsland',
  ]);
  expect((await cooperationsOf(editorOf(DRAFT_PARTNER), DRAFT_PARTNER)).totalCount).toBe(1);
  const hidden = stableId('cooperation', 'netzwerk-migrantinnen-lueneburg/interkulturelles-frauencafe-hildesheim');
  const shown = stableId('cooperation', 'g-mit-niedersachsen/gleichstellungsbuero-braunschweig');
  const reps = [hidden, shown, stableId('cooperation', 'none')].map((id) => ({ __typename: 'Cooperation', id }));
  const q = entitiesQuery('Cooperation', 'id description partners { slug }');
  const pub = await asOk(sg.url, 'anonymous', q, { r: reps });
  expect(pub._entities[0]).toBeNull();
  expect(pub._entities[1].partners.map((p: any) => p.slug)).toEqual(['g-mit-niedersachsen', 'gleichstellungsbuero-braunschweig']);
  expect(pub._entities[2]).toBeNull();
  expect((await asOk(sg.url, 'coordinator', q, { r: reps }))._entities[0].partners).toHaveLength(2);
});

test('editors record cooperations of their own organisation; each pair once', async () => {
  const created = await asOk(sg.url, 'editorB', CREATE, {
    i: { partnerId: PARTNER_B, otherPartnerId: LUENEBURG, since: '2024-06-01', description: 'Gemeinsame Sprachmittlung für Beratungen.' },
  });
  const coop = created.createCooperation;
  expect(coop).toMatchObject({ since: '2024-06-01', version: 1, withPartner: { slug: 'netzwerk-migrantinnen-lueneburg' } });
  expect(coop.partners.map((p: any) => p.slug).sort()).toEqual(['frauenberatung-osnabrueck', 'netzwerk-migrantinnen-lueneburg']);
  // The same pair the other way round is the same cooperation.
  const twice = await as(sg.url, 'coordinator', CREATE, { i: { partnerId: LUENEBURG, otherPartnerId: PARTNER_B } });
  expect([codeOf(twice), twice.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'otherPartnerId']);
  const self = await as(sg.url, 'editorB', CREATE, { i: { partnerId: PARTNER_B, otherPartnerId: PARTNER_B } });
  expect([codeOf(self), self.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'otherPartnerId']);
  const unknown = await as(sg.url, 'editorB', CREATE, { i: { partnerId: PARTNER_B, otherPartnerId: stableId('partner', 'gibt-es-nicht') } });
  expect([codeOf(unknown), unknown.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'otherPartnerId']);
  const html = await as(sg.url, 'editorB', CREATE, { i: { partnerId: PARTNER_B, otherPartnerId: WESER_EMS, description: '<script>x</script>' } });
  expect([codeOf(html), html.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'description']);
  const badDate = await as(sg.url, 'editorB', CREATE, { i: { partnerId: PARTNER_B, otherPartnerId: WESER_EMS, since: '2024-13-01' } });
  expect([codeOf(badDate), badDate.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'since']);

  // Editors of other partners may not record, change or end it.
  expect(codeOf(await as(sg.url, 'editorA', CREATE, { i: { partnerId: PARTNER_B, otherPartnerId: WESER_EMS } }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'editorA', UPDATE, { id: coop.id, i: { version: 1, description: 'Fremd' } }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'editorA', DELETE, { id: coop.id }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'anonymous', DELETE, { id: coop.id }))).toBe('UNAUTHENTICATED');

  // Either side may change it; a stale version is a conflict.
  const changed = await asOk(sg.url, editorOf(LUENEBURG), UPDATE, { id: coop.id, i: { version: 1, description: 'Sprachmittlung und Mentoring.' } });
  expect(changed.updateCooperation).toMatchObject({ description: 'Sprachmittlung und Mentoring.', version: 2 });
  expect(codeOf(await as(sg.url, 'editorB', UPDATE, { id: coop.id, i: { version: 1, description: 'Alt' } }))).toBe('CONFLICT');

  // Both partners' audit logs record it.
  const log = async (id: string) =>
    (await asOk(sg.url, 'coordinator', `{ partner(id: "${id}") { auditLog(first: 5) { nodes { action } } } }`)).partner.auditLog.nodes.map((n: any) => n.action);
  expect(await log(PARTNER_B)).toEqual(['COOPERATION_UPDATE', 'COOPERATION_CREATE']);
  expect(await log(LUENEBURG)).toEqual(['COOPERATION_UPDATE', 'COOPERATION_CREATE']);

  expect((await asOk(sg.url, 'editorB', DELETE, { id: coop.id })).deleteCooperation).toBe(true);
  expect((await cooperationsOf('coordinator', PARTNER_B)).nodes.map((n: any) => n.withPartner.slug)).toEqual(['jungen-und-maennerarbeit-weser-ems']);
  expect((await log(LUENEBURG))[0]).toBe('COOPERATION_DELETE');
});

test('a cooperation an editor records with another organisation is a request: hidden from the public until that organisation confirms it', async () => {
  const EMSLAND = partner('koordinierungsstelle-frau-und-beruf-emsland');
  const { createCooperation } = await asOk(sg.url, 'editorB', 'mutation ($i: CreateCooperationInput!) { createCooperation(input: $i) { id confirmedAt } }', {
    i: { partnerId: PARTNER_B, otherPartnerId: EMSLAND, description: 'Gemeinsame Beratungstage.' },
  });
  expect(createCooperation.confirmedAt).toBeNull();
  const slugsOf = async (caller: Caller, id: string) => (await cooperationsOf(caller, id)).nodes.map((n: any) => n.withPartner.slug);
  expect(await slugsOf('anonymous', PARTNER_B)).not.toContain('koordinierungsstelle-frau-und-beruf-emsland');
  expect(await slugsOf('anonymous', EMSLAND)).not.toContain('frauenberatung-osnabrueck');
  expect(await slugsOf('editorB', PARTNER_B)).toContain('koordinierungsstelle-frau-und-beruf-emsland');
  expect(await slugsOf(editorOf(EMSLAND), EMSLAND)).toContain('frauenberatung-osnabrueck');
  expect(await slugsOf('coordinator', PARTNER_B)).toContain('koordinierungsstelle-frau-und-beruf-emsland');
  const q = entitiesQuery('Cooperation', 'id');
  expect((await asOk(sg.url, 'anonymous', q, { r: [{ __typename: 'Cooperation', id: createCooperation.id }] }))._entities).toEqual([null]);

  // Only the other side (or a coordinator) confirms it.
  const CONFIRM = 'mutation ($id: ID!) { confirmCooperation(id: $id) { id confirmedAt withPartner { slug } } }';
  expect(codeOf(await as(sg.url, 'editorB', CONFIRM, { id: createCooperation.id }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'editorA', CONFIRM, { id: createCooperation.id }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'anonymous', CONFIRM, { id: createCooperation.id }))).toBe('UNAUTHENTICATED');
  const { confirmCooperation } = await asOk(sg.url, editorOf(EMSLAND), CONFIRM, { id: createCooperation.id });
  expect(confirmCooperation).toMatchObject({ confirmedAt: expect.any(String), withPartner: { slug: 'frauenberatung-osnabrueck' } });
  expect(await slugsOf('anonymous', PARTNER_B)).toContain('koordinierungsstelle-frau-und-beruf-emsland');
  // Audited for both partners.
  const [entry] = (await asOk(sg.url, 'coordinator', `{ partner(id: "${EMSLAND}") { auditLog(first: 1) { nodes { action changes } } } }`)).partner.auditLog.nodes;
  expect(entry.action).toBe('COOPERATION_UPDATE');
  expect(entry.changes[`cooperation.${createCooperation.id}.confirmed`]).toEqual({ from: false, to: true });

  // A coordinator's cooperation is confirmed at once.
  const { createCooperation: direct } = await asOk(sg.url, 'coordinator', 'mutation ($i: CreateCooperationInput!) { createCooperation(input: $i) { confirmedAt } }', {
    i: { partnerId: PARTNER_A, otherPartnerId: EMSLAND },
  });
  expect(direct.confirmedAt).toEqual(expect.any(String));
});
