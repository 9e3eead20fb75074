import { stableId } from '@mitgen/subgraph-kit';
import { entitiesQuery, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { z } from 'zod';
import { partnersSubgraph } from '../subgraph';

// Partner.jsonLd: schema.org Organization for every public partner.

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const organization = z
  .object({
    '@context': z.literal('https://schema.org'),
    '@type': z.literal('Organization'),
    '@id': z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/),
    name: z.string().min(1),
    alternateName: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    url: z.string().url().optional(),
    email: z.string().email().optional(),
    telephone: z.string().min(3).optional(),
    logo: z.string().url().optional(),
    address: z
      .object({
        '@type': z.literal('PostalAddress'),
        streetAddress: z.string().optional(),
        postalCode: z.string().regex(/^\d{5}$/).optional(),
        addressLocality: z.string().optional(),
        addressRegion: z.literal('Niedersachsen'),
        addressCountry: z.literal('DE'),
      })
      .strict()
      .optional(),
    areaServed: z.object({ '@type': z.literal('AdministrativeArea'), name: z.string().min(1) }).strict().optional(),
    knowsLanguage: z.array(z.string().regex(/^[a-z]{2}$/)).min(1).optional(),
    knowsAbout: z.array(z.string().min(1)).min(1).optional(),
    memberOf: z.object({ '@type': z.literal('Organization'), name: z.string().startsWith('MitGeN'), alternateName: z.literal('MitGeN') }).strict(),
  })
  .strict();

test('every published partner is a schema.org Organization carrying its profile', async () => {
  const res = await gql(sg.url, '{ partners(first: 100) { nodes { id name shortName website email phone city languages region { name } topics { name } jsonLd } } }');
  expect(res.errors).toBeUndefined();
  expect(res.headers.get('cache-control')).toBe('max-age=60, public');
  const nodes = res.data.partners.nodes as any[];
  expect(nodes.length).toBeGreaterThanOrEqual(3);
  for (const p of nodes) {
    const ld = organization.parse(p.jsonLd);
    expect(ld).toMatchObject({ '@id': `urn:uuid:${p.id}`, name: p.name });
    expect(ld.alternateName).toBe(p.shortName ?? undefined);
    expect(ld.url).toBe(p.website ?? undefined);
    expect(ld.email).toBe(p.email ?? undefined);
    expect(ld.telephone).toBe(p.phone ?? undefined);
    expect(ld.address?.addressLocality).toBe(p.city ?? undefined);
    expect(ld.areaServed?.name).toBe(p.region?.name);
    expect(ld.knowsLanguage ?? []).toEqual(p.languages);
    expect(ld.knowsAbout ?? []).toEqual(p.topics.map((t: { name: string }) => t.name));
  }
  const gmit = nodes.find((p) => p.id === stableId('partner', 'g-mit-niedersachsen'))!.jsonLd;
  expect(gmit.address).toMatchObject({ addressLocality: 'Hannover', addressCountry: 'DE' });
});

test('jsonLd of a partner the events service names as organiser resolves through _entities', async () => {
  const id = stableId('partner', 'g-mit-niedersachsen');
  const data = await gqlOk(sg.url, entitiesQuery('Partner', 'jsonLd'), { r: [{ __typename: 'Partner', id }] });
  expect(data._entities[0].jsonLd).toMatchObject({ '@type': 'Organization', '@id': `urn:uuid:${id}` });
});
