import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { Resource, ResourceKind } from '../resource/resource.entity';
import { DEMO_CONTACTS } from '../seed/demo';
import { resourcesSubgraph } from '../subgraph';
import { FakeDirectory } from '../test/fake-directory';
import { demoLookup } from '../test/fake-lookup';
import { kindTermId, serviceAtLocationIdOf, serviceIdOfServiceAtLocation, topicTermId, TOPICS_TAXONOMY } from './hsds.mapper';
import * as hsds from './hsds.schema';

// The HSDS 3.0 read API of the resources service, against the specification's models (zod).

let sg: TestSubgraph;
let base: string;
let dir: FakeDirectory;
beforeAll(async () => {
  dir = new FakeDirectory();
  sg = await startTestSubgraph({ ...resourcesSubgraph, prepare: () => ({ lookup: demoLookup(), hsds: dir }) }, { SEED_DEMO: 'true' });
  base = sg.url.replace(/\/graphql$/, '');
});
afterAll(() => sg?.stop());
beforeEach(() => {
  dir.down = false;
});

async function get(path: string) {
  const res = await fetch(`${base}/hsds${path}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const publishedCount = async () => sg.ds.getRepository(Resource).countBy({ status: PublicationStatus.PUBLISHED });
const osnabrueck = stableId('partner', 'frauenberatung-osnabrueck');

test('the API root says what it is', async () => {
  const { status, body } = await get('/');
  expect(status).toBe(200);
  expect(hsds.apiDetails.parse(body)).toMatchObject({ version: '3.0' });
});

test('services are listed in pages with the envelope of the API reference, published ones only, without asking the graph', async () => {
  const total = await publishedCount();
  expect(total).toBeGreaterThan(4);
  const asked = dir.asked.length;
  const first = await get('/services?per_page=3');
  expect(first.status).toBe(200);
  expect(first.headers.get('cache-control')).toBe('public, max-age=60');
  const page = hsds.page(hsds.service).parse(first.body);
  expect(page).toMatchObject({ total_items: total, total_pages: Math.ceil(total / 3), page_number: 1, size: 3, first_page: true, last_page: false, empty: false });
  // List items carry the one-to-one fields only; nothing of them needs the partners service.
  expect(page.contents.every((s) => s.organization === undefined && s.languages === undefined)).toBe(true);
  expect(dir.asked.length).toBe(asked);
  const ids = new Set<string>();
  for (let n = 1; n <= page.total_pages; n++) {
    const p = hsds.page(hsds.service).parse((await get(`/services?per_page=3&page=${n}`)).body);
    expect(p.last_page).toBe(n === page.total_pages);
    p.contents.forEach((s) => ids.add(s.id));
  }
  expect(ids.size).toBe(total);
  const drafts = await sg.ds.getRepository(Resource).findBy({ status: PublicationStatus.DRAFT });
  expect(drafts.length).toBeGreaterThan(0);
  for (const d of drafts) expect(ids.has(d.id)).toBe(false);
});

test('a service in full: organization, languages, areas, schedule, contacts, topics and kind, its place', async () => {
  const r = await sg.ds.getRepository(Resource).findOneByOrFail({ title: 'Gruppenangebot „Stark im Alltag“ für geflüchtete Frauen' });
  const { status, body } = await get(`/services/${r.id}`);
  expect(status).toBe(200);
  const s = hsds.service.parse(body);
  expect(s).toMatchObject({ id: r.id, organization_id: osnabrueck, name: r.title, status: 'active', organization: { id: osnabrueck, name: 'Frauenberatungsstelle Osnabrück' } });
  expect(s.languages!.map((l) => [l.code, l.name])).toEqual([
    ['de', 'Deutsch'],
    ['ar', 'Arabisch'],
  ]);
  expect(s.service_areas).toEqual([expect.objectContaining({ name: 'Osnabrück', service_id: r.id })]);
  expect(s.schedules![0]).toMatchObject({ valid_from: '2026-01-15', attending_type: 'vor Ort' });
  expect(s.attributes!.map((a) => a.taxonomy_term_id)).toEqual([kindTermId(ResourceKind.COURSE), topicTermId('gesundheit-und-familie'), topicTermId('empowerment')]);
  // A topic without a description of its own is described by its name (HSDS requires one).
  expect(s.attributes!.find((a) => a.taxonomy_term?.code === 'empowerment')!.taxonomy_term!.description).toBe('Thema empowerment');
  const [sal] = s.service_at_locations!;
  expect(sal.location).toMatchObject({ location_type: 'physical', addresses: [{ address_1: 'Beispielstraße 12', postal_code: '49074', city: 'Osnabrück', state_province: 'Niedersachsen', country: 'DE' }] });
  expect(serviceIdOfServiceAtLocation(sal.id)).toBe(r.id);
  expect(sal.id).not.toBe(r.id);

  const withContact = await sg.ds.getRepository(Resource).findOneByOrFail({ contactIds: [DEMO_CONTACTS.haddadOsnabrueck] as never });
  const c = hsds.service.parse((await get(`/services/${withContact.id}`)).body).contacts!;
  expect(c).toEqual([expect.objectContaining({ name: 'Samira Haddad', title: 'Beraterin', email: 'haddad@example.org', phones: [expect.objectContaining({ number: '+49 541 654321' })] })]);
});

test('every published service in full fits the specification', async () => {
  const p = hsds.page(hsds.service).parse((await get('/services?full=true&per_page=100')).body);
  expect(p.size).toBe(await publishedCount());
  for (const s of p.contents) expect(s.organization?.id).toBe(s.organization_id);
});

test('filters: modified_after, organization_id, taxonomy_term_id (topic or kind), taxonomy_id, search', async () => {
  const repo = sg.ds.getRepository(Resource);
  const all = await repo.findBy({ status: PublicationStatus.PUBLISHED });
  await sg.ds.query(`UPDATE resource SET updated_at = '2024-01-01T00:00:00Z'`);
  await sg.ds.query(`UPDATE resource SET updated_at = '2026-02-01T12:00:00Z' WHERE id = $1`, [all[0].id]);
  const total = async (q: string) => hsds.page(hsds.service).parse((await get(`/services?${q}`)).body).total_items;
  expect(await total('modified_after=2025-06-01')).toBe(1);
  expect(await total('modified_after=2026-02-01T12:00:00Z')).toBe(1);
  expect(await total('modified_after=2026-02-01T12:00:01%2B00:00')).toBe(0);
  expect(await total(`organization_id=${osnabrueck}`)).toBe(all.filter((r) => r.providerId === osnabrueck).length);
  expect(await total(`taxonomy_term_id=${topicTermId('empowerment')}`)).toBe(all.filter((r) => r.topicSlugs.includes('empowerment')).length);
  expect(await total(`taxonomy_term_id=${kindTermId(ResourceKind.COUNSELLING)}`)).toBe(all.filter((r) => r.kind === ResourceKind.COUNSELLING).length);
  expect(await total(`taxonomy_term_id=${stableId('hsds-topic', 'gibt-es-nicht')}`)).toBe(0);
  expect(await total(`taxonomy_id=${TOPICS_TAXONOMY.id}`)).toBe(all.filter((r) => r.topicSlugs.length > 0).length);
  // The same German full-text search as `resources(filter: { search })`.
  const { resources } = await gqlOk(sg.url, '{ resources(filter: { search: "Beratungsstellen" }, first: 100) { totalCount } }');
  expect(resources.totalCount).toBeGreaterThan(0);
  expect(await total('search=Beratungsstellen')).toBe(resources.totalCount);
  const empty = hsds.page(hsds.service).parse((await get('/services?search=Quantenchromodynamik')).body);
  expect(empty).toMatchObject({ total_items: 0, total_pages: 0, page_number: 1, empty: true, first_page: true, last_page: true, contents: [] });
});

test('search follows the graph’s German rule: spellings without umlauts, parts of compound words', async () => {
  const total = async (path: string) => {
    const { status, body } = await get(path);
    expect([path, status]).toEqual([path, 200]);
    return (body as { total_items: number }).total_items;
  };
  // Services: the same search as `resources(filter: { search })`, whole words and parts.
  for (const search of ['Gefluechtete', 'Schutz']) {
    const { resources } = await gqlOk(sg.url, 'query ($s: String) { resources(filter: { search: $s }, first: 100) { totalCount } }', { s: search });
    expect([search, await total(`/services?search=${encodeURIComponent(search)}`)]).toEqual([search, resources.totalCount]);
  }
  expect(await total('/services?search=Gefluechtete')).toBe(await total(`/services?search=${encodeURIComponent('Geflüchtete')}`));
  expect(await total('/services?search=Gefluechtete')).toBeGreaterThan(0);
  // Organizations, taxonomies and terms: the text anywhere, folded on both sides.
  expect(await total('/organizations?search=osnabrueck')).toBe(1);
  expect(await total(`/organizations?search=${encodeURIComponent('LÜNEBURG')}`)).toBe(await total('/organizations?search=lueneburg'));
  expect(await total('/taxonomy_terms?search=foerderprogramm')).toBe(1);
  expect(await total(`/taxonomies?search=${encodeURIComponent('ANGEBOTSARTEN')}`)).toBe(1);
});

test('paging parameters out of range and malformed filters are a 400 with a JSON error naming the parameter', async () => {
  const total = await publishedCount();
  for (const [q, parameter] of [
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['page=abc', 'page'],
    ['page=1.5', 'page'],
    ['per_page=0', 'per_page'],
    ['per_page=101', 'per_page'],
    ['page=1&page=2', 'page'],
    [`page=${total + 1}&per_page=1`, 'page'],
    ['modified_after=gestern', 'modified_after'],
    ['modified_after=2026-13-45', 'modified_after'],
    ['organization_id=osnabrueck', 'organization_id'],
    ['taxonomy_term_id=1', 'taxonomy_term_id'],
    ['full=yes', 'full'],
  ]) {
    const res = await get(`/services?${q}`);
    expect([q, res.status]).toEqual([q, 400]);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', parameter });
  }
  expect((await get('/organizations?page=99')).status).toBe(400);
  expect((await get('/taxonomy_terms?per_page=1000')).status).toBe(400);
  expect((await get(`/services/${stableId('resource', 'gibt-es-nicht')}`)).status).toBe(404);
  expect((await get('/services/not-a-uuid')).status).toBe(404);
  expect((await get('/locations')).status).toBe(404);
});

test('organizations: the public partners, in full with contacts, phones, location and topics, and their services', async () => {
  const list = hsds.page(hsds.organization).parse((await get('/organizations')).body);
  expect(list.total_items).toBe(dir.partnerMap.size);
  expect(list.contents.map((o) => o.name)).not.toContain('Interkulturelles Frauencafé Hildesheim');
  // HSDS requires a description: one without its own is described by its name.
  expect(list.contents.find((o) => o.alternate_name === 'VNB')!.description).toBe('Verein Niedersächsischer Bildungsinitiativen e.V.');
  const full = hsds.page(hsds.organization).parse((await get('/organizations?full=true&per_page=2&page=2')).body);
  expect(full).toMatchObject({ page_number: 2, size: 2 });
  expect(full.contents.every((o) => o.locations?.length === 1 && o.contacts?.length === 1)).toBe(true);

  const one = hsds.organizationWithServices.parse((await get(`/organizations/${osnabrueck}`)).body);
  expect(one).toMatchObject({ id: osnabrueck, phones: [{ number: '+49 541 123456' }], contacts: [{ name: 'Samira Haddad' }] });
  expect(one.attributes!.map((a) => a.taxonomy_term!.code)).toEqual(['gewaltschutz', 'empowerment']);
  const own = await sg.ds.getRepository(Resource).countBy({ providerId: osnabrueck, status: PublicationStatus.PUBLISHED });
  expect(one.services).toHaveLength(own);
  expect((await get(`/organizations/${stableId('partner', 'interkulturelles-frauencafe-hildesheim')}`)).status).toBe(404);
  expect(hsds.page(hsds.organization).parse((await get('/organizations?search=osnabrück')).body).total_items).toBe(1);
  // The German rule of every search in the graph: umlauts typed as ae/oe/ue find the same.
  expect(hsds.page(hsds.organization).parse((await get('/organizations?search=OSNABRUECK')).body).total_items).toBe(1);
});

test('taxonomies and their terms: the topic areas and the kinds of resource', async () => {
  const taxonomies = hsds.page(hsds.taxonomy).parse((await get('/taxonomies')).body);
  expect(taxonomies.contents.map((t) => t.name)).toEqual(['MitGeN-Themenbereiche', 'MitGeN-Angebotsarten']);
  const terms = hsds.page(hsds.taxonomyTerm).parse((await get('/taxonomy_terms?per_page=100')).body);
  expect(terms.total_items).toBe(dir.topicList.length + Object.keys(ResourceKind).length);
  const topics = hsds.page(hsds.taxonomyTerm).parse((await get(`/taxonomy_terms?taxonomy_id=${TOPICS_TAXONOMY.id}&per_page=100`)).body);
  expect(topics.contents.map((t) => t.code)).toEqual(dir.topicList.map((t) => t.slug));
  const term = hsds.taxonomyTerm.parse((await get(`/taxonomy_terms/${topicTermId('gewaltschutz')}`)).body);
  expect(term).toMatchObject({ code: 'gewaltschutz', taxonomy_detail: { name: 'MitGeN-Themenbereiche' } });
  expect(hsds.taxonomy.parse((await get(`/taxonomies/${TOPICS_TAXONOMY.id}`)).body).id).toBe(TOPICS_TAXONOMY.id);
});

test('service_at_locations: offers in person or hybrid at their provider’s address', async () => {
  const list = hsds.page(hsds.serviceAtLocation).parse((await get('/service_at_locations?full=true&per_page=100')).body);
  const atPlace = await sg.ds.query(`SELECT count(*)::int AS n FROM resource WHERE status = 'PUBLISHED' AND format IN ('IN_PERSON', 'HYBRID')`);
  expect(list.total_items).toBe(atPlace[0].n);
  const r = await sg.ds.getRepository(Resource).findOneByOrFail({ title: 'Gruppenangebot „Stark im Alltag“ für geflüchtete Frauen' });
  const one = hsds.serviceAtLocationWithService.parse((await get(`/service_at_locations/${serviceAtLocationIdOf(r.id)}`)).body);
  expect(one).toMatchObject({ service_id: r.id, service: { id: r.id, name: r.title }, location: { name: 'Frauenberatungsstelle Osnabrück' } });
  expect((await get(`/service_at_locations/${r.id}`)).status).toBe(404);
});

test('when the graph does not answer, records that need it are a 503; plain lists still work', async () => {
  dir.down = true;
  const r = await sg.ds.getRepository(Resource).findOneByOrFail({ status: PublicationStatus.PUBLISHED, title: 'Gruppenangebot „Stark im Alltag“ für geflüchtete Frauen' });
  const one = await get(`/services/${r.id}`);
  expect(one.status).toBe(503);
  expect(one.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  expect((await get('/services')).status).toBe(200);
});
