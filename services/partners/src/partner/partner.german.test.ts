import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { asPrincipal, entitiesQuery, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { ContactPerson } from '../contact-person/contact-person.entity';
import { Cooperation } from '../cooperation/cooperation.entity';
import { partnersSubgraph } from '../subgraph';
import { Topic } from '../topic/topic.entity';
import { Partner, PartnerKind, PartnerTopic } from './partner.entity';

// German text as people type it (issue 16) in the partners service: the directory search with and
// without umlauts and with parts of compound words, and every list by name in German order, also
// across pages (the keyset cursors compare in the same order as the list is sorted).

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph); // no demo data: the fixtures are this file's
});
afterAll(() => sg?.stop());
beforeEach(async () => {
  await sg.ds.query('DELETE FROM cooperation');
  await sg.ds.query('DELETE FROM contact_person');
  await sg.ds.query('DELETE FROM partner');
  await sg.ds.query('DELETE FROM topic');
});

async function addPartner(name: string, fields: Partial<Partner> = {}): Promise<Partner> {
  const slug = stableId('partner', name).slice(0, 8) + '-' + name.length;
  return sg.ds.getRepository(Partner).save(
    sg.ds.getRepository(Partner).create({ slug, name, kind: PartnerKind.OTHER, status: PublicationStatus.PUBLISHED, ...fields }),
  );
}

/** All items of a connection, page by page with `first`, following `endCursor`. */
async function allPages(first: number, page: (first: number, after: string | null) => Promise<any>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const connection = await page(first, after);
    seen.push(...connection.nodes.map((n: any) => n.name ?? n.withPartner?.name));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return seen;
}

const PAGE = 'pageInfo { hasNextPage endCursor }';
const GERMAN = ['Arbeit und Leben', 'Ärztinnenbund', 'Goslar', 'Göttingen', 'Grafschaft Bentheim', 'Olga', 'Özlem', 'Paul', 'Über den Tellerrand', 'Zeven'];

describe('German alphabetical order', () => {
  test('regions(first: 100) lists Goslar, Göttingen, Grafschaft Bentheim, and pages join up across them', async () => {
    const q = `query ($first: Int!, $after: String) { regions(first: $first, after: $after) { ${PAGE} nodes { name } } }`;
    const names = await allPages(100, async (first, after) => (await gqlOk(sg.url, q, { first, after })).regions);
    const at = names.indexOf('Goslar');
    expect(names.slice(at, at + 3)).toEqual(['Goslar', 'Göttingen', 'Grafschaft Bentheim']);
    expect(names.indexOf('Osnabrück')).toBeLessThan(names.indexOf('Osterholz'));
    for (const first of [1, 2, 3, 7]) expect(await allPages(first, async (f, after) => (await gqlOk(sg.url, q, { first: f, after })).regions)).toEqual(names);
  });

  test('topics sort by name in German order, across pages', async () => {
    for (const [i, name] of [...GERMAN].reverse().entries()) await sg.ds.getRepository(Topic).insert({ slug: `topic-${i}`, name });
    const q = `query ($first: Int!, $after: String) { topics(first: $first, after: $after) { ${PAGE} nodes { name } } }`;
    for (const first of [2, 3, 100]) expect(await allPages(first, async (f, after) => (await gqlOk(sg.url, q, { first: f, after })).topics)).toEqual(GERMAN);
    // Partner.topics: the same order.
    const partner = await addPartner('Träger');
    await sg.ds.getRepository(PartnerTopic).insert(GERMAN.map((_, i) => ({ partnerId: partner.id, topicSlug: `topic-${i}` })));
    const { partner: found } = await gqlOk(sg.url, `{ partner(id: "${partner.id}") { topics { name } } }`);
    expect(found.topics.map((t: any) => t.name)).toEqual(GERMAN);
  });

  test('partners sort by name in German order, across pages', async () => {
    for (const name of [...GERMAN].reverse()) await addPartner(name);
    const q = `query ($first: Int!, $after: String) { partners(first: $first, after: $after) { ${PAGE} nodes { name } } }`;
    for (const first of [2, 3, 100]) expect(await allPages(first, async (f, after) => (await gqlOk(sg.url, q, { first: f, after })).partners)).toEqual(GERMAN);
  });

  test('contact persons (the directory and Partner.contactPersons) sort by name in German order, across pages', async () => {
    const partner = await addPartner('Träger');
    for (const name of [...GERMAN].reverse()) await sg.ds.getRepository(ContactPerson).insert({ partnerId: partner.id, name, isPublic: true });
    const q = `query ($first: Int!, $after: String) { contactPersons(first: $first, after: $after) { ${PAGE} nodes { name } } }`;
    for (const first of [3, 100]) expect(await allPages(first, async (f, after) => (await gqlOk(sg.url, q, { first: f, after })).contactPersons)).toEqual(GERMAN);
    const nested = entitiesQuery('Partner', `contactPersons(first: $first, after: $after) { ${PAGE} nodes { name } }`).replace(
      'query ($r: [_Any!]!)',
      'query ($r: [_Any!]!, $first: Int!, $after: String)',
    );
    const r = [{ __typename: 'Partner', id: partner.id }];
    for (const first of [3, 100]) expect(await allPages(first, async (f, after) => (await gqlOk(sg.url, nested, { r, first: f, after }))._entities[0].contactPersons)).toEqual(GERMAN);
  });

  test('Partner.cooperations sort by the other partner’s name in German order, across pages', async () => {
    const own = await addPartner('Eigener Träger');
    for (const name of [...GERMAN].reverse()) {
      const other = await addPartner(name);
      const [partnerAId, partnerBId] = [own.id, other.id].sort();
      await sg.ds.getRepository(Cooperation).insert({ partnerAId, partnerBId });
    }
    const q = `query ($first: Int!, $after: String) { partner(id: "${own.id}") { cooperations(first: $first, after: $after) { ${PAGE} nodes { withPartner { name } } } } }`;
    for (const first of [3, 100]) expect(await allPages(first, async (f, after) => (await gqlOk(sg.url, q, { first: f, after })).partner.cooperations)).toEqual(GERMAN);
  });

  test('the data subject’s contact-person entries sort by name in German order', async () => {
    const partner = await addPartner('Träger');
    for (const name of [...GERMAN].reverse()) await sg.ds.getRepository(ContactPerson).insert({ partnerId: partner.id, name, email: 'same@example.org' });
    const coordinator = await asPrincipal({ role: 'COORDINATOR', subject: stableId('account', 'c') }, 'partners');
    const q = '{ dataSubject(email: "same@example.org") { contactPersons(first: 100) { nodes { name } } } }';
    const { dataSubject } = await gqlOk(sg.url, q, {}, coordinator);
    expect(dataSubject.contactPersons.nodes.map((n: any) => n.name)).toEqual(GERMAN);
  });
});

describe('German search finds what people type', () => {
  const q = `query ($s: String, $first: Int = 50, $after: String) { partners(filter: { search: $s }, first: $first, after: $after) { ${PAGE} nodes { name } } }`;
  const found = async (s: string) => (await gqlOk(sg.url, q, { s })).partners.nodes.map((n: any) => n.name);

  test('"Fluechtlinge" finds "Flüchtlinge" and the other way round', async () => {
    await addPartner('Beratung für Flüchtlinge');
    await addPartner('Sprachcafé', { description: 'Treffpunkt fuer Gefluechtete an der Großen Straße' });
    await addPartner('Gleichstellungsbüro');
    expect(await found('Fluechtlinge')).toEqual(['Beratung für Flüchtlinge']);
    expect(await found('Geflüchtete')).toEqual(['Sprachcafé']);
    expect(await found('grosse strasse')).toEqual(['Sprachcafé']);
    expect(await found('Gleichstellungsbuero')).toEqual(['Gleichstellungsbüro']);
  });

  test('"Schutz" finds "Gewaltschutz", below whole-word matches (each group by name), across pages', async () => {
    await addPartner('Arbeitskreis Gewaltschutz');
    await addPartner('Zentrum für Schutz und Beratung');
    await addPartner('Beratungsstelle', { description: 'Schutz vor Gewalt' });
    await addPartner('Frauenhaus', { description: 'Ein Schutzraum' });
    await addPartner('Sprachcafé');
    const expected = ['Beratungsstelle', 'Zentrum für Schutz und Beratung', 'Arbeitskreis Gewaltschutz', 'Frauenhaus'];
    expect(await found('Schutz')).toEqual(expected);
    for (const first of [1, 3]) expect(await allPages(first, async (f, after) => (await gqlOk(sg.url, q, { s: 'Schutz', first: f, after })).partners)).toEqual(expected);
  });

  test('a cursor of the list without search, or a forged one, is BAD_USER_INPUT naming `after`', async () => {
    await addPartner('Arbeitskreis Gewaltschutz');
    await addPartner('Zentrum für Schutz');
    const { partners } = await gqlOk(sg.url, q, { first: 1 });
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const after of [partners.pageInfo.endCursor, forged(['x', 'Zentrum', stableId('partner', 'x')]), forged([1, 'Zentrum', 'not-a-uuid'])]) {
      const res = await gql(sg.url, q, { s: 'Schutz', first: 1, after });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});
