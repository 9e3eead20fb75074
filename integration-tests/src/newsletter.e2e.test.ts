import { stableId } from '@mitgen/subgraph-kit';
import { gql, gqlOk } from '@mitgen/test-kit';
import { coordinatorToken } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// The newsletter with the whole graph: editions render events, resources and partners read through
// the gateway; sign-ups through the gateway keep the client's address and user agent as consent proof.

let stack: TestStack;
let coordinator: Record<string, string>;
beforeAll(async () => {
  stack = await startStack();
  // The newsletter service reads the graph through the gateway, whose URL exists only now.
  stack.subgraphs.newsletter.services.graph.url = stack.url;
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
});
afterAll(() => stack?.stop());

const EVENT = stableId('event', 'fachtag-2019');
const RESOURCE = stableId('resource', 'Sprachcafé für Frauen');
const PARTNER = stableId('partner', 'frauenberatung-osnabrueck');

test('an edition with items from three services renders through the gateway to HTML and text', async () => {
  const { createNewsletterEdition: e } = await gqlOk(
    stack.url,
    'mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }',
    {
      i: {
        title: 'Rückblick & Ausblick',
        intro: 'Liebe Leser*innen,\n\nein Blick zurück auf den Fachtag.',
        items: [
          { kind: 'EVENT', id: EVENT },
          { kind: 'RESOURCE', id: RESOURCE, text: 'Neu im Ressourcenpool.' },
          { kind: 'PARTNER', id: PARTNER },
          { kind: 'TEXT', title: 'In eigener Sache', text: 'Wir suchen Beiträge.' },
        ],
        audienceTopics: ['gewaltschutz'],
      },
    },
    coordinator,
  );
  const { newsletterEdition } = await gqlOk(
    stack.url,
    `query ($id: ID!) { newsletterEdition(id: $id) {
        audienceTopics { name }
        items { kind event { title organizers { name } } resource { title provider { name } } partner { name } }
        preview { subject html text problems } } }`,
    { id: e.id },
    coordinator,
  );
  // The item references resolve through the gateway like any other reference.
  expect(newsletterEdition.audienceTopics).toEqual([{ name: 'Gewaltschutz' }]);
  expect(newsletterEdition.items[0].event.title).toMatch(/^Geschlechtergleichstellung im gesellschaftlichen Wandel/);
  expect(newsletterEdition.items[1].resource).toEqual({ title: 'Sprachcafé für Frauen', provider: expect.objectContaining({ name: expect.any(String) }) });
  const partnerName: string = newsletterEdition.items[2].partner.name;
  expect(partnerName).toMatch(/Osnabrück/);

  const p = newsletterEdition.preview;
  expect(p.problems).toEqual([]);
  expect(p.subject).toBe('MitGeN-Newsletter: Rückblick & Ausblick');
  expect(p.html).toContain('Rückblick &amp; Ausblick');
  expect(p.html).toContain('Do., 12. September 2019, 10:00–16:30 Uhr · Kulturzentrum Pavillon, Hannover');
  expect(p.html).toContain('Sprachcafé für Frauen');
  expect(p.html).toContain(partnerName);
  expect(p.text).toContain(`— Netzwerkpartner*in —\n${partnerName}`);
  expect(p.text).toContain('In eigener Sache\nWir suchen Beiträge.');
});

test('an edition with more items than the gateway lets an anonymous caller alias still renders', async () => {
  // 20 reference items: more aliased fields than MAX_ALIASES (15), which applies to the service's reads.
  const items = Array.from({ length: 20 }, (_, i) => (i % 2 ? { kind: 'PARTNER', id: PARTNER } : { kind: 'EVENT', id: EVENT }));
  const { createNewsletterEdition: e } = await gqlOk(
    stack.url,
    'mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }',
    { i: { title: 'Viele Hinweise', intro: 'Hallo', items, audienceTopics: [] } },
    coordinator,
  );
  const { newsletterEdition } = await gqlOk(stack.url, 'query ($id: ID!) { newsletterEdition(id: $id) { preview { problems html } } }', { id: e.id }, coordinator);
  expect(newsletterEdition.preview.problems).toEqual([]);
  expect(newsletterEdition.preview.html.split('Kulturzentrum Pavillon').length - 1).toBe(10);
});

test('the demo draft edition previews without problems; an unknown record is refused when written, one no longer public is reported when sending', async () => {
  const { newsletterEditions } = await gqlOk(
    stack.url,
    '{ newsletterEditions(filter: { status: DRAFT }) { nodes { id title preview { problems } } } }',
    {},
    coordinator,
  );
  const demo = newsletterEditions.nodes.find((n: { title: string }) => n.title.startsWith('Neues aus dem Netzwerk'));
  expect(demo.preview.problems).toEqual([]);

  const CREATE = 'mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }';
  const unknown = '00000000-0000-4000-8000-000000000000';
  const refused = await gql(stack.url, CREATE, { i: { title: 'Mit Lücke', items: [{ kind: 'RESOURCE', id: unknown }] } }, coordinator);
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.0.id' });

  // Public when the edition was written, archived since.
  const { createNewsletterEdition } = await gqlOk(stack.url, CREATE, { i: { title: 'Mit Lücke', items: [{ kind: 'RESOURCE', id: RESOURCE }] } }, coordinator);
  await gqlOk(stack.url, 'mutation ($id: ID!) { archiveResource(id: $id) { status } }', { id: RESOURCE }, coordinator);
  const send = await gql(stack.url, 'mutation ($id: ID!) { sendNewsletterEdition(id: $id) { status } }', { id: createNewsletterEdition.id }, coordinator);
  expect(send.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
  expect(send.errors?.[0].message).toContain(RESOURCE);
});

test('suggestions read what is new from the graph, with topic names resolved by the partners service', async () => {
  const { newsletterSuggestions } = await gqlOk(
    stack.url,
    '{ newsletterSuggestions(since: "2000-01-01T00:00:00.000Z", first: 50) { topics { topic { slug name } events { title } resources { title } } } }',
    {},
    coordinator,
  );
  const violence = newsletterSuggestions.topics.find((t: { topic: { slug: string } | null }) => t.topic?.slug === 'gewaltschutz');
  expect(violence.topic.name).toBe('Gewaltschutz');
  expect(violence.resources.map((r: { title: string }) => r.title)).toContain('Mehrsprachige Beratung bei häuslicher Gewalt');
  // Past events are no news for the next edition.
  const all = newsletterSuggestions.topics.flatMap((t: { events: { title: string }[] }) => t.events.map((e) => e.title));
  expect(all.length).toBeGreaterThan(0);
  expect(all.some((t: string) => t.startsWith('Geschlechtergleichstellung im gesellschaftlichen Wandel'))).toBe(false);
});

test('a sign-up confirmed through the gateway keeps the address and user agent the gateway saw as consent proof', async () => {
  const email = `e2e-${Date.now()}@beispiel.de`;
  const browser = { 'user-agent': 'Mozilla/5.0 (E2E; Newsletter)' };
  await gqlOk(stack.url, 'mutation ($i: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $i) { message } }', { i: { email, topics: ['gewaltschutz'] } }, browser);
  const [{ message }] = await stack.subgraphs.newsletter.ds.query(`SELECT message FROM outbox_mail WHERE message->>'to' = $1`, [email]);
  const token = /token=([A-Za-z0-9_-]+)/.exec(message.text)![1];
  const { confirmSubscription } = await gqlOk(stack.url, 'mutation ($t: String!) { confirmSubscription(token: $t) { subscription { status topics { name } } } }', { t: token }, browser);
  expect(confirmSubscription.subscription).toEqual({ status: 'CONFIRMED', topics: [{ name: 'Gewaltschutz' }] });

  const { newsletterSubscribers } = await gqlOk(
    stack.url,
    'query ($s: String!) { newsletterSubscribers(filter: { search: $s }) { nodes { consent { ipAddress userAgent } } } }',
    { s: email },
    coordinator,
  );
  expect(newsletterSubscribers.nodes[0].consent).toEqual({ ipAddress: expect.stringMatching(/127\.0\.0\.1$/), userAgent: 'Mozilla/5.0 (E2E; Newsletter)' });
});
