import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { asPrincipal, entitiesQuery, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { resourcesSubgraph } from '../subgraph';
import { demoLookup, TestClock } from '../test/fake-lookup';
import { Resource, ResourceKind } from './resource.entity';

// German text as people type it (issue 16): spellings without umlauts, parts of compound words, and
// lists in German alphabetical order, also across pages.

const clock = new TestClock(new Date('2026-11-26T10:00:00Z'));
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph({ ...resourcesSubgraph, prepare: () => ({ lookup: demoLookup() }) }, {}, { clock });
});
afterAll(() => sg?.stop());
beforeEach(() => sg.ds.query('DELETE FROM resource'));

const osnabrueck = stableId('partner', 'frauenberatung-osnabrueck');

async function add(title: string, fields: Partial<Resource> = {}): Promise<Resource> {
  return sg.ds.getRepository(Resource).save(
    sg.ds.getRepository(Resource).create({
      title,
      kind: ResourceKind.COUNSELLING,
      providerId: osnabrueck,
      providerName: 'Netzwerkbüro Osnabrück',
      status: PublicationStatus.PUBLISHED,
      lastReviewedAt: clock.now(),
      topicSlugs: ['gewaltschutz'],
      ...fields,
    }),
  );
}

const query = `query ($f: ResourceFilter, $sort: ResourceSort, $first: Int = 100, $after: String) {
  resources(filter: $f, sort: $sort, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { title } }
}`;
async function titles(filter: Record<string, unknown>, sort?: string): Promise<string[]> {
  const { resources } = await gqlOk(sg.url, query, { f: filter, sort });
  return resources.nodes.map((r: { title: string }) => r.title);
}

describe('German search finds what people type', () => {
  test('"Fluechtlinge" finds "Flüchtlinge" and "Flüchtlinge" finds "Fluechtlinge"; ss finds ß', async () => {
    await add('Beratung für Flüchtlinge');
    await add('Sprachkurs fuer Gefluechtete', { summary: 'Treffpunkt an der Großen Straße' });
    await add('Offene Sprechstunde');
    expect(await titles({ search: 'Fluechtlinge' })).toEqual(['Beratung für Flüchtlinge']);
    expect(await titles({ search: 'FLÜCHTLINGE' })).toEqual(['Beratung für Flüchtlinge']);
    expect(await titles({ search: 'Geflüchtete' })).toEqual(['Sprachkurs fuer Gefluechtete']);
    expect(await titles({ search: 'Grosse Strasse' })).toEqual(['Sprachkurs fuer Gefluechtete']);
    expect(await titles({ search: '"große straße"' })).toEqual(['Sprachkurs fuer Gefluechtete']);
  });

  test('"Schutz" finds "Gewaltschutz", ranked below a whole-word "Schutz"', async () => {
    await add('Gewaltschutz in Osnabrück');
    await add('Schutz vor häuslicher Gewalt', { body: 'Ein Angebot für Frauen.' });
    await add('Sprachcafé');
    expect(await titles({ search: 'Schutz' })).toEqual(['Schutz vor häuslicher Gewalt', 'Gewaltschutz in Osnabrück']);
    // A word in the body still outranks a part in the title: whole words first.
    expect(await titles({ search: 'Frauen' })).toEqual(['Schutz vor häuslicher Gewalt']);
    await add('Beratungsangebot', { summary: 'Gewalt gegen Frauen' });
    await add('Frauenhaus');
    expect(await titles({ search: 'Frauen' })).toEqual(['Beratungsangebot', 'Schutz vor häuslicher Gewalt', 'Frauenhaus']);
    // Parts of the provider's name count too, below everything else (weight C).
    await add('Sprachkurs', { providerName: 'Frauenberatungsstelle Osnabrück' });
    expect(await titles({ search: 'Frauen' })).toEqual(['Beratungsangebot', 'Schutz vor häuslicher Gewalt', 'Frauenhaus', 'Sprachkurs']);
  });

  test('paging by relevance joins up across whole-word and part matches', async () => {
    for (let i = 0; i < 4; i++) await add(`Schutz ${i}`);
    for (let i = 0; i < 4; i++) await add(`Gewaltschutz ${i}`);
    const full = await titles({ search: 'Schutz' });
    expect(full.slice(0, 4).every((t) => t.startsWith('Schutz'))).toBe(true);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { resources }: any = await gqlOk(sg.url, query, { f: { search: 'Schutz' }, first: 3, after });
      seen.push(...resources.nodes.map((r: { title: string }) => r.title));
      after = resources.pageInfo.hasNextPage ? resources.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(full);
    expect(full).toHaveLength(8);
  });
});

describe('German alphabetical order', () => {
  const GERMAN = ['Ärztliche Beratung', 'Beratung', 'Goslar', 'Göttingen', 'Grafschaft Bentheim', 'Osnabrück', 'Ostfriesland', 'über Grenzen', 'Zeven'];

  test('resources(first) sorts by title in German order, and pages join up across Göttingen / Grafschaft', async () => {
    for (const t of [...GERMAN].reverse()) await add(t);
    expect(await titles({})).toEqual(GERMAN);
    expect(await titles({}, 'TITLE')).toEqual(GERMAN);
    for (const first of [1, 2, 3, 4]) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const { resources }: any = await gqlOk(sg.url, query, { first, after });
        seen.push(...resources.nodes.map((r: { title: string }) => r.title));
        after = resources.pageInfo.hasNextPage ? resources.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(GERMAN);
    }
  });

  test('Partner.resources and Topic.resources page in German order', async () => {
    for (const t of [...GERMAN].reverse()) await add(t);
    for (const [typename, key] of [['Partner', { id: osnabrueck }], ['Topic', { slug: 'gewaltschutz' }]] as const) {
      const q = entitiesQuery(typename, 'resources(first: 4, after: $after) { pageInfo { hasNextPage endCursor } nodes { title } }').replace(
        'query ($r: [_Any!]!)',
        'query ($r: [_Any!]!, $after: String)',
      );
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = (await gqlOk(sg.url, q, { r: [{ __typename: typename, ...key }], after }))._entities[0].resources;
        seen.push(...page.nodes.map((r: { title: string }) => r.title));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect([typename, seen]).toEqual([typename, GERMAN]);
    }
  });

  test('the stale report sorts by title in German order', async () => {
    for (const t of [...GERMAN].reverse()) await add(t, { validUntil: '2026-01-01' });
    const coordinator = await asPrincipal({ role: 'COORDINATOR', subject: stableId('account', 'c') }, 'resources');
    const { staleResources } = await gqlOk(sg.url, '{ staleResources(first: 50) { nodes { resource { title } } } }', {}, coordinator);
    expect(staleResources.nodes.map((n: any) => n.resource.title)).toEqual(GERMAN);
  });
});
