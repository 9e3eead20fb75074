import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { entitiesQuery, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { DEMO_RESOURCES } from '../seed/demo';
import { resourcesSubgraph } from '../subgraph';
import { demoLookup } from '../test/fake-lookup';
import { Resource, ResourceKind } from './resource.entity';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph({ ...resourcesSubgraph, prepare: () => ({ lookup: demoLookup() }) }, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const list = `query ($f: ResourceFilter, $first: Int = 50) { resources(filter: $f, first: $first) { totalCount nodes { title statewide } } }`;
const titles = (data: any) => data.resources.nodes.map((n: any) => n.title);
const published = DEMO_RESOURCES.filter((r) => r.status !== PublicationStatus.DRAFT);

test('lists published resources only, sorted by title', async () => {
  const data = await gqlOk(sg.url, list);
  expect(data.resources.totalCount).toBe(published.length);
  expect(titles(data)).not.toContain('Entwurf: Elternabende zu Gewaltschutz');
});

test('a region filter returns that region’s offers and statewide offers together', async () => {
  const data = await gqlOk(sg.url, list, { f: { region: '03404' } });
  const statewide = published.filter((r) => r.statewide).map((r) => r.title);
  const regional = published.filter((r) => r.regionCodes?.includes('03404')).map((r) => r.title);
  expect(titles(data).sort()).toEqual([...statewide, ...regional].sort());
  expect(regional.length).toBeGreaterThan(0);
});

test('filters by topic, language and kind combine', async () => {
  const violence = published.filter((r) => r.topicSlugs?.includes('gewaltschutz')).map((r) => r.title);
  expect(violence.length).toBeGreaterThan(1);
  expect(titles(await gqlOk(sg.url, list, { f: { topic: 'gewaltschutz' } }))).toEqual([...violence].sort((a, b) => a.localeCompare(b)));
  expect(titles(await gqlOk(sg.url, list, { f: { language: 'fa', kind: 'COUNSELLING' } }))).toEqual([
    'Mehrsprachige Beratung bei häuslicher Gewalt',
  ]);
  expect(titles(await gqlOk(sg.url, list, { f: { topic: 'gewaltschutz', kind: 'COURSE' } }))).toEqual([]);
});

test('currentOnly drops offers outside their validity', async () => {
  await sg.ds.getRepository(Resource).insert([
    { title: 'ZZ abgelaufen', kind: ResourceKind.INFORMATION, providerId: stableId('partner', 'vnb-ev'), validUntil: '2020-01-01', status: PublicationStatus.PUBLISHED },
    { title: 'ZZ künftig', kind: ResourceKind.INFORMATION, providerId: stableId('partner', 'vnb-ev'), validFrom: '2999-01-01', status: PublicationStatus.PUBLISHED },
  ]);
  const all = titles(await gqlOk(sg.url, list, { f: {} }));
  const current = titles(await gqlOk(sg.url, list, { f: { currentOnly: true } }));
  expect(all).toEqual(expect.arrayContaining(['ZZ abgelaufen', 'ZZ künftig']));
  expect(current).not.toContain('ZZ abgelaufen');
  expect(current).not.toContain('ZZ künftig');
  expect(current).toContain('Sprachcafé für Frauen'); // open-ended
  await sg.ds.query("DELETE FROM resource WHERE title LIKE 'ZZ %'");
});

test('Resource.provider and Resource.topics are references by key', async () => {
  const provider = stableId('partner', 'g-mit-niedersachsen');
  const { resources } = await gqlOk(sg.url, '{ resources(filter: { kind: PUBLICATION, provider: "' + provider + '" }) { nodes { provider { id } topics { slug } regions { code } } } }');
  expect(resources.nodes).toEqual([{ provider: { id: provider }, topics: [{ slug: 'gleichstellung' }], regions: [] }]);
  const regional = await gqlOk(sg.url, '{ resources(filter: { kind: COUNSELLING, region: "03454" }) { nodes { title statewide regions { code } contacts { id } } } }');
  expect(regional.resources.nodes).toContainEqual({
    title: 'Anerkennungsberatung für ausländische Berufsabschlüsse',
    statewide: false,
    regions: [{ code: '03454' }],
    contacts: [{ id: stableId('contact-person', 'koordinierungsstelle-frau-und-beruf-emsland/anerkennungsberatung') }],
  });
});

test('_entities resolves Resource by id and hides drafts', async () => {
  const [published0] = await sg.ds.getRepository(Resource).find({ where: { status: PublicationStatus.PUBLISHED }, take: 1 });
  const [draft] = await sg.ds.getRepository(Resource).find({ where: { status: PublicationStatus.DRAFT }, take: 1 });
  const data = await gqlOk(sg.url, entitiesQuery('Resource', 'id title'), {
    r: [{ __typename: 'Resource', id: published0.id }, { __typename: 'Resource', id: draft.id }, { __typename: 'Resource', id: 'junk' }],
  });
  expect(data._entities).toEqual([{ id: published0.id, title: published0.title }, null, null]);
});

test('Partner.resources and Topic.resources through _entities', async () => {
  const osnabrueck = stableId('partner', 'frauenberatung-osnabrueck');
  const own = published.filter((r) => r.provider === 'frauenberatung-osnabrueck').map((r) => r.title).sort((a, b) => a.localeCompare(b));
  const pageOf = (after: string | null) =>
    gqlOk(sg.url, entitiesQuery('Partner', 'resources(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { title } }').replace('query ($r: [_Any!]!)', 'query ($r: [_Any!]!, $after: String)'), {
      r: [{ __typename: 'Partner', id: osnabrueck }],
      after,
    });
  const first = (await pageOf(null))._entities[0].resources;
  expect(first.totalCount).toBe(own.length); // the draft is not counted
  expect(first.pageInfo.hasNextPage).toBe(true);
  const second = (await pageOf(first.pageInfo.endCursor))._entities[0].resources;
  expect([...first.nodes, ...second.nodes].map((n: any) => n.title)).toEqual(own);
  expect(second.pageInfo.hasNextPage).toBe(false);

  const topic = await gqlOk(sg.url, entitiesQuery('Topic', 'resources { totalCount }'), { r: [{ __typename: 'Topic', slug: 'arbeitsmarktintegration' }] });
  expect(topic._entities[0].resources.totalCount).toBe(published.filter((r) => r.topicSlugs?.includes('arbeitsmarktintegration')).length);
});

test('Partner.resources for 10 or 100 partners costs the same SQL statements', async () => {
  const partnerIds = Array.from({ length: 100 }, (_, i) => stableId('partner', `bulk-${i}`));
  await sg.ds.getRepository(Resource).insert(
    partnerIds.flatMap((providerId, i) =>
      [0, 1, 2, 3].map((n) => ({ title: `Bulk ${i}-${n}`, kind: ResourceKind.MATERIAL, providerId, status: PublicationStatus.PUBLISHED })),
    ),
  );
  const count = async (n: number) => {
    sg.counter.reset();
    const q = entitiesQuery('Partner', 'resources(first: 3) { totalCount nodes { title provider { id } } }');
    const data = await gqlOk(sg.url, q, { r: partnerIds.slice(0, n).map((id) => ({ __typename: 'Partner', id })) });
    expect(data._entities.every((e: any) => e.resources.nodes.length === 3 && e.resources.totalCount === 4)).toBe(true);
    return sg.counter.count;
  };
  const ten = await count(10);
  expect(await count(100)).toBe(ten);
  expect(ten).toBeLessThanOrEqual(3);
  await sg.ds.query("DELETE FROM resource WHERE title LIKE 'Bulk %'");
});

test('invalid filters are BAD_USER_INPUT', async () => {
  const res = await gql(sg.url, list, { f: { language: 'deutsch' } });
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language' });
});
