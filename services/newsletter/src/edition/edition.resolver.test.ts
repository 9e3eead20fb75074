import { createMailTransport, type MailTransport } from '@mitgen/subgraph-kit';
import { gql, gqlOk, type SmtpSink } from '@mitgen/test-kit';
import {
  addConfirmed,
  API,
  graphAnswers,
  movableClock,
  startEditionSuite,
  workerFor,
  type EditionSuite,
  type FakeGraph,
  type NewsletterSubgraph,
} from '../test/helpers';

const EVENT = '11111111-1111-4111-8111-111111111111';
const RESOURCE = '22222222-2222-4222-8222-222222222222';
const PARTNER = '33333333-3333-4333-8333-333333333333';
const MISSING = '44444444-4444-4444-8444-444444444444';

const records: Record<string, unknown> = {
  [EVENT]: {
    id: EVENT,
    slug: 'netzwerktreffen-osnabrueck',
    title: 'Netzwerktreffen <script>alert(1)</script> & mehr',
    description: 'Gewaltschutz in Unterkünften, Berichte aus den Regionen.',
    startsAt: '2026-04-14T08:00:00.000Z',
    endsAt: '2026-04-14T11:00:00.000Z',
    venueName: 'Lagerhalle',
    city: 'Osnabrück',
    online: false,
    status: 'PUBLISHED',
  },
  [RESOURCE]: { id: RESOURCE, title: 'Sprachcafé für Frauen', summary: 'Jeden Dienstag.', url: 'javascript:alert(1)', provider: { name: 'Frauenberatungsstelle Osnabrück' } },
  [PARTNER]: { id: PARTNER, slug: 'frauenberatung-osnabrueck', name: 'Frauenberatungsstelle Osnabrück', shortName: null, description: 'Beratung in mehreren Sprachen.', city: 'Osnabrück', website: null },
};

const clock = movableClock(new Date('2026-03-02T09:00:00Z'));
let suite: EditionSuite;
let sg: NewsletterSubgraph;
let graph: FakeGraph;
let sink: SmtpSink;
let headers: Record<string, string>;

beforeAll(async () => {
  suite = await startEditionSuite(graphAnswers({
      topics: ['gewaltschutz', 'empowerment'],
      records,
      lists: {
        events: [
          { id: EVENT, createdAt: '2026-03-01T10:00:00.000Z', startsAt: '2026-04-14T08:00:00.000Z', status: 'PUBLISHED', topics: [{ slug: 'gewaltschutz' }] },
          { id: MISSING, createdAt: '2025-01-01T10:00:00.000Z', startsAt: '2026-05-01T08:00:00.000Z', status: 'PUBLISHED', topics: [{ slug: 'gewaltschutz' }] },
        ],
        resources: [{ id: RESOURCE, createdAt: '2026-02-20T10:00:00.000Z', topics: [] }],
      },
    }),
    clock,
  );
  ({ sg, graph, sink, headers } = suite);
});
afterAll(() => suite?.stop());
beforeEach(() => suite.clear());

const FIELDS = 'id version status title intro audienceTopics { slug } items { kind title text url event { id } resource { id } partner { id } } delivery { total queued sent failed pending }';
const CREATE = `mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { ${FIELDS} } }`;
const SEND = `mutation ($id: ID!) { sendNewsletterEdition(id: $id) { ${FIELDS} } }`;
const EDITION = `query ($id: ID!) { newsletterEdition(id: $id) { ${FIELDS} sentAt } }`;

const items = [
  { kind: 'EVENT', id: EVENT, text: 'Anmeldung ab sofort.' },
  { kind: 'RESOURCE', id: RESOURCE },
  { kind: 'PARTNER', id: PARTNER },
  { kind: 'TEXT', title: 'Save the Date', text: 'Fachtag im Herbst.\n\nMehr bald.', url: 'https://mitgen.example/fachtag' },
];

async function createEdition(input: Record<string, unknown> = {}) {
  const { createNewsletterEdition } = await gqlOk(sg.url, CREATE, { i: { title: 'Neues aus dem Netzwerk', intro: 'Liebe Leser*innen,\n\nes gibt Neues.', items, ...input } }, headers);
  return createNewsletterEdition;
}

const delivery = async (id: string) => (await gqlOk(sg.url, EDITION, { id }, headers)).newsletterEdition;

/** A header's raw value as sent (mailparser folds List-* headers into an object otherwise). */
const header = (m: SmtpSink['messages'][number], key: string) => {
  const line = m.headerLines.find((h) => h.key === key)?.line;
  return line ? line.slice(line.indexOf(':') + 1).trim() : '';
};

/** Recipient addresses the sink received, one entry per mail. */
const received = () => sink.messages.map((m) => (m.to as { value: { address: string }[] }).value[0].address);

describe('composing', () => {
  test('a coordinator creates a draft with items referencing events, resources and partners, or free text', async () => {
    const e = await createEdition({ audienceTopics: ['gewaltschutz'] });
    expect(e).toMatchObject({ status: 'DRAFT', version: 1, audienceTopics: [{ slug: 'gewaltschutz' }], delivery: { total: 0, queued: 0 } });
    expect(e.items.map((i: { kind: string }) => i.kind)).toEqual(['EVENT', 'RESOURCE', 'PARTNER', 'TEXT']);
    expect(e.items[0]).toMatchObject({ event: { id: EVENT }, text: 'Anmeldung ab sofort.', resource: null });
    expect(e.items[3]).toMatchObject({ title: 'Save the Date', url: 'https://mitgen.example/fachtag', event: null });
  });

  test('items naming an event, resource or partner the graph does not show are refused, naming the item; nothing is stored', async () => {
    const before = (await sg.ds.query('SELECT count(*)::int AS n FROM newsletter_edition'))[0].n;
    const res = await gql(sg.url, CREATE, { i: { title: 'Lücke', items: [...items, { kind: 'RESOURCE', id: MISSING }] } }, headers);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.4.id', missing: ['items.4.id'] });
    expect((await sg.ds.query('SELECT count(*)::int AS n FROM newsletter_edition'))[0].n).toBe(before);
    // One request to the graph for all items.
    expect(graph.calls.filter((c) => c.query.includes('EditionReferences')).at(-1)!.query.match(/: (event|resource|partner)\(/g)).toHaveLength(4);
  });

  test('incomplete items, HTML and unknown topics are refused naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ items: [{ kind: 'EVENT' }] }, 'items.0.id'],
      [{ items: [{ kind: 'TEXT', title: 'Ohne Text' }] }, 'items.0.text'],
      [{ items: [{ kind: 'PARTNER', id: PARTNER, url: 'https://x.example' }] }, 'items.0.url'],
      [{ title: 'Hallo <img src=x onerror=alert(1)>' }, 'title'],
      [{ audienceTopics: ['unbekannt'] }, 'audienceTopics'],
    ];
    for (const [input, field] of cases) {
      const res = await gql(sg.url, CREATE, { i: { title: 'Ausgabe', ...input } }, headers);
      expect({ input, field: res.errors?.[0].extensions?.field, code: res.errors?.[0].extensions?.code }).toEqual({ input, field, code: 'BAD_USER_INPUT' });
    }
  });

  test('updates name the version they read; a stale version is a CONFLICT', async () => {
    const e = await createEdition();
    const update = `mutation ($id: ID!, $i: UpdateNewsletterEditionInput!) { updateNewsletterEdition(id: $id, input: $i) { version title items { kind } } }`;
    const ok = await gqlOk(sg.url, update, { id: e.id, i: { version: 1, title: 'Neuer Titel', items: [{ kind: 'PARTNER', id: PARTNER }] } }, headers);
    expect(ok.updateNewsletterEdition).toEqual({ version: 2, title: 'Neuer Titel', items: [{ kind: 'PARTNER' }] });
    const stale = await gql(sg.url, update, { id: e.id, i: { version: 1, title: 'Überschrieben?' } }, headers);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const log = await gqlOk(sg.url, 'query ($id: ID!) { newsletterEdition(id: $id) { auditLog { nodes { action actorId } } } }', { id: e.id }, headers);
    expect(log.newsletterEdition.auditLog.nodes).toEqual([
      { action: 'UPDATE', actorId: 'coordinator-1' },
      { action: 'CREATE', actorId: 'coordinator-1' },
    ]);
  });

  test('the preview renders HTML and text from the graph, escaping everything, and lists items that are missing', async () => {
    // An event that existed when the edition was written and is gone (or not public) by now.
    records[MISSING] = { id: MISSING };
    const e = await createEdition({ items: [...items, { kind: 'EVENT', id: MISSING }] });
    delete records[MISSING];
    const { newsletterEdition } = await gqlOk(sg.url, 'query ($id: ID!) { newsletterEdition(id: $id) { preview { subject html text problems } } }', { id: e.id }, headers);
    const p = newsletterEdition.preview;
    expect(p.subject).toBe('MitGeN-Newsletter: Neues aus dem Netzwerk');
    expect(p.html).toContain('Netzwerktreffen &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr');
    expect(p.html).not.toContain('<script>');
    expect(p.html).toContain('Di., 14. April 2026, 10:00–13:00 Uhr · Lagerhalle, Osnabrück');
    expect(p.html).toContain('href="https://mitgen.example/veranstaltungen/netzwerktreffen-osnabrueck"');
    expect(p.html).not.toContain('javascript:'); // the resource's unsafe URL is replaced by its page
    expect(p.html).toContain(`href="https://mitgen.example/ressourcen/${RESOURCE}"`);
    expect(p.html).toContain('Frauenberatungsstelle Osnabrück');
    expect(p.html).toContain('Guten Tag Erika Mustermann,');
    expect(p.text).toContain('— Veranstaltung —\nNetzwerktreffen <script>alert(1)</script> & mehr');
    expect(p.text).toContain(`Newsletter abbestellen: ${API}/newsletter/unsubscribe/VORSCHAU`);
    expect(p.problems).toEqual([`Item 5: the event ${MISSING} does not exist or is not public.`]);
    // All items came from one request to the graph.
    expect(graph.calls.filter((c) => c.query.includes('EditionItems')).at(-1)!.query.match(/: (event|resource|partner)\(/g)).toHaveLength(4);

    const send = await gql(sg.url, SEND, { id: e.id }, headers);
    expect(send.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
    expect((await delivery(e.id)).status).toBe('DRAFT');
  });
});

describe('sending', () => {
  test('one mail per recipient of the audience, with unsubscribe headers, escaped names and progress', async () => {
    await addConfirmed(sg, 'violence', 3, ['gewaltschutz']);
    await addConfirmed(sg, 'all', 2, [], '<b>Anna</b> & "Ben"');
    await addConfirmed(sg, 'other', 2, ['empowerment']);
    await sg.ds.query(`INSERT INTO subscriber (email, status) VALUES ('pending@example.org', 'PENDING'), ('left@example.org', 'UNSUBSCRIBED')`);
    const e = await createEdition({ audienceTopics: ['gewaltschutz'] });
    const sending = (await gqlOk(sg.url, SEND, { id: e.id }, headers)).sendNewsletterEdition;
    expect(sending).toMatchObject({ status: 'SENDING', delivery: { total: 5, queued: 0 } });

    const worker = workerFor(sg, sink, { pageSize: 2 });
    await worker.dispatcher.runOnce();
    expect((await delivery(e.id)).delivery).toEqual({ total: 5, queued: 5, sent: 0, failed: 0, pending: 5 });
    await worker.outbox.drain();
    await worker.dispatcher.runOnce();
    await worker.stop();
    expect(await delivery(e.id)).toMatchObject({ status: 'SENT', sentAt: clock.now().toISOString(), delivery: { total: 5, queued: 5, sent: 5, failed: 0, pending: 0 } });

    expect(received().sort()).toEqual(['all-1@example.org', 'all-2@example.org', 'violence-1@example.org', 'violence-2@example.org', 'violence-3@example.org']);
    for (const m of sink.messages) {
      expect(m.subject).toBe('MitGeN-Newsletter: Neues aus dem Netzwerk');
      const unsubscribe = header(m, 'list-unsubscribe');
      expect(unsubscribe).toMatch(new RegExp(`^<${API}/newsletter/unsubscribe/[A-Za-z0-9_-]{43}>$`));
      expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(m.text).toContain(`Newsletter abbestellen: ${unsubscribe.slice(1, -1)}`);
      expect(m.html).toContain('Netzwerktreffen &lt;script&gt;');
    }
    const anna = sink.messages[received().indexOf('all-1@example.org')];
    expect(anna.html).toContain('Guten Tag &lt;b&gt;Anna&lt;/b&gt; &amp; &quot;Ben&quot;,');
    expect(anna.text).toContain('Guten Tag <b>Anna</b> & "Ben",');

    // The one-click link of a mail unsubscribes exactly that subscriber (via the gateway's proxy in production; here directly).
    const link = header(anna, 'list-unsubscribe').slice(1, -1).replace(API, sg.url.replace('/graphql', ''));
    const res = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await sg.ds.query(`SELECT email FROM subscriber WHERE status = 'UNSUBSCRIBED' ORDER BY email`)).toEqual([{ email: 'all-1@example.org' }, { email: 'left@example.org' }]);
  });

  test('a double click (even two at once) sends the edition once; a sent edition can no longer be changed', async () => {
    await addConfirmed(sg, 'twice', 4);
    const e = await createEdition();
    const [a, b] = await Promise.all([gqlOk(sg.url, SEND, { id: e.id }, headers), gqlOk(sg.url, SEND, { id: e.id }, headers)]);
    expect([a.sendNewsletterEdition.status, b.sendNewsletterEdition.status]).toEqual(['SENDING', 'SENDING']);
    await gqlOk(sg.url, SEND, { id: e.id }, headers);
    const worker = workerFor(sg, sink);
    await worker.dispatcher.runOnce();
    await worker.outbox.drain();
    await worker.stop();
    expect(received().sort()).toEqual(['twice-1@example.org', 'twice-2@example.org', 'twice-3@example.org', 'twice-4@example.org']);
    const sends = await sg.ds.query(`SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1 AND action = 'SEND'`, [e.id]);
    expect(sends[0].n).toBe(1);
    const update = await gql(sg.url, 'mutation ($id: ID!) { updateNewsletterEdition(id: $id, input: { version: 2, title: "Zu spät" }) { id } }', { id: e.id }, headers);
    expect(update.errors?.[0].extensions?.code).toBe('EDITION_FROZEN');
  });

  test('crash and resume: every recipient gets the edition exactly once, counted by a real SMTP server', async () => {
    const n = 60;
    await addConfirmed(sg, 'crash', n);
    const e = await createEdition();
    await gqlOk(sg.url, SEND, { id: e.id }, headers);

    // Instance A dies while queuing: one page of 25 committed, the rest not.
    const a = workerFor(sg, sink, { pageSize: 25 });
    expect(await a.dispatcher.enqueuePage(e.id)).toBe(true);
    expect((await delivery(e.id)).delivery.queued).toBe(25);

    // Instance A also dies while sending: its transport hangs after 10 mails, holding a claimed batch.
    let sentByA = 0;
    const smtpA = createMailTransport({ smtpUrl: sink.url, mailDir: '/nonexistent' });
    const hanging: MailTransport = { send: (m) => (sentByA++ < 10 ? smtpA.send(m) : new Promise(() => undefined)), close: () => smtpA.close() };
    const crashing = workerFor(sg, sink, { transport: hanging, outbox: { batchSize: 8 } });
    crashing.outbox.start();
    await sink.waitFor(10);
    // The process is gone once the mails the server accepted are marked; its claimed batch is left behind.
    while ((await sg.ds.query(`SELECT count(*)::int AS n FROM outbox_mail WHERE status = 'SENT'`))[0].n < 10) await new Promise((r) => setTimeout(r, 20));
    smtpA.close();

    // Instance B starts: finishes queuing from A's cursor, and sends once A's claims ran out.
    const b = workerFor(sg, sink, { pageSize: 25 });
    await b.dispatcher.runOnce();
    expect((await delivery(e.id)).delivery).toMatchObject({ total: n, queued: n });
    await b.outbox.drain();
    const stuck = await sg.ds.query(`SELECT count(*)::int AS n FROM outbox_mail WHERE status = 'PENDING' AND locked_until > now()`);
    expect(stuck[0].n).toBeGreaterThan(0); // A's claimed batch: not sent by B while the claim holds
    await sg.ds.query(`UPDATE outbox_mail SET locked_until = now() - interval '1 second' WHERE status = 'PENDING'`); // the claim time passes
    await b.outbox.drain();

    // The next pass (any instance) sees nothing pending and marks the edition sent.
    await b.stop();
    const c = workerFor(sg, sink);
    await c.dispatcher.runOnce();
    await c.stop();

    const counts = new Map<string, number>();
    for (const to of received()) counts.set(to, (counts.get(to) ?? 0) + 1);
    expect(counts.size).toBe(n);
    expect([...counts.values()].every((k) => k === 1)).toBe(true);
    expect(await delivery(e.id)).toMatchObject({ status: 'SENT', delivery: { total: n, sent: n, failed: 0, pending: 0 } });
  });

  test('stopping the worker mid-way and starting a new one sends the rest, nobody twice', async () => {
    const n = 40;
    await addConfirmed(sg, 'restart', n);
    const e = await createEdition();
    await gqlOk(sg.url, SEND, { id: e.id }, headers);
    const first = workerFor(sg, sink, { outbox: { batchSize: 5, ratePerSecond: 200 } });
    first.start();
    await sink.waitFor(10);
    await first.stop();
    const before = sink.messages.length;
    expect(before).toBeLessThan(n);
    const second = workerFor(sg, sink);
    await second.dispatcher.runOnce();
    await second.outbox.drain();
    await second.dispatcher.runOnce();
    await second.stop();
    expect(new Set(received()).size).toBe(n);
    expect(received()).toHaveLength(n);
    expect((await delivery(e.id)).status).toBe('SENT');
  });

  test('unsubscribing while an edition is being sent withdraws the mail not yet sent', async () => {
    await addConfirmed(sg, 'withdraw', 3);
    const e = await createEdition();
    await gqlOk(sg.url, SEND, { id: e.id }, headers);
    const worker = workerFor(sg, sink);
    await worker.dispatcher.runOnce();
    const [{ token }] = await sg.ds.query(`SELECT message->'edition'->>'token' AS token FROM outbox_mail WHERE message->>'to' = 'withdraw-2@example.org'`);
    await gqlOk(sg.url, 'mutation ($t: String!) { unsubscribe(token: $t) { status } }', { t: token });
    await worker.outbox.drain();
    await worker.dispatcher.runOnce();
    await worker.stop();
    expect(received().sort()).toEqual(['withdraw-1@example.org', 'withdraw-3@example.org']);
    expect(await delivery(e.id)).toMatchObject({ status: 'SENT', delivery: { total: 2, sent: 2 } });
  });

  test('a scheduled edition is sent when its time has come (injected clock); one whose items vanished goes back to draft', async () => {
    await addConfirmed(sg, 'scheduled', 2);
    const e = await createEdition();
    const schedule = 'mutation ($id: ID!, $at: DateTimeISO!) { scheduleNewsletterEdition(id: $id, sendAt: $at) { status scheduledAt } }';
    const past = await gql(sg.url, schedule, { id: e.id, at: new Date(clock.now().getTime() - 1000).toISOString() }, headers);
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sendAt' });
    const at = new Date(clock.now().getTime() + 3600_000);
    expect((await gqlOk(sg.url, schedule, { id: e.id, at: at.toISOString() }, headers)).scheduleNewsletterEdition).toEqual({ status: 'SCHEDULED', scheduledAt: at.toISOString() });

    const worker = workerFor(sg, sink);
    await worker.dispatcher.runOnce();
    expect((await delivery(e.id)).status).toBe('SCHEDULED');
    clock.advanceHours(1);
    await worker.dispatcher.runOnce();
    await worker.outbox.drain();
    await worker.dispatcher.runOnce();
    expect((await delivery(e.id)).status).toBe('SENT');
    expect(sink.messages).toHaveLength(2);

    const broken = await createEdition({ items: [{ kind: 'PARTNER', id: PARTNER }] });
    await gqlOk(sg.url, schedule, { id: broken.id, at: new Date(clock.now().getTime() + 60_000).toISOString() }, headers);
    await sg.ds.query(`UPDATE newsletter_edition SET items = $2 WHERE id = $1`, [broken.id, JSON.stringify([{ kind: 'PARTNER', refId: MISSING }])]);
    clock.advanceHours(1);
    await worker.dispatcher.runOnce();
    await worker.stop();
    const after = await gqlOk(sg.url, 'query ($id: ID!) { newsletterEdition(id: $id) { status lastError } }', { id: broken.id }, headers);
    expect(after.newsletterEdition.status).toBe('DRAFT');
    expect(after.newsletterEdition.lastError).toContain(MISSING);
  });
});

describe('suggestions and lists', () => {
  test('suggestions list what is new since the last sent edition, per topic, read through the graph', async () => {
    const { newsletterSuggestions: s } = await gqlOk(
      sg.url,
      'query ($since: DateTimeISO) { newsletterSuggestions(since: $since) { since topics { topic { slug } events { id } resources { id } } } }',
      { since: '2026-02-01T00:00:00.000Z' },
      headers,
    );
    expect(s.topics).toEqual([
      { topic: { slug: 'gewaltschutz' }, events: [{ id: EVENT }], resources: [] },
      { topic: null, events: [], resources: [{ id: RESOURCE }] },
    ]);
    const none = await gqlOk(sg.url, '{ newsletterSuggestions(since: "2026-03-02T00:00:00.000Z") { topics { topic { slug } } } }', {}, headers);
    expect(none.newsletterSuggestions.topics).toEqual([]);
  });

  test('the edition list costs the same number of SQL statements for 2 or 12 editions', async () => {
    const q = '{ newsletterEditions(first: 50) { totalCount nodes { title status items { kind event { id } } audienceTopics { slug } delivery { total sent failed } } } }';
    await sg.ds.query('DELETE FROM newsletter_edition');
    const statements = async () => {
      sg.counter.reset();
      await gqlOk(sg.url, q, {}, headers);
      return sg.counter.count;
    };
    for (let i = 0; i < 2; i++) await createEdition();
    const few = await statements();
    for (let i = 0; i < 10; i++) await createEdition();
    expect(await statements()).toBe(few);
  });

  test('editions are for coordinators only', async () => {
    expect((await gql(sg.url, '{ newsletterEditions { totalCount } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(sg.url, CREATE, { i: { title: 'Anonym' } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
