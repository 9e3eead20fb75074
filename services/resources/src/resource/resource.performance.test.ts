import { gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { explainResources, insertBenchResources, insertBenchTranslations } from '../bench/bench-data';
import { resourcesSubgraph } from '../subgraph';
import { demoLookup } from '../test/fake-lookup';
import { ResourceSort } from './resource.input';

// Constant SQL per request as the pool grows, and a search over 5,000 resources that reads the
// full-text index (the plan is PostgreSQL's own answer, not a guess).

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph({ ...resourcesSubgraph, prepare: () => ({ lookup: demoLookup() }) });
});
afterAll(() => sg?.stop());

test('a page of 50 with provider, contacts, topics and regions costs the same SQL statements for 10 or 1,000 resources', async () => {
  const page = `query ($f: ResourceFilter, $sort: ResourceSort) { resources(filter: $f, sort: $sort, first: 50) {
    totalCount nodes { title provider { id } contacts { id } topics { slug } regions { code } } } }`;
  const statements = async (filter: Record<string, unknown>, sort?: string) => {
    sg.counter.reset();
    const { resources } = await gqlOk(sg.url, page, { f: filter, sort });
    expect(resources.nodes.length).toBe(Math.min(50, resources.totalCount));
    expect(resources.nodes.every((n: any) => n.provider.id && n.contacts.length === 2)).toBe(true);
    return sg.counter.count;
  };
  await insertBenchResources(sg.ds, 10, { seed: 1, contactsPerResource: 2 });
  const small = [await statements({}), await statements({ search: 'Beratung' }), await statements({ region: '03404' }, 'NEWEST')];
  await insertBenchResources(sg.ds, 990, { seed: 2, contactsPerResource: 2 });
  const large = [await statements({}), await statements({ search: 'Beratung' }), await statements({ region: '03404' }, 'NEWEST')];
  expect(large).toEqual(small);
  expect(Math.max(...small)).toBeLessThanOrEqual(2); // the count and the page
  await sg.ds.query('DELETE FROM resource');
});

test('a search over 5,000 resources reads the full-text index, for the page and for the count', async () => {
  await insertBenchResources(sg.ds, 5000, { seed: 3 });
  await sg.ds.query('ANALYZE resource');
  for (const [filter, sort] of [
    [{ search: 'Sprechstunde Goslar' }, ResourceSort.RELEVANCE],
    [{ search: '"häuslicher Gewalt" -Telefonberatung', region: '03404' }, ResourceSort.RELEVANCE],
    [{ search: 'Beratungsstellen Aurich', currentOnly: true }, ResourceSort.NEWEST],
  ] as const) {
    const plan = await explainResources(sg.ds, filter, sort);
    expect(plan.page).toMatch(/Bitmap Index Scan on resource_search_idx/);
    expect(plan.count).toMatch(/Bitmap Index Scan on resource_search_idx/);
    expect(plan.page).not.toMatch(/Seq Scan/);
  }
  await sg.ds.query('DELETE FROM resource');
});

test('a search in another language over 5,000 resources (a third translated into each of three languages) reads both full-text indexes, the German one and the translations\u2019 one', async () => {
  const ids = await insertBenchResources(sg.ds, 5000, { seed: 4 });
  // A third of the pool in English, Arabic and Ukrainian each (title, summary, body).
  let translated = 0;
  for (const [i, language] of ['en', 'ar', 'uk'].entries()) translated += await insertBenchTranslations(sg.ds, ids, { seed: 4 + i, share: 1 / 3, language });
  expect(translated).toBeGreaterThan(12_000);
  await sg.ds.query('ANALYZE resource; ANALYZE resource_translation');
  for (const [filter, sort] of [
    [{ search: 'violence Goslar' }, ResourceSort.RELEVANCE],
    [{ search: 'Sprechstunde Goslar' }, ResourceSort.RELEVANCE],
    [{ search: 'pregnancy Aurich', currentOnly: true }, ResourceSort.NEWEST],
  ] as const) {
    const plan = await explainResources(sg.ds, filter, sort, 50, 'en');
    for (const part of [plan.page, plan.count]) {
      expect(part).toMatch(/Bitmap Index Scan on resource_search_idx/);
      expect(part).toMatch(/Bitmap Index Scan on resource_translation_search_idx/);
      expect(part).not.toMatch(/Seq Scan/);
    }
  }
  await sg.ds.query('DELETE FROM resource');
}, 180_000);
