import type { GraphClient } from '@mitgen/subgraph-kit';
import { TestClock } from '../test/fake-lookup';
import { graphDirectory } from './hsds.directory';

// The directory's requests to the graph: few, whatever an importer reads (the gateway's anonymous
// rate limit counts them against the resources service's address).

const partner = (id: string, name: string) => ({
  id,
  name,
  shortName: null,
  description: '',
  website: null,
  email: null,
  phone: null,
  logoUrl: null,
  street: null,
  postalCode: null,
  city: null,
  region: null,
  languages: [],
  topics: [{ slug: 'gewaltschutz' }],
});
const A = '00000000-0000-4000-8000-00000000000a';
const ARCHIVED = '00000000-0000-4000-8000-0000000000ac';

function fakeGraph() {
  const asked: string[] = [];
  const graph = {
    async query(query: string, variables: Record<string, unknown>) {
      const name = /query (\w+)/.exec(query)![1];
      asked.push(name);
      if (name === 'HsdsList' && query.includes('partners(')) return { partners: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [partner(A, 'A')] } };
      if (name === 'HsdsPartners') return Object.fromEntries(Object.entries(variables).map(([k, id]) => [k, id === ARCHIVED ? partner(ARCHIVED, 'Archiviert') : null]));
      if (name === 'HsdsContacts') return { contactPersonLookup: (variables.ids as string[]).map(() => null) };
      throw new Error(`unexpected ${name}`);
    },
  };
  return { graph: graph as unknown as GraphClient, asked };
}

test('published partners come from the cached list, others one by one, each reused for a minute', async () => {
  const clock = new TestClock(new Date('2026-03-01T10:00:00Z'));
  const { graph, asked } = fakeGraph();
  const dir = graphDirectory(graph, clock);
  const first = await dir.partners([A, ARCHIVED, A], false);
  expect(first.get(A)?.name).toBe('A');
  expect(first.get(ARCHIVED)?.name).toBe('Archiviert');
  expect(first.get(A)?.topics).toEqual(['gewaltschutz']);
  expect(asked).toEqual(['HsdsList', 'HsdsPartners']);
  await dir.partners([A, ARCHIVED], false);
  await dir.contacts(['00000000-0000-4000-8000-0000000000c1']);
  await dir.contacts(['00000000-0000-4000-8000-0000000000c1']);
  expect(asked).toEqual(['HsdsList', 'HsdsPartners', 'HsdsContacts']);
  clock.set('2026-03-01T10:01:00Z');
  await dir.partners([A, ARCHIVED], false);
  expect(asked).toEqual(['HsdsList', 'HsdsPartners', 'HsdsContacts', 'HsdsList', 'HsdsPartners']);
});

test('a failed list is not kept: the next call asks again', async () => {
  const clock = new TestClock(new Date('2026-03-01T10:00:00Z'));
  let fail = true;
  const asked: string[] = [];
  const graph = {
    async query() {
      asked.push('topics');
      if (fail) throw new Error('down');
      return { topics: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ slug: 'gewaltschutz', name: 'Gewaltschutz', description: null }] } };
    },
  } as unknown as GraphClient;
  const dir = graphDirectory(graph, clock);
  await expect(dir.topics()).rejects.toThrow('down');
  fail = false;
  expect(await dir.topics()).toHaveLength(1);
  expect(asked).toHaveLength(2);
});
