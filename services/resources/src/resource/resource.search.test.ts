import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { asPrincipal, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { resourcesSubgraph } from '../subgraph';
import { demoLookup, TestClock } from '../test/fake-lookup';
import { Resource, ResourceFormat, ResourceKind } from './resource.entity';

// The resource pool as partner websites query it: German full-text search, filters, sort orders and
// paging, on fixtures of this file (no demo data), with the clock injected.

const clock = new TestClock(new Date('2026-11-26T10:00:00Z'));
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph({ ...resourcesSubgraph, prepare: () => ({ lookup: demoLookup() }) }, {}, { clock });
});
afterAll(() => sg?.stop());
beforeEach(async () => {
  await sg.ds.query('DELETE FROM resource');
  clock.set('2026-11-26T10:00:00Z');
});

const osnabrueck = stableId('partner', 'frauenberatung-osnabrueck');
const emsland = stableId('partner', 'koordinierungsstelle-frau-und-beruf-emsland');

let n = 0;
async function add(fields: Partial<Resource>): Promise<Resource> {
  n++;
  return sg.ds.getRepository(Resource).save(
    sg.ds.getRepository(Resource).create({
      kind: ResourceKind.COUNSELLING,
      providerId: osnabrueck,
      providerName: 'Frauenberatungsstelle Osnabrück',
      status: PublicationStatus.PUBLISHED,
      publishedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
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

describe('German full-text search', () => {
  test('ranking puts a title match above a summary match above a body match', async () => {
    await add({ title: 'Sprachcafé am Donnerstag', body: 'Wir helfen auch bei der Wohnungssuche.' });
    await add({ title: 'Beratung zur Wohnungssuche' });
    await add({ title: 'Offene Sprechstunde', summary: 'Fragen zur Wohnungssuche und zu Behörden.' });
    expect(await titles({ search: 'Wohnungssuche' })).toEqual(['Beratung zur Wohnungssuche', 'Offene Sprechstunde', 'Sprachcafé am Donnerstag']);
  });

  test('"Beratungsstellen" finds "Beratungsstelle" (German stemming), and "Beratung" does not find unrelated words', async () => {
    await add({ title: 'Beratungsstelle für Frauen in Celle' });
    // Another provider: parts of the provider's name count too ("Frauenberatungsstelle" has "Frauen").
    await add({ title: 'Sprachkurs in Celle', providerName: 'Volkshochschule Celle' });
    expect(await titles({ search: 'Beratungsstellen' })).toEqual(['Beratungsstelle für Frauen in Celle']);
    expect(await titles({ search: 'Frauen Celle' })).toEqual(['Beratungsstelle für Frauen in Celle']);
  });

  test('the provider’s name is searchable, below the resource’s own title', async () => {
    await add({ title: 'Mentoring für Migrantinnen', providerId: emsland, providerName: 'Koordinierungsstelle Frau und Beruf Landkreis Emsland' });
    await add({ title: 'Infoabend Frau und Beruf im Emsland', providerName: 'Frauenberatungsstelle Osnabrück' });
    expect(await titles({ search: 'Emsland' })).toEqual(['Infoabend Frau und Beruf im Emsland', 'Mentoring für Migrantinnen']);
    expect(await titles({ search: 'Koordinierungsstelle' })).toEqual(['Mentoring für Migrantinnen']);
  });

  test('web search syntax: "phrases", -exclusions and or', async () => {
    await add({ title: 'Schutz vor häuslicher Gewalt' });
    await add({ title: 'Gewalt im Netz', summary: 'Auch häuslicher Streit wird besprochen.' });
    await add({ title: 'Sprachkurs für Anfängerinnen' });
    expect(await titles({ search: '"häuslicher Gewalt"' })).toEqual(['Schutz vor häuslicher Gewalt']);
    expect((await titles({ search: 'Gewalt' })).sort()).toEqual(['Gewalt im Netz', 'Schutz vor häuslicher Gewalt']);
    expect(await titles({ search: 'Gewalt -Netz' })).toEqual(['Schutz vor häuslicher Gewalt']);
    expect((await titles({ search: 'Sprachkurs or Netz' })).sort()).toEqual(['Gewalt im Netz', 'Sprachkurs für Anfängerinnen']);
  });

  test.each([
    ['only operators', '- "" or -'],
    ['only punctuation', '!!! ??? &&& |||'],
    ['thousands of characters', 'Beratung '.repeat(500)],
    ['a NUL character', 'Bera\u0000tung'],
  ])('a search with %s is BAD_USER_INPUT naming `search`', async (_what, search) => {
    const res = await gql(sg.url, query, { f: { search } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
  });

  test.each(['der die das', '"unclosed quote', '((Beratung', 'Beratung & | ! :* <->', "Beratung'; DROP TABLE resource; --", 'a:*B & !c', 'Beratung \\'])(
    'the search %p never causes a database error',
    async (search) => {
      await add({ title: 'Beratung für alle' });
      const res = await gql(sg.url, query, { f: { search } });
      expect(res.errors).toBeUndefined();
      expect(res.data.resources.totalCount).toBe(res.data.resources.nodes.length);
    },
  );
});

describe('sorting and paging', () => {
  test('paging by relevance is stable: pages join up without gaps or repeats, also when rows are added between pages', async () => {
    // Equal texts give equal ranks: the id breaks the tie, so the order is still total.
    for (let i = 0; i < 12; i++) await add({ title: `Beratung Nr. ${i}`, body: i % 3 ? 'Beratung zu Beratung und noch mehr Beratung.' : '' });
    for (let i = 0; i < 6; i++) await add({ title: `Sprechstunde ${i}`, body: 'mit Beratung' });
    const full = await titles({ search: 'Beratung' });
    expect(full).toHaveLength(18);

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { resources }: any = await gqlOk(sg.url, query, { f: { search: 'Beratung' }, first: 5, after });
      seen.push(...resources.nodes.map((r: { title: string }) => r.title));
      if (page === 0) await add({ title: 'ZZZ neu dazugekommen', body: 'Beratung' }); // lands somewhere in the list
      if (!resources.pageInfo.hasNextPage) break;
      after = resources.pageInfo.endCursor;
    }
    const withoutNew = seen.filter((t) => t !== 'ZZZ neu dazugekommen');
    expect(withoutNew).toEqual(full);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('sort orders: relevance by default when searching, title otherwise, newest on request', async () => {
    await add({ title: 'B Beratung', publishedAt: new Date('2026-03-01T00:00:00Z') });
    await add({ title: 'A Kurs', body: 'Beratung', publishedAt: new Date('2026-05-01T00:00:00Z') });
    await add({ title: 'C Beratung Beratung', publishedAt: new Date('2026-04-01T00:00:00Z') });
    expect(await titles({})).toEqual(['A Kurs', 'B Beratung', 'C Beratung Beratung']);
    expect(await titles({}, 'RELEVANCE')).toEqual(['A Kurs', 'B Beratung', 'C Beratung Beratung']);
    expect(await titles({}, 'NEWEST')).toEqual(['A Kurs', 'C Beratung Beratung', 'B Beratung']);
    expect(await titles({ search: 'Beratung' })).toEqual(['C Beratung Beratung', 'B Beratung', 'A Kurs']);
    expect(await titles({ search: 'Beratung' }, 'TITLE')).toEqual(['A Kurs', 'B Beratung', 'C Beratung Beratung']);
  });

  test('paging by newest joins up', async () => {
    for (let i = 0; i < 7; i++) await add({ title: `Angebot ${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1 + (i % 3))) });
    const full = await titles({}, 'NEWEST');
    const first = await gqlOk(sg.url, query, { sort: 'NEWEST', first: 4 });
    const rest = await gqlOk(sg.url, query, { sort: 'NEWEST', first: 4, after: first.resources.pageInfo.endCursor });
    expect([...first.resources.nodes, ...rest.resources.nodes].map((r: any) => r.title)).toEqual(full);
  });

  test('a cursor of another sort order (or a made-up one) is BAD_USER_INPUT naming `after`', async () => {
    await add({ title: 'Beratung eins' });
    await add({ title: 'Beratung zwei' });
    const { resources } = await gqlOk(sg.url, query, { sort: 'TITLE', first: 1 });
    for (const variables of [
      { sort: 'NEWEST', first: 1, after: resources.pageInfo.endCursor },
      { f: { search: 'Beratung' }, first: 1, after: resources.pageInfo.endCursor },
      { first: 1, after: Buffer.from('["x","not-a-uuid"]').toString('base64url') },
      { first: 1, after: 'garbage' },
    ]) {
      const res = await gql(sg.url, query, variables);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  test('more than the server-side maximum is refused', async () => {
    const res = await gql(sg.url, query, { first: 101 });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('filters', () => {
  test('region: that region’s offers and statewide offers together', async () => {
    await add({ title: 'Osnabrück', regionCodes: ['03404'] });
    await add({ title: 'Emsland', regionCodes: ['03454'] });
    await add({ title: 'Landesweit', statewide: true });
    expect(await titles({ region: '03404' })).toEqual(['Landesweit', 'Osnabrück']);
    expect(await titles({ region: '03404', topic: 'gewaltschutz' })).toEqual([]);
  });

  test('topic, language, target group, kind, format, free of charge and provider combine', async () => {
    await add({
      title: 'Passt',
      topicSlugs: ['gewaltschutz'],
      languages: ['de', 'ar'],
      targetGroups: ['Frauen mit Fluchterfahrung'],
      kind: ResourceKind.HOTLINE,
      format: ResourceFormat.ONLINE,
      freeOfCharge: true,
    });
    await add({ title: 'Kostet', topicSlugs: ['gewaltschutz'], languages: ['de', 'ar'], kind: ResourceKind.HOTLINE, format: ResourceFormat.ONLINE, freeOfCharge: false, cost: '10 €' });
    await add({ title: 'Anderer Träger', providerId: emsland, topicSlugs: ['gewaltschutz'], kind: ResourceKind.COURSE, format: ResourceFormat.IN_PERSON });
    expect(await titles({ topic: 'gewaltschutz', language: 'AR', targetGroup: 'Frauen mit Fluchterfahrung' })).toEqual(['Passt']);
    expect(await titles({ kind: 'HOTLINE', format: 'ONLINE', freeOfCharge: true })).toEqual(['Passt']);
    expect(await titles({ freeOfCharge: false })).toEqual(['Kostet']);
    expect(await titles({ provider: emsland })).toEqual(['Anderer Träger']);
    expect(await titles({ format: 'IN_PERSON', provider: osnabrueck })).toEqual([]);
  });

  test('currentOnly follows the calendar day in Germany at its boundaries (clock injected)', async () => {
    await add({ title: 'Dezember', validFrom: '2026-12-01', validUntil: '2026-12-31' });
    await add({ title: 'Offen', validFrom: null, validUntil: null });
    await add({ title: 'Bis November', validUntil: '2026-11-30' });
    const current = () => titles({ currentOnly: true });
    // Berlin is UTC+1 in winter: 1 December starts at 23:00 UTC on 30 November.
    clock.set('2026-11-30T22:59:59Z');
    expect(await current()).toEqual(['Bis November', 'Offen']);
    clock.set('2026-11-30T23:00:00Z');
    expect(await current()).toEqual(['Dezember', 'Offen']);
    clock.set('2026-12-31T22:59:59Z');
    expect(await current()).toEqual(['Dezember', 'Offen']);
    clock.set('2026-12-31T23:00:00Z');
    expect(await current()).toEqual(['Offen']);
    expect(await titles({})).toEqual(['Bis November', 'Dezember', 'Offen']);
  });

  test.each([
    [{ language: 'deutsch' }, 'language'],
    [{ region: 'Hannover' }, 'region'],
    [{ topic: 'Gewalt Schutz' }, 'topic'],
    [{ provider: 'not-an-id' }, 'provider'],
    [{ targetGroup: 'x'.repeat(101) }, 'targetGroup'],
  ])('%p is BAD_USER_INPUT naming %s', async (f, field) => {
    const res = await gql(sg.url, query, { f });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  test('drafts and archived entries: coordinators any, editors their own, everyone else published only', async () => {
    await add({ title: 'Öffentlich' });
    await add({ title: 'Entwurf Osnabrück', status: PublicationStatus.DRAFT, publishedAt: null });
    await add({ title: 'Entwurf Emsland', status: PublicationStatus.DRAFT, publishedAt: null, providerId: emsland });
    const as = async (headers: Record<string, string>) =>
      (await gqlOk(sg.url, query, { f: { status: 'DRAFT' } }, headers)).resources.nodes.map((r: { title: string }) => r.title);
    expect(await as({})).toEqual(['Öffentlich']);
    expect(await as(await asPrincipal({ role: 'API_CLIENT', subject: 'k', partnerId: osnabrueck }, 'resources'))).toEqual(['Öffentlich']);
    expect(await as(await asPrincipal({ role: 'PARTNER_EDITOR', subject: 'e', partnerId: osnabrueck }, 'resources'))).toEqual(['Entwurf Osnabrück']);
    expect(await as(await asPrincipal({ role: 'COORDINATOR', subject: 'c' }, 'resources'))).toEqual(['Entwurf Emsland', 'Entwurf Osnabrück']);
  });
});
