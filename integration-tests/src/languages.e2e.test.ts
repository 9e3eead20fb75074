import { stableId } from '@mitgen/subgraph-kit';
import { gql, gqlOk } from '@mitgen/test-kit';
import { setUpCallers, type Callers } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// Languages through the gateway (docs/languages.md): the client's Accept-Language reaches the
// subgraphs, and the gateway's response cache keeps one answer per language.

let stack: TestStack;
let callers: Callers;
beforeAll(async () => {
  stack = await startStack({ RESPONSE_CACHE_ENABLED: 'true', CACHE_MAX_AGE_SECONDS: '30' });
  callers = await setUpCallers(stack.url, '-languages');
});
afterAll(() => stack?.stop());

const counselling = stableId('resource', 'Mehrsprachige Beratung bei häuslicher Gewalt');
const QUERY = `query ($id: ID!) { resource(id: $id) { title language availableLanguages direction provider { name } } }`;

test('Accept-Language through the gateway: the seeded Arabic translation, right to left; German for other callers from the same cache', async () => {
  const ar = await gql(stack.url, QUERY, { id: counselling }, { 'accept-language': 'ar' });
  expect(ar.errors).toBeUndefined();
  expect(ar.data.resource).toMatchObject({ title: 'استشارة متعددة اللغات في حالات العنف المنزلي', language: 'ar', direction: 'RTL', availableLanguages: ['de', 'ar', 'uk'] });
  expect(ar.headers.get('vary')).toMatch(/accept-language/);
  for (const header of [{}, { 'accept-language': 'de-DE' }, { 'accept-language': '???' }] as Record<string, string>[]) {
    const de = await gqlOk(stack.url, QUERY, { id: counselling }, header);
    expect(de.resource).toMatchObject({ title: 'Mehrsprachige Beratung bei häuslicher Gewalt', language: 'de', direction: 'LTR' });
  }
  const uk = await gqlOk(stack.url, QUERY, { id: counselling }, { 'accept-language': 'uk-UA,uk;q=0.9' });
  expect(uk.resource).toMatchObject({ title: 'Багатомовна консультація у разі домашнього насильства', language: 'uk' });
});

test('an unknown language argument is BAD_USER_INPUT through the gateway', async () => {
  const res = await gql(stack.url, '{ resources(language: "klingon") { totalCount } }', {}, callers.headers.coordinator);
  expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.errors?.[0].message).toMatch(/de, en, ar, fa, tr, uk, ru, ku/);
});
