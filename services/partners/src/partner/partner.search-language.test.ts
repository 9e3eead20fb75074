import { gql, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { asOk, PARTNER_A, PARTNER_B } from '../test/callers';

// The partner directory's search in the language the caller asks for (docs/languages.md, "Search").

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const SEARCH = 'query ($s: String!) { partners(filter: { search: $s }, first: 50) { totalCount nodes { id description language } } }';
const search = async (text: string, language?: string) => {
  const res = await gql(sg.url, SEARCH, { s: text }, language ? { 'accept-language': language } : {});
  expect(res.errors).toBeUndefined();
  return res.data.partners.nodes as { id: string; description: string; language: string }[];
};

test('a search in another language looks in the description translations with that language’s stemming, and still finds German partners', async () => {
  const translate = 'mutation ($id: ID!, $l: String!, $d: String!) { translatePartner(id: $id, language: $l, input: { description: $d }) { id } }';
  await asOk(sg.url, 'coordinator', translate, { id: PARTNER_A, l: 'en', d: 'Education and counselling office of the network, protecting women from violence.' });
  await asOk(sg.url, 'coordinator', translate, { id: PARTNER_A, l: 'ru', d: 'Курсы и консультации для женщин.' });

  // English stemming: "protects" finds "protecting"; the answer reads in English.
  expect(await search('protects', 'en')).toEqual([expect.objectContaining({ id: PARTNER_A, language: 'en', description: expect.stringMatching(/^Education and counselling/) })]);
  // Russian stemming: "курс" finds "Курсы".
  expect((await search('курс', 'ru')).map((p) => p.id)).toEqual([PARTNER_A]);
  // German searches do not look in translations …
  expect(await search('protects')).toEqual([]);
  // … and searches in another language still find German texts (the whole German rule: parts of compound words too).
  const german = (await search('Frauenberatung', 'en')).map((p) => p.id);
  expect(german).toContain(PARTNER_B);
  expect(german).toEqual((await search('Frauenberatung')).map((p) => p.id));
  // A language without a translation of the item: nothing extra is found, German still is.
  expect(await search('protects', 'ar')).toEqual([]);
});
