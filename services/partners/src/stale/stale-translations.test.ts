import { startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, PARTNER_A, PARTNER_B } from '../test/callers';

// Outdated translations of topics and partner profiles in the stale-data report (docs/languages.md).

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const TOPICS = '{ topicsWithOutdatedTranslations(first: 10) { totalCount nodes { topic { slug } outdatedTranslations { language field } } } }';
const PARTNERS = 'query ($after: String) { partnersWithOutdatedTranslations(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { partner { id } outdatedTranslations { language field } } } }';

test('topics and partner profiles whose German text changed after translation are listed with the outdated fields; editors see their own profile only', async () => {
  await asOk(sg.url, 'coordinator', 'mutation { translateTopic(slug: "gewaltschutz", language: "en", input: { name: "Violence protection", description: "Protection" }) { slug } }');
  for (const id of [PARTNER_A, PARTNER_B]) {
    await asOk(sg.url, 'coordinator', 'mutation ($id: ID!) { translatePartner(id: $id, language: "ar", input: { description: "وصف" }) { id } }', { id });
  }
  expect((await asOk(sg.url, 'coordinator', TOPICS)).topicsWithOutdatedTranslations.totalCount).toBe(0);
  expect((await asOk(sg.url, 'coordinator', PARTNERS)).partnersWithOutdatedTranslations.totalCount).toBe(0);

  await sg.ds.query("UPDATE topic SET description = coalesce(description, '') || ' Neu.' WHERE slug = 'gewaltschutz'");
  await sg.ds.query("UPDATE partner SET description = coalesce(description, '') || ' Neu.' WHERE id = ANY($1::uuid[])", [[PARTNER_A, PARTNER_B]]);

  expect((await asOk(sg.url, 'coordinator', TOPICS)).topicsWithOutdatedTranslations).toEqual({
    totalCount: 1,
    nodes: [{ topic: { slug: 'gewaltschutz' }, outdatedTranslations: [{ language: 'en', field: 'description' }] }],
  });
  // Coordinators page through all profiles (a Relay connection like the other lists).
  const first = (await asOk(sg.url, 'coordinator', PARTNERS)).partnersWithOutdatedTranslations;
  expect(first).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
  const second = (await asOk(sg.url, 'coordinator', PARTNERS, { after: first.pageInfo.endCursor })).partnersWithOutdatedTranslations;
  expect(second.pageInfo.hasNextPage).toBe(false);
  expect([first.nodes[0].partner.id, second.nodes[0].partner.id].sort()).toEqual([PARTNER_A, PARTNER_B].sort());
  expect(second.nodes[0].outdatedTranslations).toEqual([{ language: 'ar', field: 'description' }]);

  const own = (await asOk(sg.url, 'editorA', PARTNERS)).partnersWithOutdatedTranslations;
  expect(own).toMatchObject({ totalCount: 1, nodes: [{ partner: { id: PARTNER_A } }] });

  // Writing the translation again makes it current.
  await asOk(sg.url, 'editorA', 'mutation ($id: ID!) { translatePartner(id: $id, language: "ar", input: { description: "وصف جديد" }) { id } }', { id: PARTNER_A });
  expect((await asOk(sg.url, 'editorA', PARTNERS)).partnersWithOutdatedTranslations.totalCount).toBe(0);
  expect((await asOk(sg.url, 'coordinator', PARTNERS)).partnersWithOutdatedTranslations.totalCount).toBe(1);
});

test('topics with outdated translations are for coordinators; partner profiles for signed-in accounts', async () => {
  expect(codeOf(await as(sg.url, 'editorA', TOPICS))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'anonymous', TOPICS))).toBe('UNAUTHENTICATED');
  expect(codeOf(await as(sg.url, 'anonymous', PARTNERS))).toBe('UNAUTHENTICATED');
  expect(codeOf(await as(sg.url, 'apiKey', PARTNERS))).toBe('UNAUTHENTICATED');
});
