import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WIDGET_OPERATIONS } from '@mitgen/gateway';
import { stableId } from '@mitgen/subgraph-kit';
import { gql, gqlOk, PARTNER_A, PARTNER_B } from '@mitgen/test-kit';
import ICAL from 'ical.js';
import { coordinatorToken } from './test/principals';
import { urlsOf } from './test/services';
import { createTestGateway, startStack, type TestStack } from './test/stack';

// What partner sites use besides GraphQL, through the real gateway and all subgraphs: schema.org
// JSON-LD (fields and feeds, with organisers from the partners service merged into the events
// service's events), the iCal feeds' 404 for unknown partners and topics, and the HSDS export of
// the resources service with its organisations read through the graph.

let stack: TestStack;
let base: string;
let coordinator: Record<string, string>;
beforeAll(async () => {
  stack = await startStack({ RESPONSE_CACHE_ENABLED: 'true' });
  base = new URL(stack.url).origin;
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
});
afterAll(() => stack?.stop());

const nodesOf = (doc: any) => doc['@graph'] as any[];
/** The JSON answer of a GET through the gateway. */
const json = async (path: string): Promise<any> => (await fetch(`${base}${path}`)).json();

test('GET /feeds/events.jsonld: every upcoming public event as schema.org Event, organisers named and described', async () => {
  const res = await fetch(`${base}/feeds/events.jsonld`, { headers: { origin: 'https://partner.example' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  // As cacheable as the same GraphQL read: seats change, so 10 seconds.
  expect(res.headers.get('cache-control')).toBe('max-age=10, public');
  const doc: any = await res.json();
  expect(doc['@context']).toBe('https://schema.org');
  const { events } = await gqlOk(stack.url, '{ events(first: 100, filter: { upcoming: true }) { totalCount nodes { id slug } } }');
  const nodes = nodesOf(doc);
  expect(nodes).toHaveLength(events.totalCount);
  for (const e of nodes) {
    expect(e).toMatchObject({ '@type': 'Event', eventStatus: expect.stringMatching(/^https:\/\/schema\.org\/Event(Scheduled|Cancelled)$/) });
    expect(e['@context']).toBeUndefined();
    for (const o of e.organizer) expect(o).toMatchObject({ '@type': 'Organization', '@id': expect.stringMatching(/^urn:uuid:/), name: expect.any(String) });
  }
  const osnabrueck = nodes.find((e) => e.name === 'Netzwerktreffen MitGeN in Osnabrück');
  expect(osnabrueck.organizer.map((o: any) => o.name)).toContain('Frauenberatungsstelle Osnabrück');
});

test('JSON-LD per partner (by id or slug) and per topic; the partner alone as Organization', async () => {
  const bySlug = await json(`/feeds/partners/frauenberatung-osnabrueck/events.jsonld`);
  const byId = await json(`/feeds/partners/${PARTNER_B}/events.jsonld`);
  expect(byId).toEqual(bySlug);
  const [org, ...events] = nodesOf(bySlug);
  expect(org).toMatchObject({ '@type': 'Organization', '@id': `urn:uuid:${PARTNER_B}`, name: 'Frauenberatungsstelle Osnabrück' });
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) expect(e.organizer.map((o: any) => o['@id'])).toContain(`urn:uuid:${PARTNER_B}`);

  const alone = await json(`/feeds/partners/g-mit-niedersachsen.jsonld`);
  expect(alone).toMatchObject({ '@context': 'https://schema.org', '@type': 'Organization', '@id': `urn:uuid:${PARTNER_A}` });
  expect(await json(`/feeds/partners/${PARTNER_A}.jsonld`)).toEqual(alone);

  const topic = nodesOf(await json(`/feeds/topics/gewaltschutz/events.jsonld`));
  const { topic: t } = await gqlOk(stack.url, '{ topic(slug: "gewaltschutz") { upcomingEvents(first: 100) { totalCount } } }');
  expect(topic).toHaveLength(t.upcomingEvents.totalCount);
});

test('unknown partners and topics: 404 with a short body, for JSON-LD and iCal alike; partner slugs work for iCal', async () => {
  const unknownId = stableId('partner', 'gibt-es-nicht');
  for (const path of [
    `/feeds/partners/${unknownId}/events.ics`,
    '/feeds/partners/gibt-es-nicht/events.ics',
    '/feeds/partners/Nicht_Gültig/events.ics',
    '/feeds/topics/gibt-es-nicht/events.ics',
    `/feeds/partners/${unknownId}/events.jsonld`,
    '/feeds/partners/gibt-es-nicht.jsonld',
    '/feeds/topics/gibt-es-nicht/events.jsonld',
    // A draft partner is unknown to the public.
    `/feeds/partners/${stableId('partner', 'interkulturelles-frauencafe-hildesheim')}/events.ics`,
  ]) {
    const res = await fetch(`${base}${path}`);
    expect([path, res.status]).toEqual([path, 404]);
    const body = await res.text();
    expect(body).toMatch(/^Unknown (partner|topic)\n$/);
  }
  const ics = await fetch(`${base}/feeds/partners/frauenberatung-osnabrueck/events.ics`);
  expect(ics.status).toBe(200);
  const cal = new ICAL.Component(ICAL.parse(await ics.text()));
  expect(cal.getFirstPropertyValue('name')).toBe('MitGeN – Veranstaltungen der Partnerorganisation');
  expect(cal.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('summary'))).toContain('Netzwerktreffen MitGeN in Osnabrück');
  expect((await fetch(`${base}/feeds/topics/gewaltschutz/events.ics`)).status).toBe(200);
});

test('a cancelled event: EventCancelled in JSON-LD, STATUS:CANCELLED with a higher SEQUENCE in iCal', async () => {
  const startsAt = new Date(Date.now() + 20 * 86_400_000);
  const { createEvent } = await gqlOk(
    stack.url,
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id slug } }',
    { i: { title: 'Fällt aus: Austauschtreffen', kind: 'WORKSHOP', startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), organizerIds: [PARTNER_B], city: 'Osnabrück' } },
    coordinator,
  );
  await gqlOk(stack.url, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: createEvent.id }, coordinator);
  const entry = async () => {
    const cal = new ICAL.Component(ICAL.parse(await (await fetch(`${base}/feeds/partners/${PARTNER_B}/events.ics`)).text()));
    return cal.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `${createEvent.id}@mitgen`)!;
  };
  const before = await entry();
  await gqlOk(stack.url, 'mutation ($id: ID!) { cancelEvent(id: $id) { status } }', { id: createEvent.id }, coordinator);
  const after = await entry();
  expect(after.getFirstPropertyValue('status')).toBe('CANCELLED');
  expect(Number(after.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(before.getFirstPropertyValue('sequence')));
  const { event } = await gqlOk(stack.url, 'query ($s: String!) { event(slug: $s) { jsonLd organizers { jsonLd } } }', { s: createEvent.slug });
  expect(event.jsonLd).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled', organizer: [{ '@id': `urn:uuid:${PARTNER_B}` }] });
  expect(event.organizers[0].jsonLd.name).toBe('Frauenberatungsstelle Osnabrück');
  const feed = nodesOf(await json(`/feeds/partners/${PARTNER_B}/events.jsonld`));
  expect(feed.find((e) => e.name === 'Fällt aus: Austauschtreffen')).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled' });
});

test('HSDS through the gateway: services with their organisation read through the graph, public view only', async () => {
  const root = await json(`/hsds/`);
  expect(root.version).toBe('3.0');
  const list = await json(`/hsds/services?per_page=100&full=true`);
  const { resources } = await gqlOk(stack.url, '{ resources(first: 100) { totalCount nodes { id title provider { id name } } } }');
  expect(list.total_items).toBe(resources.totalCount);
  for (const r of resources.nodes) {
    const s = list.contents.find((x: any) => x.id === r.id);
    expect(s.name).toBe(r.title);
    // The organisation is there exactly when the public graph shows the provider.
    expect(s.organization?.name).toBe(r.provider?.name);
  }
  const orgs = await json(`/hsds/organizations?per_page=100`);
  const { partners } = await gqlOk(stack.url, '{ partners(first: 100) { totalCount nodes { id } } }');
  expect(orgs.total_items).toBe(partners.totalCount);
  const osnabrueck = await json(`/hsds/organizations/${PARTNER_B}`);
  expect(osnabrueck).toMatchObject({ id: PARTNER_B, name: 'Frauenberatungsstelle Osnabrück', locations: [{ addresses: [{ city: 'Osnabrück', country: 'DE' }] }] });
  // Contact persons as the public sees them: no address the partner did not publish.
  const { partner } = await gqlOk(stack.url, 'query ($id: ID!) { partner(id: $id) { contactPersons { nodes { name email } } } }', { id: PARTNER_B });
  expect((osnabrueck.contacts ?? []).map((c: any) => [c.name, c.email ?? null])).toEqual(partner.contactPersons.nodes.map((c: any) => [c.name, c.email]));
  const bad = await fetch(`${base}/hsds/services?per_page=500`);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_REQUEST', parameter: 'per_page' });
  // The widget's and feeds' reads are plain public GraphQL reads: a GET query needs no CSRF header
  // (http/csrf.ts, README "Partner institutions"); a simple POST without it is still refused.
  const csrf = await gql(stack.url, '{ __typename }');
  expect(csrf.status).toBe(200);
  const plainGet = await fetch(`${stack.url}?query=${encodeURIComponent('{ events(first: 1) { totalCount } }')}`);
  expect(plainGet.status).toBe(200);
  expect(((await plainGet.json()) as any).data.events.totalCount).toBeGreaterThan(0);
  const simplePost = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
  expect(simplePost.status).toBe(400);
});

test('a gateway with a safelist still serves the feeds and the widget’s reads to anonymous callers', async () => {
  const file = path.join(tmpdir(), `safelist-partner-sites-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(['{ regions(first: 2) { totalCount } }']));
  const gateway = await createTestGateway({ ...urlsOf(stack.subgraphs), SAFELIST_PATH: file });
  try {
    const url = await gateway.listen(0, '127.0.0.1');
    const origin = new URL(url).origin;
    expect((await fetch(`${origin}/feeds/events.jsonld`)).status).toBe(200);
    expect((await fetch(`${origin}/feeds/partners/frauenberatung-osnabrueck/events.ics`)).status).toBe(200);
    expect((await fetch(`${origin}/feeds/topics/gibt-es-nicht/events.jsonld`)).status).toBe(404);
    // The widget's operations, as it sends them (GET, CSRF header).
    const widget = WIDGET_OPERATIONS;
    const get = (query: string, variables: object) =>
      fetch(`${url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`, { headers: { 'apollo-require-preflight': 'true' } });
    const events: any = await (await get(widget.events, { first: 3, filter: { upcoming: true } })).json();
    expect(events.errors).toBeUndefined();
    expect(events.data.events.nodes.length).toBeGreaterThan(0);
    const check: any = await (await get(widget.check, { p: 'frauenberatung-osnabrueck', withP: true })).json();
    expect(check.data).toEqual({ p: { id: PARTNER_B } });
    const other: any = await (await get('{ topics(first: 1) { totalCount } }', {})).json();
    expect(other.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  } finally {
    await gateway.close();
  }
});
