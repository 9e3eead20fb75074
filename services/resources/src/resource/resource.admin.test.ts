import { AuditEntry, PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { asPrincipal, entitiesQuery, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { DEMO_CONTACTS } from '../seed/demo';
import { resourcesSubgraph } from '../subgraph';
import { demoLookup, TestClock } from '../test/fake-lookup';
import { Resource } from './resource.entity';

// Editors manage their own organisation's resources, coordinators all; references are checked through
// the graph (here: the lookup injected at the service's edge); every change is audited.

const clock = new TestClock(new Date('2026-11-26T10:00:00Z'));
const lookup = demoLookup();
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph({ ...resourcesSubgraph, prepare: () => ({ lookup }) }, {}, { clock });
});
afterAll(() => sg?.stop());
beforeEach(() => {
  lookup.down = false;
  lookup.contactsDown = false;
  lookup.requests.length = 0;
});

const A = stableId('partner', 'g-mit-niedersachsen');
const B = stableId('partner', 'frauenberatung-osnabrueck');
const ARCHIVED = lookup.setPartner('alte-beratungsstelle', PublicationStatus.ARCHIVED, 'Alte Beratungsstelle');
lookup.topics.set('frauen-und-arbeit', 'arbeitsmarktintegration'); // an old slug of a renamed topic

type Headers = Record<string, string>;
let as: { editorA: Headers; editorB: Headers; coordinator: Headers; apiKeyA: Headers; anonymous: Headers };
beforeAll(async () => {
  as = {
    editorA: await asPrincipal({ role: 'PARTNER_EDITOR', subject: stableId('account', 'editor-a'), partnerId: A }, 'resources'),
    editorB: await asPrincipal({ role: 'PARTNER_EDITOR', subject: stableId('account', 'editor-b'), partnerId: B }, 'resources'),
    coordinator: await asPrincipal({ role: 'COORDINATOR', subject: stableId('account', 'coordinator') }, 'resources'),
    apiKeyA: await asPrincipal({ role: 'API_CLIENT', subject: 'key-a', partnerId: A }, 'resources'),
    anonymous: {},
  };
});

const FIELDS = 'id title status version providerId: provider { id } topics { slug } regions { code } contacts { id } lastReviewedAt publishedAt';
const CREATE = `mutation ($i: CreateResourceInput!) { createResource(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $i: UpdateResourceInput!) { updateResource(id: $id, input: $i) { ${FIELDS} summary validFrom validUntil } }`;
const op = (name: string) => `mutation ($id: ID!) { ${name}(id: $id) { ${FIELDS} } }`;
const ONE = `query ($id: ID!) { resource(id: $id) { id title status } }`;

async function create(headers: Headers, input: Record<string, unknown>) {
  return (await gqlOk(sg.url, CREATE, { i: { kind: 'COUNSELLING', ...input } }, headers)).createResource;
}
const countResources = async () => sg.ds.getRepository(Resource).count();
const auditOf = (id: string) => sg.ds.getRepository(AuditEntry).find({ where: { entityType: 'Resource', entityId: id }, order: { at: 'ASC' } });

describe('creating', () => {
  test('an editor creates a draft for their own organisation: invisible to the public, visible to them and coordinators, audited', async () => {
    const r = await create(as.editorA, {
      title: 'Sprechstunde Gleichstellung',
      topicSlugs: ['gleichstellung'],
      regionCodes: ['03241'],
      contactIds: [DEMO_CONTACTS.sahinGmit],
      languages: ['de', 'fa'],
    });
    expect(r).toMatchObject({ status: 'DRAFT', version: 1, providerId: { id: A }, topics: [{ slug: 'gleichstellung' }], regions: [{ code: '03241' }] });
    expect(r.contacts).toEqual([{ id: DEMO_CONTACTS.sahinGmit }]);
    expect(r.lastReviewedAt).toBe('2026-11-26T10:00:00.000Z');
    expect(r.publishedAt).toBeNull();

    expect((await gqlOk(sg.url, ONE, { id: r.id }, as.anonymous)).resource).toBeNull();
    expect((await gqlOk(sg.url, ONE, { id: r.id }, as.apiKeyA)).resource).toBeNull();
    expect((await gqlOk(sg.url, ONE, { id: r.id }, as.editorB)).resource).toBeNull();
    expect((await gqlOk(sg.url, ONE, { id: r.id }, as.editorA)).resource.title).toBe('Sprechstunde Gleichstellung');
    expect((await gqlOk(sg.url, ONE, { id: r.id }, as.coordinator)).resource.title).toBe('Sprechstunde Gleichstellung');
    const list = await gqlOk(sg.url, '{ resources(first: 100) { nodes { id } } }');
    expect(list.resources.nodes).not.toContainEqual({ id: r.id });

    const [entry] = await auditOf(r.id);
    expect(entry).toMatchObject({ action: 'CREATE', actorId: stableId('account', 'editor-a'), actorRole: 'PARTNER_EDITOR' });
    expect(entry.changes).toMatchObject({ title: { from: null, to: 'Sprechstunde Gleichstellung' }, providerId: { from: null, to: A } });

    // One lookup through the graph for everything; the editor's own organisation only for its name.
    expect(lookup.requests).toEqual([{ partners: [A], topics: ['gleichstellung'], regions: ['03241'], contacts: [DEMO_CONTACTS.sahinGmit] }]);
    const stored = await sg.ds.getRepository(Resource).findOneByOrFail({ id: r.id });
    expect(stored).toMatchObject({ providerName: expect.stringContaining('G mit Niedersachsen'), providerStatus: 'PUBLISHED', missingContactIds: [] });
    expect(stored.referencesCheckedAt).toEqual(clock.now());
  });

  test('the provider’s name is copied, so the search finds the new resource by it once published', async () => {
    const r = await create(as.coordinator, { title: 'Infoabend Ausbildung', providerId: stableId('partner', 'koordinierungsstelle-frau-und-beruf-emsland') });
    await gqlOk(sg.url, op('publishResource'), { id: r.id }, as.coordinator);
    const found = await gqlOk(sg.url, '{ resources(filter: { search: "Koordinierungsstelle Emsland" }) { nodes { id } } }');
    expect(found.resources.nodes).toEqual([{ id: r.id }]);
  });

  test('an old slug of a renamed topic is stored as the current slug', async () => {
    const r = await create(as.editorA, { title: 'Jobcoaching', topicSlugs: ['frauen-und-arbeit', 'arbeitsmarktintegration'] });
    expect(r.topics).toEqual([{ slug: 'arbeitsmarktintegration' }]);
  });

  test('editors may not create for another organisation; anonymous callers and API keys not at all; nothing is written', async () => {
    const before = await countResources();
    const input = { i: { title: 'Fremd', kind: 'COURSE', providerId: B } };
    expect((await gql(sg.url, CREATE, input, as.editorA)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(sg.url, CREATE, input, as.anonymous)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(sg.url, CREATE, input, as.apiKeyA)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // A forged principal header counts as no principal at all.
    expect((await gql(sg.url, CREATE, input, { 'x-mitgen-principal': 'forged' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await countResources()).toBe(before);
  });

  test('coordinators must name the provider', async () => {
    const res = await gql(sg.url, CREATE, { i: { title: 'Ohne Träger', kind: 'COURSE' } }, as.coordinator);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'providerId' });
  });

  test.each([
    ['an unknown provider', { providerId: stableId('partner', 'gibt-es-nicht') }, 'providerId'],
    ['an archived provider', { providerId: ARCHIVED }, 'providerId'],
    ['an unknown topic', { providerId: B, topicSlugs: ['gewaltschutz', 'astrologie'] }, 'topicSlugs'],
    ['an unknown region', { providerId: B, regionCodes: ['03404', '09162'] }, 'regionCodes'],
    ['an unknown contact person', { providerId: B, contactIds: [stableId('contact', 'niemand')] }, 'contactIds'],
    ['valid-until before valid-from', { providerId: B, validFrom: '2026-05-01', validUntil: '2026-04-30' }, 'validUntil'],
    ['a date that does not exist', { providerId: B, validFrom: '2026-02-30' }, 'validFrom'],
    ['an invalid URL', { providerId: B, url: 'javascript:alert(1)' }, 'url'],
    ['a URL without a host name', { providerId: B, url: 'https://localhost' }, 'url'],
    ['a language code that is not ISO 639-1', { providerId: B, languages: ['de', 'deu'] }, 'languages'],
    ['an upper-case language code', { providerId: B, languages: ['DE'] }, 'languages'],
    ['statewide with regions', { providerId: B, statewide: true, regionCodes: ['03404'] }, 'regionCodes'],
    ['a malformed region code', { providerId: B, regionCodes: ['3404'] }, 'regionCodes'],
    ['a malformed contact id', { providerId: B, contactIds: ['anna'] }, 'contactIds'],
    ['HTML in the title', { providerId: B, title: '<script>alert(1)</script>' }, 'title'],
    ['a NUL character in the body', { providerId: B, body: 'a\u0000b' }, 'body'],
    ['an empty title', { providerId: B, title: '' }, 'title'],
    ['an over-long summary', { providerId: B, summary: 'x'.repeat(501) }, 'summary'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is written', async (_what, input, field) => {
    const before = await countResources();
    const audits = await sg.ds.getRepository(AuditEntry).count();
    const res = await gql(sg.url, CREATE, { i: { title: 'Neues Angebot', kind: 'COURSE', ...input } }, as.coordinator);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countResources()).toBe(before);
    expect(await sg.ds.getRepository(AuditEntry).count()).toBe(audits);
  });

  test('when the graph cannot be asked, nothing is written and the error says so', async () => {
    lookup.down = true;
    const before = await countResources();
    const res = await gql(sg.url, CREATE, { i: { title: 'X', kind: 'COURSE', providerId: B } }, as.coordinator);
    expect(res.errors?.[0].extensions?.code).toBe('REFERENCES_UNAVAILABLE');
    const withTopic = await gql(sg.url, CREATE, { i: { title: 'X', kind: 'COURSE', topicSlugs: ['gewaltschutz'] } }, as.editorA);
    expect(withTopic.errors?.[0].extensions?.code).toBe('REFERENCES_UNAVAILABLE');
    expect(await countResources()).toBe(before);
  });

  test('an editor’s resource without other references is saved even when the graph is down; the name follows with the refresh', async () => {
    lookup.down = true;
    const r = await create(as.editorA, { title: 'Ohne Graph' });
    const stored = await sg.ds.getRepository(Resource).findOneByOrFail({ id: r.id });
    expect(stored).toMatchObject({ providerId: A, providerName: '', referencesCheckedAt: null });
  });
});

describe('changing', () => {
  test('an update changes only the given fields, checks new references, and is audited with what changed', async () => {
    const r = await create(as.editorA, { title: 'Kurs', summary: 'Alt', regionCodes: ['03241'] });
    lookup.requests.length = 0;
    const updated = (
      await gqlOk(sg.url, UPDATE, { id: r.id, i: { version: 1, summary: 'Neu', validUntil: '2027-01-31', regionCodes: ['03241', '03404'] } }, as.editorA)
    ).updateResource;
    expect(updated).toMatchObject({ title: 'Kurs', summary: 'Neu', validUntil: '2027-01-31', version: 2, regions: [{ code: '03241' }, { code: '03404' }] });
    expect(lookup.requests).toEqual([{ partners: [], topics: [], regions: ['03404'], contacts: [] }]);
    const entries = await auditOf(r.id);
    expect(entries.map((e) => e.action)).toEqual(['CREATE', 'UPDATE']);
    expect(entries[1].changes).toEqual({
      summary: { from: 'Alt', to: 'Neu' },
      validUntil: { from: null, to: '2027-01-31' },
      regionCodes: { from: ['03241'], to: ['03241', '03404'] },
    });
  });

  test('empty lists and null clear what they name; omitted fields stay', async () => {
    const r = await create(as.editorA, { title: 'Leeren', topicSlugs: ['gleichstellung'], languages: ['de'], url: 'https://example.org/a', cost: 'Spende' });
    const updated = (await gqlOk(sg.url, UPDATE, { id: r.id, i: { version: 1, topicSlugs: [], url: null } }, as.editorA)).updateResource;
    expect(updated.topics).toEqual([]);
    const stored = await sg.ds.getRepository(Resource).findOneByOrFail({ id: r.id });
    expect(stored).toMatchObject({ topicSlugs: [], url: null, languages: ['de'], cost: 'Spende', title: 'Leeren' });
  });

  test('an update with a version that is no longer current is a CONFLICT and changes nothing', async () => {
    const r = await create(as.editorA, { title: 'Version' });
    await gqlOk(sg.url, UPDATE, { id: r.id, i: { version: 1, title: 'Version zwei' } }, as.editorA);
    const stale = await gql(sg.url, UPDATE, { id: r.id, i: { version: 1, title: 'Überschrieben?' } }, as.coordinator);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect((await gqlOk(sg.url, ONE, { id: r.id }, as.editorA)).resource.title).toBe('Version zwei');
  });

  test('of two concurrent updates from the same version, one wins and the other is a CONFLICT', async () => {
    const r = await create(as.editorA, { title: 'Gleichzeitig' });
    const results = await Promise.all(
      ['Erste', 'Zweite', 'Dritte', 'Vierte'].map((title) => gql(sg.url, UPDATE, { id: r.id, i: { version: 1, title } }, as.editorA)),
    );
    const won = results.filter((res) => !res.errors);
    expect(won).toHaveLength(1);
    expect(results.filter((res) => res.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(3);
    const stored = await sg.ds.getRepository(Resource).findOneByOrFail({ id: r.id });
    expect(stored).toMatchObject({ version: 2, title: won[0].data.updateResource.title });
  });

  test('a combination that would become invalid is refused on update too', async () => {
    const r = await create(as.editorA, { title: 'Gültig', validFrom: '2026-06-01' });
    const res = await gql(sg.url, UPDATE, { id: r.id, i: { version: 1, validUntil: '2026-05-31' } }, as.editorA);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validUntil' });
  });

  test('editors cannot change another organisation’s resource nor hand theirs to another organisation; coordinators can', async () => {
    const r = await create(as.editorA, { title: 'Eigenes' });
    const other = await gql(sg.url, UPDATE, { id: r.id, i: { version: 1, title: 'Fremd geändert' } }, as.editorB);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const handOver = await gql(sg.url, UPDATE, { id: r.id, i: { version: 1, providerId: B } }, as.editorA);
    expect(handOver.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const name of ['publishResource', 'archiveResource', 'markResourceReviewed']) {
      expect((await gql(sg.url, op(name), { id: r.id }, as.editorB)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await gql(sg.url, op(name), { id: r.id }, as.apiKeyA)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const moved = (await gqlOk(sg.url, UPDATE, { id: r.id, i: { version: 1, providerId: B } }, as.coordinator)).updateResource;
    expect(moved.providerId).toEqual({ id: B });
    expect(await sg.ds.getRepository(Resource).findOneByOrFail({ id: r.id })).toMatchObject({ providerName: 'Frauenberatungsstelle Osnabrück', version: 2 });
  });

  test('unknown ids are NOT_FOUND', async () => {
    for (const id of [stableId('resource', 'gibt-es-nicht'), 'kein-uuid']) {
      expect((await gql(sg.url, op('publishResource'), { id }, as.coordinator)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });
});

describe('publishing, archiving, reviewing', () => {
  test('publish makes it public with the first publication date; archive takes it out; each step audited', async () => {
    const r = await create(as.editorA, { title: 'Lebenszyklus' });
    clock.set('2026-12-01T09:00:00Z');
    const published = (await gqlOk(sg.url, op('publishResource'), { id: r.id }, as.editorA)).publishResource;
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedAt: '2026-12-01T09:00:00.000Z' });
    expect((await gqlOk(sg.url, ONE, { id: r.id })).resource.status).toBe('PUBLISHED');

    const again = (await gqlOk(sg.url, op('publishResource'), { id: r.id }, as.editorA)).publishResource;
    expect(again.version).toBe(published.version); // publishing a published resource changes nothing

    const archived = (await gqlOk(sg.url, op('archiveResource'), { id: r.id }, as.coordinator)).archiveResource;
    expect(archived.status).toBe('ARCHIVED');
    expect((await gqlOk(sg.url, ONE, { id: r.id })).resource).toBeNull();

    clock.set('2027-01-10T09:00:00Z');
    const republished = (await gqlOk(sg.url, op('publishResource'), { id: r.id }, as.coordinator)).publishResource;
    expect(republished.publishedAt).toBe('2026-12-01T09:00:00.000Z');

    const reviewed = (await gqlOk(sg.url, op('markResourceReviewed'), { id: r.id }, as.editorA)).markResourceReviewed;
    expect(reviewed.lastReviewedAt).toBe('2027-01-10T09:00:00.000Z');

    expect((await auditOf(r.id)).map((e) => e.action)).toEqual(['CREATE', 'PUBLISH', 'ARCHIVE', 'PUBLISH', 'REVIEW']);
    clock.set('2026-11-26T10:00:00Z');
  });

  test('the audit log is readable by coordinators and the providing organisation’s editors only', async () => {
    const r = await create(as.editorA, { title: 'Protokolliert' });
    await gqlOk(sg.url, op('publishResource'), { id: r.id }, as.editorA);
    const q = `query ($id: ID!) { resource(id: $id) { auditLog(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { action actorRole } } } }`;
    const own = (await gqlOk(sg.url, q, { id: r.id }, as.editorA)).resource.auditLog;
    expect(own).toMatchObject({ totalCount: 2, nodes: [{ action: 'PUBLISH', actorRole: 'PARTNER_EDITOR' }], pageInfo: { hasNextPage: true } });
    const next = await gqlOk(
      sg.url,
      `query ($id: ID!, $after: String) { resource(id: $id) { auditLog(first: 5, after: $after) { nodes { action } } } }`,
      { id: r.id, after: own.pageInfo.endCursor },
      as.coordinator,
    );
    expect(next.resource.auditLog.nodes).toEqual([{ action: 'CREATE' }]);
    for (const caller of [as.anonymous, as.editorB, as.apiKeyA]) {
      expect((await gql(sg.url, q, { id: r.id }, caller)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  test('_entities shows a draft only to its organisation’s editors and coordinators', async () => {
    const r = await create(as.editorA, { title: 'Entwurf für _entities' });
    const q = entitiesQuery('Resource', 'id title');
    const reps = { r: [{ __typename: 'Resource', id: r.id }] };
    expect((await gqlOk(sg.url, q, reps, as.anonymous))._entities).toEqual([null]);
    expect((await gqlOk(sg.url, q, reps, as.apiKeyA))._entities).toEqual([null]);
    expect((await gqlOk(sg.url, q, reps, as.editorB))._entities).toEqual([null]);
    expect((await gqlOk(sg.url, q, reps, as.editorA))._entities).toEqual([{ id: r.id, title: 'Entwurf für _entities' }]);
    expect((await gqlOk(sg.url, q, reps, as.coordinator))._entities).toEqual([{ id: r.id, title: 'Entwurf für _entities' }]);
  });
});

test('contactPersonLookup answers references in the order asked (the gateway resolves them at the partners service)', async () => {
  const ids = [DEMO_CONTACTS.haddadOsnabrueck, DEMO_CONTACTS.yilmazWeserEms];
  const { contactPersonLookup } = await gqlOk(sg.url, 'query ($ids: [ID!]!) { contactPersonLookup(ids: $ids) { id } }', { ids });
  expect(contactPersonLookup).toEqual(ids.map((id) => ({ id })));
  const tooMany = await gql(sg.url, 'query ($ids: [ID!]!) { contactPersonLookup(ids: $ids) { id } }', { ids: Array(101).fill(ids[0]) });
  expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
});
