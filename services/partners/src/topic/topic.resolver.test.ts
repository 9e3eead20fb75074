import { stableId } from '@mitgen/subgraph-kit';
import { entitiesQuery, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, type Caller } from '../test/callers';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' });
});
afterAll(() => sg?.stop());

const CREATE = 'mutation ($i: CreateTopicInput!) { createTopic(input: $i) { slug name description version aliases } }';
const UPDATE = 'mutation ($s: String!, $i: UpdateTopicInput!) { updateTopic(slug: $s, input: $i) { slug name description version aliases } }';
const MERGE = 'mutation ($s: String!, $into: String!) { mergeTopics(source: $s, into: $into) { slug aliases partnerCount } }';
const topic = async (slug: string) => (await asOk(sg.url, 'anonymous', `{ topic(slug: "${slug}") { slug name aliases partnerCount } }`)).topic;
const partnersWith = async (slug: string) =>
  (await asOk(sg.url, 'anonymous', `{ partners(first: 100, filter: { topic: "${slug}" }) { nodes { slug } } }`)).partners.nodes.map((n: any) => n.slug).sort();

test('topics list with the number of published partners per topic', async () => {
  const { topics } = await asOk(sg.url, 'anonymous', '{ topics { totalCount nodes { slug partnerCount } } }');
  const counts = Object.fromEntries(topics.nodes.map((t: any) => [t.slug, t.partnerCount]));
  expect(counts).toMatchObject({ gleichstellung: 4, gewaltschutz: 2, empowerment: 2, arbeitsmarktintegration: 3 }); // drafts not counted
});

test('coordinators add topics; slugs come from the name, unique, and a taken slug is refused', async () => {
  const made = (await asOk(sg.url, 'coordinator', CREATE, { i: { name: 'Queere Geflüchtete & Familien' } })).createTopic;
  expect(made).toEqual({ slug: 'queere-gefluechtete-familien', name: 'Queere Geflüchtete & Familien', description: null, version: 1, aliases: [] });
  expect((await asOk(sg.url, 'coordinator', CREATE, { i: { name: 'Queere Geflüchtete – Familien' } })).createTopic.slug).toBe('queere-gefluechtete-familien-2');
  for (const [input, field] of [
    [{ name: 'Gewalt', slug: 'gewaltschutz' }, 'slug'],
    [{ name: '<i>Kursiv</i>' }, 'name'],
    [{ name: 'x'.repeat(121) }, 'name'],
    [{ name: 'Gut', slug: 'Schlecht!' }, 'slug'],
  ] as const) {
    const res = await as(sg.url, 'coordinator', CREATE, { i: input });
    expect([codeOf(res), res.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
  }
  for (const caller of ['editorA', 'editorB'] as Caller[]) expect(codeOf(await as(sg.url, caller, CREATE, { i: { name: 'Nein' } }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'anonymous', CREATE, { i: { name: 'Nein' } }))).toBe('UNAUTHENTICATED');
});

test('renaming a topic keeps its slug; a new slug keeps the old one as an alias everywhere', async () => {
  const renamed = (await asOk(sg.url, 'coordinator', UPDATE, { s: 'bildung-und-sprache', i: { version: 1, name: 'Bildung, Sprache und Beruf' } })).updateTopic;
  expect(renamed).toMatchObject({ slug: 'bildung-und-sprache', name: 'Bildung, Sprache und Beruf', version: 2 });
  const before = await partnersWith('bildung-und-sprache');

  const moved = (await asOk(sg.url, 'coordinator', UPDATE, { s: 'bildung-und-sprache', i: { version: 2, slug: 'bildung-sprache-beruf' } })).updateTopic;
  expect(moved).toMatchObject({ slug: 'bildung-sprache-beruf', aliases: ['bildung-und-sprache'], version: 3 });
  // References held by other services (by the old slug) still resolve, to the current topic.
  expect(await topic('bildung-und-sprache')).toMatchObject({ slug: 'bildung-sprache-beruf', name: 'Bildung, Sprache und Beruf' });
  const entities = await asOk(sg.url, 'anonymous', entitiesQuery('Topic', 'slug name'), {
    r: [{ __typename: 'Topic', slug: 'bildung-und-sprache' }, { __typename: 'Topic', slug: 'bildung-sprache-beruf' }, { __typename: 'Topic', slug: 'nie-gesehen' }],
  });
  expect(entities._entities).toEqual([
    { slug: 'bildung-sprache-beruf', name: 'Bildung, Sprache und Beruf' },
    { slug: 'bildung-sprache-beruf', name: 'Bildung, Sprache und Beruf' },
    null,
  ]);
  expect(await partnersWith('bildung-und-sprache')).toEqual(before);
  expect(await partnersWith('bildung-sprache-beruf')).toEqual(before);
  const vnb = await asOk(sg.url, 'anonymous', '{ partner(slug: "vnb-ev") { topics { slug } } }');
  expect(vnb.partner.topics.map((t: any) => t.slug)).toContain('bildung-sprache-beruf');
  // Old slugs are accepted where topics are given, and mean the current topic.
  const contact = await asOk(sg.url, 'coordinator', 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { topics { slug } } }', {
    i: { partnerId: stableId('partner', 'vnb-ev'), name: 'Tom Berger', topics: ['bildung-und-sprache'] },
  });
  expect(contact.createContactPerson.topics).toEqual([{ slug: 'bildung-sprache-beruf' }]);

  // A stale version conflicts; an old slug of another topic cannot be taken; its own can be taken back.
  expect(codeOf(await as(sg.url, 'coordinator', UPDATE, { s: 'bildung-sprache-beruf', i: { version: 2, name: 'Alt' } }))).toBe('CONFLICT');
  const taken = await as(sg.url, 'coordinator', UPDATE, { s: 'empowerment', i: { version: 1, slug: 'bildung-und-sprache' } });
  expect([codeOf(taken), taken.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'slug']);
  const back = (await asOk(sg.url, 'coordinator', UPDATE, { s: 'bildung-und-sprache', i: { version: 3, slug: 'bildung-und-sprache' } })).updateTopic;
  expect(back).toMatchObject({ slug: 'bildung-und-sprache', aliases: ['bildung-sprache-beruf'] });
  expect(codeOf(await as(sg.url, 'editorA', UPDATE, { s: 'empowerment', i: { version: 1, name: 'x' } }))).toBe('FORBIDDEN');
  expect(codeOf(await as(sg.url, 'coordinator', UPDATE, { s: 'gibt-es-nicht', i: { version: 1, name: 'x' } }))).toBe('NOT_FOUND');
});

test('merging topics moves partners and contact persons, and every old slug resolves to the remaining topic', async () => {
  const gewalt = await partnersWith('gewaltschutz');
  const familie = await partnersWith('gesundheit-und-familie');
  const merged = (await asOk(sg.url, 'coordinator', MERGE, { s: 'gesundheit-und-familie', into: 'gewaltschutz' })).mergeTopics;
  expect(merged.slug).toBe('gewaltschutz');
  expect(merged.aliases).toEqual(['gesundheit-und-familie']);
  expect(await partnersWith('gewaltschutz')).toEqual([...new Set([...gewalt, ...familie])].sort());
  expect(merged.partnerCount).toBe(new Set([...gewalt, ...familie]).size);
  expect(await topic('gesundheit-und-familie')).toMatchObject({ slug: 'gewaltschutz' });
  const { topics } = await asOk(sg.url, 'anonymous', '{ topics { nodes { slug } } }');
  expect(topics.nodes.map((t: any) => t.slug)).not.toContain('gesundheit-und-familie');
  // Katrin Vogel had both topics: she keeps one, not two.
  const vogel = stableId('contact-person', 'frauenberatung-osnabrueck/gruppenangebote');
  const { contactPerson } = await asOk(sg.url, 'coordinator', `{ contactPerson(id: "${vogel}") { topics { slug } } }`);
  expect(contactPerson.topics).toEqual([{ slug: 'gewaltschutz' }]);

  // A chain: rename, then merge; both old slugs end at the last topic.
  await asOk(sg.url, 'coordinator', UPDATE, { s: 'antidiskriminierung', i: { version: 1, slug: 'rassismuskritik' } });
  await asOk(sg.url, 'coordinator', MERGE, { s: 'rassismuskritik', into: 'gleichstellung' });
  for (const old of ['antidiskriminierung', 'rassismuskritik']) expect((await topic(old)).slug).toBe('gleichstellung');
  expect((await topic('gleichstellung')).aliases).toEqual(['antidiskriminierung', 'rassismuskritik']);

  const self = await as(sg.url, 'coordinator', MERGE, { s: 'rassismuskritik', into: 'gleichstellung' });
  expect([codeOf(self), self.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'into']);
  const unknown = await as(sg.url, 'coordinator', MERGE, { s: 'gibt-es-nicht', into: 'gleichstellung' });
  expect([codeOf(unknown), unknown.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'source']);
  expect(codeOf(await as(sg.url, 'editorA', MERGE, { s: 'empowerment', into: 'gleichstellung' }))).toBe('FORBIDDEN');

  const { topic: log } = await asOk(sg.url, 'coordinator', '{ topic(slug: "gleichstellung") { auditLog { nodes { action entityId changes } } } }');
  const entries = log.auditLog.nodes.map((n: any) => `${n.action} ${n.entityId}`);
  // Both merge entries come from one transaction (same time): their order among themselves is open.
  expect(entries.slice(0, 2).sort()).toEqual(['MERGE gleichstellung', 'MERGE rassismuskritik']);
  expect(entries.slice(2)).toEqual(['UPDATE rassismuskritik']);
  expect(codeOf(await as(sg.url, 'editorA', '{ topic(slug: "gleichstellung") { auditLog { totalCount } } }'))).toBe('FORBIDDEN');
});

test('every topic has a stable id: demo topics derived from their slug, new ones a UUID; it stays through slug changes and old slugs', async () => {
  const { topics } = await asOk(sg.url, 'anonymous', '{ topics { nodes { id slug } } }');
  const ids = topics.nodes.map((t: any) => t.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(topics.nodes.find((t: any) => t.slug === 'maenner-und-jungenarbeit').id).toBe(stableId('topic', 'maenner-und-jungenarbeit'));
  const made = (await asOk(sg.url, 'coordinator', 'mutation { createTopic(input: { name: "Wohnen" }) { id slug version } }')).createTopic;
  expect(made.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(made.version).toBe(1);
  const id = stableId('topic', 'maenner-und-jungenarbeit');
  const moved = (await asOk(sg.url, 'coordinator', 'mutation { updateTopic(slug: "maenner-und-jungenarbeit", input: { version: 1, slug: "jungen-und-maennerarbeit" }) { id slug } }')).updateTopic;
  expect(moved).toEqual({ id, slug: 'jungen-und-maennerarbeit' });
  expect((await asOk(sg.url, 'anonymous', '{ topic(slug: "maenner-und-jungenarbeit") { id } }')).topic.id).toBe(id);
  const { _entities } = await asOk(sg.url, 'anonymous', entitiesQuery('Topic', 'id slug'), { r: [{ __typename: 'Topic', slug: 'maenner-und-jungenarbeit' }] });
  expect(_entities).toEqual([{ id, slug: 'jungen-und-maennerarbeit' }]);
  // A merge keeps the id of the topic that stays.
  const merged = (await asOk(sg.url, 'coordinator', `mutation { mergeTopics(source: "${made.slug}", into: "jungen-und-maennerarbeit") { id } }`)).mergeTopics;
  expect(merged.id).toBe(id);
});
