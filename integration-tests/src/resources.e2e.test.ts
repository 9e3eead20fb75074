import { insertBenchResources, resourceReferenceLookup, type ResourcesDeps } from '@mitgen/resources';
import { createLogger, GraphClient, stableId, systemClock } from '@mitgen/subgraph-kit';
import { gql, gqlOk } from '@mitgen/test-kit';
import { ADMIN, setUpCallers, type Callers } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// The resource pool through the real gateway: the resources service checks references and copies
// provider names by querying the graph (the partners service through the gateway), and a page of
// resources with their providers costs the same SQL whatever the size of the pool.

let stack: TestStack;
let callers: Callers;
let services: ResourcesDeps;
beforeAll(async () => {
  stack = await startStack({ AUTH_CACHE_SECONDS: '0' });
  callers = await setUpCallers(stack.url, '-resources');
  // The subgraphs start before the gateway, so the resources service cannot be told its GRAPH_URL
  // up front: point its graph client at this stack's gateway now.
  services = stack.subgraphs.resources.services as ResourcesDeps;
  services.graph!.url = stack.url;
});
afterAll(() => stack?.stop());

const CREATE = 'mutation ($i: CreateResourceInput!) { createResource(input: $i) { id title provider { name } topics { name } regions { name } } }';
const emsland = stableId('partner', 'koordinierungsstelle-frau-und-beruf-emsland');

test('a coordinator’s new resource is checked through the graph and shows partners-service data', async () => {
  const { createResource } = await gqlOk(
    stack.url,
    CREATE,
    { i: { title: 'Sprechstunde Berufsanerkennung in Papenburg', kind: 'COUNSELLING', providerId: emsland, topicSlugs: ['arbeitsmarktintegration'], regionCodes: ['03454'] } },
    callers.headers.coordinator,
  );
  expect(createResource).toMatchObject({
    provider: { name: 'Koordinierungsstelle Frau und Beruf Landkreis Emsland' },
    topics: [{ name: 'Arbeitsmarktintegration von Frauen mit Flucht-/Migrationserfahrung' }],
    regions: [{ name: expect.stringContaining('Emsland') }],
  });
  await gqlOk(stack.url, 'mutation ($id: ID!) { publishResource(id: $id) { id } }', { id: createResource.id }, callers.headers.coordinator);
  // The provider's name, copied through the graph, is part of the full-text search.
  const { resources } = await gqlOk(stack.url, '{ resources(filter: { search: "Koordinierungsstelle Papenburg" }) { nodes { id provider { name } } } }');
  expect(resources.nodes).toEqual([{ id: createResource.id, provider: { name: 'Koordinierungsstelle Frau und Beruf Landkreis Emsland' } }]);
});

test.each([
  ['an unknown provider', { providerId: stableId('partner', 'gibt-es-nicht') }, 'providerId'],
  ['an unknown topic', { providerId: emsland, topicSlugs: ['astrologie'] }, 'topicSlugs'],
  ['an unknown region', { providerId: emsland, regionCodes: ['09162'] }, 'regionCodes'],
  // The service looks things up as the public does unless it has GRAPH_EMAIL: a draft partner is unknown to it.
  ['a draft partner (public view)', { providerId: stableId('partner', 'interkulturelles-frauencafe-hildesheim') }, 'providerId'],
])('%s is BAD_USER_INPUT through the graph, and nothing is written', async (_what, input, field) => {
  const before = await stack.subgraphs.resources.ds.query('SELECT count(*)::int AS n FROM resource');
  const res = await gql(stack.url, CREATE, { i: { title: 'Abgelehnt', kind: 'COURSE', ...input } }, callers.headers.coordinator);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(await stack.subgraphs.resources.ds.query('SELECT count(*)::int AS n FROM resource')).toEqual(before);
});

test('with a coordinator account (GRAPH_EMAIL / GRAPH_PASSWORD) the service also sees draft partners', async () => {
  const signedIn = new GraphClient({ service: 'resources', url: stack.url, timeoutMs: 5000, credentials: ADMIN, clock: systemClock, log: createLogger('resources', 'silent') });
  const lookup = resourceReferenceLookup(signedIn);
  const draft = stableId('partner', 'interkulturelles-frauencafe-hildesheim');
  const found = await lookup.lookUp({ partners: [draft, emsland], topics: ['gewaltschutz', 'astrologie'], regions: ['03254'] });
  expect(found.partners.get(draft)).toMatchObject({ status: 'DRAFT', name: 'Interkulturelles Frauencafé Hildesheim' });
  expect(found.partners.get(emsland)).toMatchObject({ status: 'PUBLISHED' });
  expect(found.topics).toEqual(new Map([['gewaltschutz', { slug: 'gewaltschutz' }], ['astrologie', null]]));
  expect(found.regions).toEqual(new Map([['03254', { code: '03254' }]]));
  const anonymous = await services.lookup.lookUp({ partners: [draft] });
  expect(anonymous.partners.get(draft)).toBeNull();
});

test('a coordinator refreshes the copies of provider names and states through the graph', async () => {
  const db = stack.subgraphs.resources.ds;
  await db.query(`UPDATE resource SET provider_name = 'veraltet' WHERE provider_id = $1`, [emsland]);
  const { refreshResourceReferences } = await gqlOk(stack.url, 'mutation { refreshResourceReferences { partners problems } }', {}, callers.headers.coordinator);
  expect(refreshResourceReferences.partners).toBeGreaterThan(5);
  // Contact persons are checked through `ContactPerson.name` of the partners service: until that
  // service has contact persons, only that step may report a problem.
  expect(refreshResourceReferences.problems.filter((p: string) => !p.startsWith('contact persons'))).toEqual([]);
  const names = await db.query('SELECT DISTINCT provider_name FROM resource WHERE provider_id = $1', [emsland]);
  expect(names).toEqual([{ provider_name: 'Koordinierungsstelle Frau und Beruf Landkreis Emsland' }]);
});

test('German through the gateway (issue 16): spellings without umlauts, compound parts, German order', async () => {
  const search = async (s: string) =>
    (await gqlOk(stack.url, 'query ($s: String) { resources(filter: { search: $s }, first: 100) { nodes { title } } }', { s })).resources.nodes.map(
      (n: { title: string }) => n.title,
    );
  const withUmlaut = await search('Geflüchtete');
  expect(withUmlaut.length).toBeGreaterThan(1);
  expect(await search('Gefluechtete')).toEqual(withUmlaut);
  expect(await search('Schutz')).toContain('Arbeitshilfe: Gewaltschutz in Gemeinschaftsunterkünften');
  const partners = await gqlOk(stack.url, '{ partners(filter: { search: "Gleichstellungsbuero" }) { nodes { name } } }');
  expect(partners.partners.nodes).toEqual([{ name: 'Gleichstellungsbüro der Stadt Braunschweig' }]);
  const { regions } = await gqlOk(stack.url, '{ regions(first: 100) { nodes { name } } }');
  const names = regions.nodes.map((r: { name: string }) => r.name);
  expect(names.slice(names.indexOf('Goslar'), names.indexOf('Goslar') + 3)).toEqual(['Goslar', 'Göttingen', 'Grafschaft Bentheim']);
});

test('a page of 50 resources with provider names costs the same SQL in both subgraphs for 10 or 1,000 more resources', async () => {
  const page = '{ resources(first: 50, sort: NEWEST) { nodes { title provider { name } topics { slug } contacts { id } } } }';
  const statements = async () => {
    stack.subgraphs.resources.counter.reset();
    stack.subgraphs.partners.counter.reset();
    const { resources } = await gqlOk(stack.url, page);
    expect(resources.nodes.length).toBeGreaterThan(10);
    expect(resources.nodes.every((n: { provider: { name: string } | null }) => n.provider?.name)).toBe(true);
    return { resources: stack.subgraphs.resources.counter.count, partners: stack.subgraphs.partners.counter.count };
  };
  await insertBenchResources(stack.subgraphs.resources.ds, 10, { seed: 11, contactsPerResource: 2 });
  const small = await statements();
  await insertBenchResources(stack.subgraphs.resources.ds, 990, { seed: 12, contactsPerResource: 2 });
  const large = await statements();
  expect(large).toEqual(small);
  // Resources: the page with its count in one statement (kit paginate); partners: the providers, batched.
  expect(small).toEqual({ resources: 1, partners: 1 });
});

test('an entity the partners service does not show comes back as null, which is how gone contacts and providers look', async () => {
  const cafe = stableId('partner', 'interkulturelles-frauencafe-hildesheim'); // a draft partner
  await stack.subgraphs.resources.ds.query(
    `INSERT INTO resource (title, kind, provider_id, status, published_at) VALUES ('Café-Angebot (Träger noch Entwurf)', 'PROJECT', $1, 'PUBLISHED', now())`,
    [cafe],
  );
  const q = '{ resources(filter: { search: "Café-Angebot" }) { nodes { title provider { name } } } }';
  expect((await gqlOk(stack.url, q)).resources.nodes).toEqual([{ title: 'Café-Angebot (Träger noch Entwurf)', provider: null }]);
  const asCoordinator = await gqlOk(stack.url, q, {}, callers.headers.coordinator);
  expect(asCoordinator.resources.nodes[0].provider).toEqual({ name: 'Interkulturelles Frauencafé Hildesheim' });
});
