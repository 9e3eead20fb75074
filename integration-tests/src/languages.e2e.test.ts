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

test('a language coordinators add is accepted by another service and keyed by the gateway after their refresh; removed, it reads German again', async () => {
  const coordinator = callers.headers.coordinator;
  const list = await gqlOk(stack.url, 'mutation { addContentLanguage(code: "ti") { code } }', {}, coordinator);
  expect(list.addContentLanguage.map((l: { code: string }) => l.code)).toContain('ti');
  for (const caller of ['editorA', 'anonymous'] as const) {
    const refused = await gql(stack.url, 'mutation { addContentLanguage(code: "so") { code } }', {}, callers.headers[caller]);
    expect(refused.errors?.[0].extensions?.code).toBe(caller === 'editorA' ? 'FORBIDDEN' : 'UNAUTHENTICATED');
  }
  const removeGerman = await gql(stack.url, 'mutation { removeContentLanguage(code: "de") { code } }', {}, coordinator);
  expect(removeGerman.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

  // The resources service still has its earlier snapshot (the stack refreshes on demand only) …
  const TI = '{ resources(first: 1, language: "ti") { totalCount } }';
  expect((await gql(stack.url, TI, {}, coordinator)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  // … and after its refresh (through the graph) it accepts the new language.
  expect(await stack.subgraphs.resources.languages.refresh()).toBe(true);
  expect(stack.subgraphs.resources.languages.codes).toContain('ti');
  expect((await gqlOk(stack.url, TI, {}, coordinator)).resources.totalCount).toBeGreaterThan(0);
  await gqlOk(stack.url, 'mutation ($id: ID!) { translateResource(id: $id, language: "ti", input: { title: "ምኽሪ ብብዙሕ ቋንቋታት" }) { id } }', { id: counselling }, coordinator);

  // The gateway keys its cache by the new language once its own snapshot has it.
  expect(await stack.gateway.languages.refresh()).toBe(true);
  await gqlOk(stack.url, QUERY, { id: counselling }, { 'accept-language': 'de' });
  const ti = await gqlOk(stack.url, QUERY, { id: counselling }, { 'accept-language': 'ti' });
  expect(ti.resource).toMatchObject({ title: 'ምኽሪ ብብዙሕ ቋንቋታት', language: 'ti', direction: 'LTR', availableLanguages: ['de', 'ar', 'uk', 'ti'] });

  await gqlOk(stack.url, 'mutation { removeContentLanguage(code: "ti") { code } }', {}, coordinator);
  await stack.subgraphs.resources.languages.refresh();
  await stack.gateway.languages.refresh();
  expect(stack.gateway.languages.codes).not.toContain('ti');
  const back = await gqlOk(stack.url, QUERY, { id: counselling }, { 'accept-language': 'ti' });
  // (Cached German answers may still list it in `availableLanguages` until they expire.)
  expect(back.resource).toMatchObject({ title: 'Mehrsprachige Beratung bei häuslicher Gewalt', language: 'de' });
});
