import { gql, gqlOk, type SmtpSink } from '@mitgen/test-kit';
import { addConfirmed, graphAnswers, movableClock, startEditionSuite, workerFor, type EditionSuite, type FakeGraph, type NewsletterSubgraph } from '../test/helpers';

// Editions per subscriber language: one graph lookup per language among the recipients (with that
// language as Accept-Language), each mail in its recipient's language with German fallback, mails
// received by a real SMTP server.

const EVENT = '11111111-1111-4111-8111-111111111111';
const RESOURCE = '22222222-2222-4222-8222-222222222222';
const PARTNER = '33333333-3333-4333-8333-333333333333';

const records: Record<string, unknown> = {
  [EVENT]: {
    id: EVENT,
    slug: 'netzwerktreffen',
    title: 'Netzwerktreffen Osnabrück',
    description: 'Berichte aus den Regionen.',
    startsAt: '2026-04-14T08:00:00.000Z',
    endsAt: '2026-04-14T11:00:00.000Z',
    venueName: 'Lagerhalle',
    city: 'Osnabrück',
    online: true,
    status: 'PUBLISHED',
  },
  [RESOURCE]: { id: RESOURCE, title: 'Mehrsprachige Beratung bei häuslicher Gewalt', summary: 'Vertraulich und kostenlos.', url: null, provider: { name: 'Frauenberatung' } },
  [PARTNER]: { id: PARTNER, slug: 'frauenberatung', name: 'Frauenberatung', shortName: null, description: 'Beratung in mehreren Sprachen.', city: 'Osnabrück', website: null },
};
// The graph's translations: the resource in Arabic and English, the partner in Arabic only, the event in Turkish only.
const translations = {
  ar: {
    [RESOURCE]: { title: 'استشارة متعددة اللغات في حالات العنف المنزلي', summary: 'سرية ومجانية.' },
    [PARTNER]: { description: 'استشارات بعدة لغات.' },
  },
  en: { [RESOURCE]: { title: 'Multilingual counselling on domestic violence', summary: 'Confidential and free.' } },
  // The event in Turkish only: a Turkish mail shows it unmarked.
  tr: { [EVENT]: { title: 'Ağ buluşması Osnabrück', description: 'Bölgelerden raporlar.' } },
};

const clock = movableClock(new Date('2026-03-02T09:00:00Z'));
let suite: EditionSuite;
let sg: NewsletterSubgraph;
let graph: FakeGraph;
let sink: SmtpSink;
let headers: Record<string, string>;

beforeAll(async () => {
  suite = await startEditionSuite(graphAnswers({ topics: ['gewaltschutz'], records, translations }), clock);
  ({ sg, graph, sink, headers } = suite);
});
afterAll(() => suite?.stop());
beforeEach(() => suite.clear());

const CREATE = 'mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }';
const SEND = 'mutation ($id: ID!) { sendNewsletterEdition(id: $id) { status delivery { total } } }';
const PREVIEW = 'query ($id: ID!, $l: String) { newsletterEdition(id: $id) { preview(language: $l) { subject html text } } }';
const items = [{ kind: 'RESOURCE', id: RESOURCE }, { kind: 'PARTNER', id: PARTNER }, { kind: 'EVENT', id: EVENT }];

async function createEdition(): Promise<string> {
  const { createNewsletterEdition } = await gqlOk(sg.url, CREATE, { i: { title: 'Neues aus dem Netzwerk', intro: 'Liebe Leser*innen, es gibt Neues.', items } }, headers);
  return createNewsletterEdition.id;
}

/** The graph requests that read an edition's items, from `from` on. */
const itemRequests = (from: number) => graph.calls.slice(from).filter((c) => c.query.includes('EditionItems'));

/** Sends an edition through the worker to the SMTP sink; answers the mails by recipient. */
async function sendAndReceive(id: string): Promise<Map<string, SmtpSink['messages'][number]>> {
  await gqlOk(sg.url, SEND, { id }, headers);
  const worker = workerFor(sg, sink);
  await worker.dispatcher.runOnce();
  await worker.outbox.drain();
  await worker.dispatcher.runOnce();
  await worker.stop();
  return new Map(sink.messages.map((m) => [(m.to as { value: { address: string }[] }).value[0].address, m]));
}

test('one edition: the Arabic subscriber gets it in Arabic, right to left; the German one in German; a language without translations falls back to German texts', async () => {
  await addConfirmed(sg, 'ar', 1, [], 'Layla', 'ar');
  await addConfirmed(sg, 'de', 1, [], 'Jana', 'de');
  await addConfirmed(sg, 'tr', 1, [], null, 'tr');
  // A code stored before languages were checked (no content language) reads as German.
  await sg.ds.query(`INSERT INTO subscriber (email, status, confirmed_at, language) VALUES ('fr-1@example.org', 'CONFIRMED', now(), 'fr')`);
  const id = await createEdition();
  const before = graph.calls.length;
  const mails = await sendAndReceive(id);
  expect([...mails.keys()].sort()).toEqual(['ar-1@example.org', 'de-1@example.org', 'fr-1@example.org', 'tr-1@example.org']);

  const ar = mails.get('ar-1@example.org')!;
  expect(ar.html).toContain('<html lang="ar" dir="rtl">');
  expect(ar.html).toContain('استشارة متعددة اللغات في حالات العنف المنزلي');
  expect(ar.html).toContain('استشارات بعدة لغات.');
  expect(ar.html).toContain('إلغاء الاشتراك في النشرة');
  expect(ar.html).toContain('مرحبًا Layla،');
  expect(ar.text).toContain('إلغاء الاشتراك في النشرة: ');
  expect(ar.html).not.toContain('Mehrsprachige Beratung');
  // The coordinators' German title and intro and the untranslated event are marked German, left to right.
  expect(ar.html).toContain('<h1 style="font-size:24px;margin:6px 0 0" lang="de" dir="ltr">Neues aus dem Netzwerk</h1>');
  expect(ar.html).toMatch(/<div lang="de" dir="ltr">\n<h2[^>]*><a [^>]*>Netzwerktreffen Osnabrück<\/a><\/h2>/);
  expect(ar.html).toContain('Lagerhalle, Osnabrück وعبر الإنترنت');

  const de = mails.get('de-1@example.org')!;
  expect(de.html).toContain('<html lang="de" dir="ltr">');
  expect(de.html).toContain('Mehrsprachige Beratung bei häuslicher Gewalt');
  expect(de.html).toContain('Guten Tag Jana,');
  expect(de.text).toContain('Newsletter abbestellen: ');
  expect(de.html).toContain('Di., 14. April 2026, 10:00–13:00 Uhr · Lagerhalle, Osnabrück und online');
  expect(de.html).not.toMatch(/[\u0600-\u06FF]/);

  // Turkish: the mail's own texts in Turkish, the items in German (the graph has no Turkish), marked as German.
  const tr = mails.get('tr-1@example.org')!;
  expect(tr.html).toContain('<html lang="tr" dir="ltr">');
  expect(tr.html).toContain('Bülten aboneliğini iptal et');
  expect(tr.html).toContain('Merhaba,');
  expect(tr.html).toMatch(/<div lang="de">\n<h2[^>]*>[^]*Mehrsprachige Beratung bei häuslicher Gewalt/);
  // The event has a Turkish translation: in Turkish, not marked as German.
  expect(tr.html).toMatch(/<div>\n<h2[^>]*><a [^>]*>Ağ buluşması Osnabrück<\/a><\/h2>/);
  expect(tr.html).not.toContain('Netzwerktreffen Osnabrück');

  expect(mails.get('fr-1@example.org')!.html).toContain('<html lang="de" dir="ltr">');
  for (const m of mails.values()) expect(m.subject).toBe('MitGeN-Newsletter: Neues aus dem Netzwerk');

  // One lookup per language among the recipients (German, Arabic, Turkish), each with its Accept-Language.
  expect(itemRequests(before).map((c) => c.headers['accept-language']).sort()).toEqual(['ar', 'de', 'tr']);
  // Each queued mail carries the language it was rendered in.
  const queued = await sg.ds.query(`SELECT message->>'to' AS "to", message->'edition'->>'language' AS language FROM outbox_mail ORDER BY 1`);
  expect(queued).toEqual([
    { to: 'ar-1@example.org', language: 'ar' },
    { to: 'de-1@example.org', language: 'de' },
    { to: 'fr-1@example.org', language: 'de' },
    { to: 'tr-1@example.org', language: 'tr' },
  ]);
});

test('the graph requests of an edition do not grow with its subscribers, only with their languages', async () => {
  const requestsFor = async (perLanguage: number) => {
    await sg.ds.query('DELETE FROM subscriber');
    sink.messages.length = 0;
    await addConfirmed(sg, `ar${perLanguage}`, perLanguage, [], null, 'ar');
    await addConfirmed(sg, `de${perLanguage}`, perLanguage, [], null, 'de');
    await addConfirmed(sg, `en${perLanguage}`, perLanguage, [], null, 'en');
    const id = await createEdition();
    const before = graph.calls.length;
    const mails = await sendAndReceive(id);
    expect(mails.size).toBe(3 * perLanguage);
    return itemRequests(before).length;
  };
  const few = await requestsFor(1);
  const many = await requestsFor(30);
  expect(few).toBe(3);
  expect(many).toBe(few);
  // English subscribers got the English resource and the German partner description (no English one).
  const en = sink.messages.find((m) => (m.to as { value: { address: string }[] }).value[0].address.startsWith('en30-'))!;
  expect(en.html).toContain('Multilingual counselling on domestic violence');
  expect(en.html).toContain('Beratung in mehreren Sprachen.');
  expect(en.html).toContain('Unsubscribe from the newsletter');
});

test('the language is fixed when a mail is queued: a later change of the subscriber does not change a queued mail; a language the edition was not rendered in gets German', async () => {
  await addConfirmed(sg, 'fixed-ar', 1, [], null, 'ar');
  await addConfirmed(sg, 'fixed-de', 1, [], null, 'de');
  const id = await createEdition();
  await gqlOk(sg.url, SEND, { id }, headers);
  // After the edition was frozen (in German and Arabic) and before queuing, one subscriber switches to Ukrainian.
  await sg.ds.query(`UPDATE subscriber SET language = 'uk' WHERE email = 'fixed-de-1@example.org'`);
  const worker = workerFor(sg, sink);
  await worker.dispatcher.runOnce();
  // Queued; now the Arabic subscriber switches to German: the queued mail (and any retry of it) stays Arabic.
  await sg.ds.query(`UPDATE subscriber SET language = 'de' WHERE email = 'fixed-ar-1@example.org'`);
  await worker.outbox.drain();
  await worker.stop();
  const byTo = new Map(sink.messages.map((m) => [(m.to as { value: { address: string }[] }).value[0].address, m]));
  expect(byTo.get('fixed-ar-1@example.org')!.html).toContain('<html lang="ar" dir="rtl">');
  expect(byTo.get('fixed-de-1@example.org')!.html).toContain('<html lang="de" dir="ltr">');
  // Message-IDs stay the outbox row's: one per recipient, distinct.
  const ids = sink.messages.map((m) => m.messageId);
  expect(new Set(ids).size).toBe(2);
  const rows = await sg.ds.query(`SELECT id FROM outbox_mail ORDER BY id`);
  expect(ids.map((m) => m?.replace(/^<|@.*$/g, '')).sort()).toEqual(rows.map((r: { id: string }) => String(r.id)).sort());
});

test('coordinators preview an edition in a language, drafts through the graph, sent ones as frozen; unknown languages are refused', async () => {
  await addConfirmed(sg, 'pv', 1, [], null, 'ar');
  const id = await createEdition();
  const draft = (await gqlOk(sg.url, PREVIEW, { id, l: 'fa' }, headers)).newsletterEdition.preview;
  expect(draft.html).toContain('<html lang="fa" dir="rtl">');
  expect(draft.html).toContain('لغو اشتراک خبرنامه');
  expect(draft.html).toContain('سلام Erika Mustermann،');
  expect(draft.html).toContain('Mehrsprachige Beratung bei häuslicher Gewalt');
  await gqlOk(sg.url, SEND, { id }, headers);
  const frozen = (await gqlOk(sg.url, PREVIEW, { id, l: 'ar' }, headers)).newsletterEdition.preview;
  expect(frozen.html).toContain('استشارة متعددة اللغات في حالات العنف المنزلي');
  // Nobody reads Persian among the recipients: the frozen edition has no Persian rendering, such a subscriber would get German.
  expect((await gqlOk(sg.url, PREVIEW, { id, l: 'fa' }, headers)).newsletterEdition.preview.html).toContain('<html lang="de" dir="ltr">');
  expect((await gqlOk(sg.url, PREVIEW, { id }, headers)).newsletterEdition.preview.html).toContain('<html lang="de" dir="ltr">');
  const bad = await gql(sg.url, PREVIEW, { id, l: 'xx' }, headers);
  expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', supportedLanguages: expect.arrayContaining(['ar']) });
});
