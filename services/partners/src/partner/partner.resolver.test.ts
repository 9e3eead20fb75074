import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { asPrincipal, entitiesQuery, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { Partner, PartnerKind } from './partner.entity';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
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

test('_entities resolves every key of the subgraph (Partner, Topic, Region, ContactPerson, Cooperation), and not drafts', async () => {
  const draft = stableId('partner', 'interkulturelles-frauencafe-hildesheim');
  const partners = await gqlOk(sg.url, entitiesQuery('Partner', 'id slug'), {
    r: [{ __typename: 'Partner', id: stableId('partner', 'vnb-ev') }, { __typename: 'Partner', id: draft }],
  });
  expect(partners._entities).toEqual([{ id: stableId('partner', 'vnb-ev'), slug: 'vnb-ev' }, null]);
  const topics = await gqlOk(sg.url, entitiesQuery('Topic', 'slug name'), { r: [{ __typename: 'Topic', slug: 'gewaltschutz' }] });
  expect(topics._entities).toEqual([{ slug: 'gewaltschutz', name: 'Gewaltschutz' }]);
  const regions = await gqlOk(sg.url, entitiesQuery('Region', 'code name'), { r: [{ __typename: 'Region', code: '03404' }] });
  expect(regions._entities).toEqual([{ code: '03404', name: 'Osnabrück' }]);
  const contact = stableId('contact-person', 'g-mit-niedersachsen/projektleitung');
  const draftContact = stableId('contact-person', 'interkulturelles-frauencafe-hildesheim/ansprechpartnerin');
  const contacts = await gqlOk(sg.url, entitiesQuery('ContactPerson', 'id name partner { slug }'), {
    r: [{ __typename: 'ContactPerson', id: contact }, { __typename: 'ContactPerson', id: draftContact }],
  });
  expect(contacts._entities).toEqual([{ id: contact, name: 'Leyla Şahin', partner: { slug: 'g-mit-niedersachsen' } }, null]);
  const coop = stableId('cooperation', 'frauenberatung-osnabrueck/jungen-und-maennerarbeit-weser-ems');
  const draftCoop = stableId('cooperation', 'netzwerk-migrantinnen-lueneburg/interkulturelles-frauencafe-hildesheim');
  const coops = await gqlOk(sg.url, entitiesQuery('Cooperation', 'id since'), {
    r: [{ __typename: 'Cooperation', id: coop }, { __typename: 'Cooperation', id: draftCoop }],
  });
  expect(coops._entities).toEqual([{ id: coop, since: '2021-09-01' }, null]);
  // The privacy entity resolves to its (normalised) key; its fields are for coordinators (privacy/privacy.resolver.test.ts).
  const subjects = await gqlOk(sg.url, entitiesQuery('DataSubject', 'email'), { r: [{ __typename: 'DataSubject', email: ' Leyla@Beispiel.de ' }] });
  expect(subjects._entities).toEqual([{ email: 'leyla@beispiel.de' }]);
  // Every entity key the subgraph declares is covered above.
  const { _service } = await gqlOk(sg.url, '{ _service { sdl } }');
  expect([..._service.sdl.matchAll(/type (\w+)\s+@key/g)].map((m: RegExpMatchArray) => m[1]).sort()).toEqual([
    'ContactPerson',
    'Cooperation',
    'DataSubject',
    'Partner',
    'Region',
    'Topic',
  ]);
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

test('a page of partners with every nested list costs the same SQL for 10 and 100 partners', async () => {
  // 110 published partners, each with topics, two contact persons (one not public), a cooperation
  // with the next one and two news items.
  await sg.ds.query(`
    INSERT INTO partner (slug, name, kind, region_code, status, languages)
    SELECT 'zz-test-' || i, 'ZZ Testpartner ' || lpad(i::text, 3, '0'), 'OTHER', '03241', 'PUBLISHED', '{de}' FROM generate_series(1, 110) i`);
  await sg.ds.query(`
    INSERT INTO partner_topic (partner_id, topic_slug)
    SELECT p.id, t FROM partner p, unnest('{gleichstellung,gewaltschutz}'::text[]) t WHERE p.slug LIKE 'zz-test-%'`);
  await sg.ds.query(`
    INSERT INTO contact_person (partner_id, name, email, phone, is_public, email_public)
    SELECT p.id, 'Person ' || n || ' ' || p.slug, p.slug || '-' || n || '@example.org', '+49 511 000000' || n, n = 1, n = 1
      FROM partner p, generate_series(1, 2) n WHERE p.slug LIKE 'zz-test-%'`);
  await sg.ds.query(`
    INSERT INTO contact_person_topic (contact_person_id, topic_slug)
    SELECT c.id, 'gewaltschutz' FROM contact_person c JOIN partner p ON p.id = c.partner_id WHERE p.slug LIKE 'zz-test-%'`);
  await sg.ds.query(`
    INSERT INTO cooperation (partner_a_id, partner_b_id, since, description)
    SELECT least(a.id, b.id), greatest(a.id, b.id), '2024-01-01', 'Test'
      FROM partner a JOIN partner b ON b.slug = 'zz-test-' || (substring(a.slug FROM 9)::int + 1)
     WHERE a.slug LIKE 'zz-test-%'`);
  await sg.ds.query(`
    INSERT INTO news_item (partner_id, title, text, published_on)
    SELECT p.id, 'Neuigkeit ' || n, 'Text', DATE '2024-01-01' + n FROM partner p, generate_series(1, 2) n WHERE p.slug LIKE 'zz-test-%'`);

  const query = (first: number, coordinator: boolean) => `{
    partners(first: ${first}, filter: { kind: OTHER }) {
      nodes {
        name region { name } topics { name partnerCount }
        contactPersons(first: 5) { totalCount nodes { name email phone topics { slug } partner { slug } } }
        cooperations { totalCount nodes { since withPartner { name } partners { slug } } }
        news(first: 3) { totalCount nodes { title publishedOn partner { slug } } }
        ${coordinator ? 'auditLog(first: 3) { totalCount nodes { action } }' : ''}
      }
    }
  }`;
  const count = async (first: number, caller: Record<string, string>, coordinator = false) => {
    sg.counter.reset();
    const data = await gqlOk(sg.url, query(first, coordinator), {}, caller);
    expect(data.partners.nodes).toHaveLength(first);
    expect(data.partners.nodes[1].cooperations.totalCount).toBe(2);
    return sg.counter.count;
  };
  const coordinator = await asPrincipal({ role: 'COORDINATOR', subject: '00000000-0000-4000-8000-00000000c001' }, 'partners');
  for (const [caller, isCoordinator] of [[{}, false], [coordinator, true]] as const) {
    const ten = await count(10, caller, isCoordinator);
    expect(await count(100, caller, isCoordinator)).toBe(ten);
    // Two per connection (count, page), one per loader; the partner loader may run twice (different ticks).
    expect(ten).toBeLessThanOrEqual(isCoordinator ? 21 : 18);
  }
  await sg.ds.query("DELETE FROM partner WHERE slug LIKE 'zz-test-%'");
});
