import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { entitiesQuery, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersService } from '../service';
import { Partner, PartnerKind } from './partner.entity';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersService, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const names = (data: any) => data.partners.nodes.map((n: any) => n.name);

test('lists published partners sorted by name, hiding drafts', async () => {
  const data = await gqlOk(sg.url, '{ partners(first: 50) { totalCount nodes { name status } } }');
  expect(names(data)).toEqual([...names(data)].sort((a: string, b: string) => a.localeCompare(b, 'de')));
  expect(data.partners.nodes.every((n: any) => n.status === 'PUBLISHED')).toBe(true);
  expect(names(data)).not.toContain('Interkulturelles Frauencafé Hildesheim');
  expect(data.partners.totalCount).toBe(names(data).length);
});

test('filters by topic, region, kind and language', async () => {
  const q = `query ($f: PartnerFilter) { partners(filter: $f, first: 50) { totalCount nodes { name } } }`;
  expect(names(await gqlOk(sg.url, q, { f: { topic: 'gewaltschutz' } })).sort()).toEqual([
    'Fachstelle Jungen- und Männerarbeit Weser-Ems',
    'Frauenberatungsstelle Osnabrück',
  ]);
  expect(names(await gqlOk(sg.url, q, { f: { region: '03404' } }))).toEqual(['Frauenberatungsstelle Osnabrück']);
  expect(names(await gqlOk(sg.url, q, { f: { kind: 'EQUALITY_OFFICE' } }))).toEqual(['Gleichstellungsbüro der Stadt Braunschweig']);
  expect(names(await gqlOk(sg.url, q, { f: { language: 'AR' } })).sort()).toEqual([
    'Frauenberatungsstelle Osnabrück',
    'Netzwerk Migrantinnen Lüneburg e.V.',
  ]);
  expect(names(await gqlOk(sg.url, q, { f: { language: 'ar', region: '03355' } }))).toEqual(['Netzwerk Migrantinnen Lüneburg e.V.']);
});

test('German full-text search finds inflected forms ("Beratungen" finds "Beratung")', async () => {
  const q = `query ($s: String) { partners(filter: { search: $s }, first: 50) { nodes { name } } }`;
  const found = names(await gqlOk(sg.url, q, { s: 'Beratungen' }));
  expect(found).toContain('Koordinierungsstelle Frau und Beruf Landkreis Emsland'); // "Beratung zum beruflichen …"
  expect(names(await gqlOk(sg.url, q, { s: '"kommunale Gleichstellungsarbeit"' }))).toEqual(['Gleichstellungsbüro der Stadt Braunschweig']);
  // operators only, or SQL-looking input, never become a database error
  for (const s of ['-', '"', "') OR 1=1 --", '&&||!!']) {
    const res = await gql(sg.url, q, { s });
    expect(res.errors).toBeUndefined();
  }
});

test('paging with after returns every partner exactly once, also when partners are added meanwhile', async () => {
  const q = `query ($after: String) { partners(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name } } }`;
  const seen: string[] = [];
  let after: string | null = null;
  let added = false;
  for (;;) {
    const { partners }: any = await gqlOk(sg.url, q, { after });
    seen.push(...partners.nodes.map((n: any) => n.name));
    if (!added) {
      // A partner sorted before the current page must not shift the following pages.
      await sg.ds.getRepository(Partner).insert({ slug: 'aaa-neu', name: 'AAA Neu', kind: PartnerKind.OTHER, status: PublicationStatus.PUBLISHED });
      added = true;
    }
    if (!partners.pageInfo.hasNextPage) break;
    after = partners.pageInfo.endCursor;
  }
  await sg.ds.getRepository(Partner).delete({ slug: 'aaa-neu' });
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen).toHaveLength(8);
});

test('one partner by id or by slug; drafts and unknown ids give null', async () => {
  const id = stableId('partner', 'vnb-ev');
  const byId = await gqlOk(sg.url, `{ partner(id: "${id}") { slug shortName region { code name kind } topics { slug } } }`);
  expect(byId.partner).toEqual({
    slug: 'vnb-ev',
    shortName: 'VNB e.V.',
    region: { code: '03241', name: 'Region Hannover', kind: 'REGION' },
    topics: [{ slug: 'bildung-und-sprache' }, { slug: 'gleichstellung' }],
  });
  expect((await gqlOk(sg.url, '{ partner(slug: "vnb-ev") { id } }')).partner.id).toBe(id);
  expect((await gqlOk(sg.url, '{ partner(slug: "interkulturelles-frauencafe-hildesheim") { id } }')).partner).toBeNull();
  expect((await gqlOk(sg.url, '{ partner(id: "not-a-uuid") { id } }')).partner).toBeNull();
  const both = await gql(sg.url, `{ partner(id: "${id}", slug: "vnb-ev") { id } }`);
  expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('bad filter values are BAD_USER_INPUT naming the field', async () => {
  const res = await gql(sg.url, '{ partners(filter: { region: "Hannover" }) { totalCount } }');
  expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.errors?.[0].extensions?.field).toBe('region');
  const long = await gql(sg.url, 'query ($s: String) { partners(filter: { search: $s }) { totalCount } }', { s: 'x'.repeat(5000) });
  expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('_entities resolves Partner, Topic and Region keys, and not drafts', async () => {
  const draft = stableId('partner', 'interkulturelles-frauencafe-hildesheim');
  const partners = await gqlOk(sg.url, entitiesQuery('Partner', 'id slug'), {
    r: [{ __typename: 'Partner', id: stableId('partner', 'vnb-ev') }, { __typename: 'Partner', id: draft }],
  });
  expect(partners._entities).toEqual([{ id: stableId('partner', 'vnb-ev'), slug: 'vnb-ev' }, null]);
  const topics = await gqlOk(sg.url, entitiesQuery('Topic', 'slug name'), { r: [{ __typename: 'Topic', slug: 'gewaltschutz' }] });
  expect(topics._entities).toEqual([{ slug: 'gewaltschutz', name: 'Gewaltschutz' }]);
  const regions = await gqlOk(sg.url, entitiesQuery('Region', 'code name'), { r: [{ __typename: 'Region', code: '03404' }] });
  expect(regions._entities).toEqual([{ code: '03404', name: 'Osnabrück' }]);
});

test('resolving 50 partner references costs one SQL statement', async () => {
  const ids = Array.from({ length: 50 }, (_, i) => (i % 2 ? stableId('partner', 'vnb-ev') : stableId('partner', `missing-${i}`)));
  sg.counter.reset();
  const data = await gqlOk(sg.url, entitiesQuery('Partner', 'id name'), { r: ids.map((id) => ({ __typename: 'Partner', id })) });
  expect(data._entities).toHaveLength(50);
  expect(data._entities[1].name).toBe('Verein Niedersächsischer Bildungsinitiativen e.V.');
  expect(data._entities[0]).toBeNull();
  expect(sg.counter.count).toBe(1);
});

test('a page of partners with region and topics costs the same SQL for 5 and 50 partners', async () => {
  await sg.ds.getRepository(Partner).insert(
    Array.from({ length: 60 }, (_, i) => ({
      slug: `zz-test-${i}`,
      name: `ZZ Testpartner ${String(i).padStart(2, '0')}`,
      kind: PartnerKind.OTHER,
      regionCode: '03241',
      status: PublicationStatus.PUBLISHED,
    })),
  );
  const count = async (first: number) => {
    sg.counter.reset();
    await gqlOk(sg.url, `{ partners(first: ${first}) { nodes { name region { name } topics { name } } } }`);
    return sg.counter.count;
  };
  const small = await count(5);
  expect(await count(50)).toBe(small);
  expect(small).toBeLessThanOrEqual(4);
  await sg.ds.query("DELETE FROM partner WHERE slug LIKE 'zz-test-%'");
});
