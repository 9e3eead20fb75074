import { createHash } from 'node:crypto';
import { CLIENT_IP_HEADER, CLIENT_UA_HEADER } from '@mitgen/subgraph-kit';
import { asPrincipal, gql, gqlOk, startSmtpSink, type SmtpSink } from '@mitgen/test-kit';
import { CONSENT_TEXT_VERSION } from '../consent/consent.resolver';
import { purgeExpired } from '../retention/retention';
import {
  API,
  confirmTokenIn,
  coordinator,
  graphAnswers,
  movableClock,
  outboxFor,
  signUp,
  startFakeGraph,
  startNewsletter,
  workerFor,
  type NewsletterSubgraph,
} from '../test/helpers';

const clock = movableClock();
let sg: NewsletterSubgraph;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
let sink: SmtpSink;

beforeAll(async () => {
  graph = await startFakeGraph(graphAnswers({ topics: ['gewaltschutz', 'empowerment', 'gleichstellung'] }));
  sg = await startNewsletter({}, { clock });
  sg.services.graph.url = graph.url;
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sg?.stop();
  await graph?.close();
  await sink?.close();
});

const CONFIRM = 'mutation ($t: String!) { confirmSubscription(token: $t) { manageToken subscription { email status name language topics { slug } } } }';
const MANAGE_VIEW = 'query ($t: String!) { newsletterSubscription(token: $t) { email name language status topics { slug } } }';
const UPDATE = 'mutation ($t: String!, $i: NewsletterPreferencesInput!) { updateNewsletterSubscription(token: $t, input: $i) { name language topics { slug } } }';
const UNSUBSCRIBE = 'mutation ($t: String!) { unsubscribe(token: $t) { status name topics { slug } } }';

let counter = 0;
const freshEmail = (label: string) => `${label}-${++counter}@beispiel.de`;

/** Signs up and confirms an address; returns its manage token. */
async function subscribed(email: string, input: Record<string, unknown> = {}): Promise<string> {
  expect((await signUp(sg, { email, ...input })).errors).toBeUndefined();
  const [mail] = (await outboxFor(sg, email)).slice(-1);
  const { confirmSubscription } = await gqlOk(sg.url, CONFIRM, { t: confirmTokenIn(mail.text) });
  return confirmSubscription.manageToken;
}

describe('signing up', () => {
  test('the answer is the same for a new, a pending, a confirmed and an unsubscribed address', async () => {
    const pending = freshEmail('pending');
    await signUp(sg, { email: pending });
    const confirmed = freshEmail('confirmed');
    await subscribed(confirmed);
    const left = freshEmail('left');
    await gqlOk(sg.url, UNSUBSCRIBE, { t: await subscribed(left) });

    const answers = await Promise.all([freshEmail('new'), pending, confirmed, left].map((email) => signUp(sg, { email, name: 'Anna' })));
    for (const a of answers) expect(a.errors).toBeUndefined();
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0].data.subscribeToNewsletter.confirmationLinkHours).toBe(48);
  });

  test('a new or pending address gets a confirmation mail per sign-up; a confirmed one gets none and keeps its preferences', async () => {
    const email = freshEmail('mails');
    await signUp(sg, { email });
    await signUp(sg, { email });
    expect(await outboxFor(sg, email)).toHaveLength(2);

    const confirmed = freshEmail('kept');
    const token = await subscribed(confirmed, { name: 'Original', topics: ['empowerment'] });
    await signUp(sg, { email: confirmed.toUpperCase(), name: 'Someone else', topics: ['gewaltschutz'] });
    expect(await outboxFor(sg, confirmed)).toHaveLength(1);
    const { newsletterSubscription } = await gqlOk(sg.url, MANAGE_VIEW, { t: token });
    expect(newsletterSubscription).toMatchObject({ name: 'Original', topics: [{ slug: 'empowerment' }], status: 'CONFIRMED' });
  });

  test('the confirmation mail arrives over SMTP with one confirm link, how long it works, and no advertising or entered name', async () => {
    const email = freshEmail('mail');
    await signUp(sg, { email, name: '<b>Gewinnspiel</b> http://evil.example' });
    const worker = workerFor(sg, sink);
    await worker.outbox.drain();
    await worker.stop();
    const mail = sink.messages.find((m) => m.to && JSON.stringify(m.to).includes(email))!;
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre Anmeldung zum MitGeN-Newsletter');
    expect(mail.text).toContain('48 Stunden');
    expect(mail.text).not.toMatch(/Gewinnspiel|evil/);
    expect(mail.html).not.toMatch(/Gewinnspiel|evil/);
    const links = [...String(mail.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual([`https://mitgen.example/newsletter/confirm?token=${confirmTokenIn(mail.text!)}`, 'https://mitgen.example/impressum']);
    // A newsletter mail, not this one, carries the unsubscribe headers: there is nothing to unsubscribe from yet.
    expect(mail.headerLines.map((h) => h.key)).not.toContain('list-unsubscribe');
  });

  test('English is the language of the confirmation mail when chosen', async () => {
    const email = freshEmail('english');
    await signUp(sg, { email, language: 'en' });
    const [mail] = await outboxFor(sg, email);
    expect(mail.subject).toBe('Please confirm your subscription to the MitGeN newsletter');
  });

  test('without a chosen language the Accept-Language of the request decides (Arabic: right-to-left mail); garbage or none is German', async () => {
    const arabic = freshEmail('arabic');
    await gqlOk(sg.url, 'mutation ($i: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $i) { message } }', { i: { email: arabic } }, { 'accept-language': 'ar-SY,ar;q=0.9,de;q=0.5' });
    const [mail] = await outboxFor(sg, arabic);
    expect(mail.subject).toBe('يرجى تأكيد اشتراكك في نشرة MitGeN الإخبارية');
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.text).toContain('الرابط صالح لمدة 48 ساعة.');
    const german = freshEmail('garbage');
    await signUp(sg, { email: german }, { 'accept-language': '%%;q=x,,' });
    expect((await outboxFor(sg, german))[0].html).toContain('<html lang="de" dir="ltr">');
    // A chosen language wins over the header.
    const chosen = freshEmail('chosen');
    await signUp(sg, { email: chosen, language: 'uk' }, { 'accept-language': 'ar' });
    expect((await outboxFor(sg, chosen))[0].subject).toBe('Будь ласка, підтвердьте підписку на розсилку MitGeN');
    expect(await sg.ds.query('SELECT email, language FROM subscriber WHERE email = ANY($1) ORDER BY email', [[arabic, german, chosen]])).toEqual(
      [
        { email: arabic, language: 'ar' },
        { email: german, language: 'de' },
        { email: chosen, language: 'uk' },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );
  });

  test('a language that is no content language is refused, listing the supported codes', async () => {
    for (const language of ['fr', 'xx', 'klingonisch']) {
      const res = await signUp(sg, { email: freshEmail('lang'), language });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language', supportedLanguages: ['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ku'] });
      expect(res.errors?.[0].message).toContain('de, en, ar, fa, tr, uk, ru, ku');
    }
    // Regional variants count as their language.
    const email = freshEmail('regional');
    await gqlOk(sg.url, 'mutation ($i: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $i) { message } }', { i: { email, language: 'fa-AF' } });
    expect((await sg.ds.query('SELECT language FROM subscriber WHERE email = $1', [email]))[0].language).toBe('fa');
  });

  test.each([
    ['no-at-sign.example.org', 'INVALID_EMAIL'],
    ['anna@localhost', 'INVALID_EMAIL'],
    ['anna..b@beispiel.de', 'INVALID_EMAIL'],
    ['anna @beispiel.de', 'INVALID_EMAIL'],
    ['anna@mailinator.com', 'DISPOSABLE_EMAIL'],
    ['anna@eu.trashmail.de', 'DISPOSABLE_EMAIL'],
    ['anna@my-tempmail-service.net', 'DISPOSABLE_EMAIL'],
  ])('%s is refused (%s) with a clear message on email, and nothing is stored', async (email, reason) => {
    const res = await signUp(sg, { email });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email', reason });
    expect(res.errors?.[0].message).toMatch(/address/);
    expect(await sg.ds.query('SELECT 1 FROM subscriber WHERE lower(email) = lower($1)', [email])).toEqual([]);
  });

  test('unknown topics and consent text versions are refused naming the field', async () => {
    const topic = await signUp(sg, { email: freshEmail('topic'), topics: ['gewaltschutz', 'gibt-es-nicht'] });
    expect(topic.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'topics' });
    expect(topic.errors?.[0].message).toContain('gibt-es-nicht');
    const version = await signUp(sg, { email: freshEmail('version'), consentTextVersion: '1999-01-01' });
    expect(version.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consentTextVersion' });
  });
});

describe('per-address limit', () => {
  test('at most 3 confirmation mails per address in 24 hours, whatever its letter case; the refusal is the same for a confirmed address', async () => {
    const email = freshEmail('bomb');
    for (const variant of [email, email.toUpperCase(), email]) expect((await signUp(sg, { email: variant })).errors).toBeUndefined();
    const fourth = await signUp(sg, { email });
    expect(fourth.errors?.[0].extensions?.code).toBe('TOO_MANY_SIGN_UPS');
    expect(await outboxFor(sg, email)).toHaveLength(3);

    const confirmed = freshEmail('confirmed-bomb');
    await subscribed(confirmed); // one sign-up used
    await signUp(sg, { email: confirmed });
    await signUp(sg, { email: confirmed });
    const refused = await signUp(sg, { email: confirmed });
    expect(refused.errors?.[0]).toEqual(fourth.errors?.[0]);
  });

  test('the limit is stored with the address (holds for every instance) and opens again after 24 hours', async () => {
    const email = freshEmail('window');
    for (let i = 0; i < 3; i++) await signUp(sg, { email });
    const [row] = await sg.ds.query('SELECT signups_in_window FROM subscriber WHERE lower(email) = $1', [email]);
    expect(row.signups_in_window).toBe(3);
    expect((await signUp(sg, { email })).errors?.[0].extensions?.code).toBe('TOO_MANY_SIGN_UPS');
    clock.advanceHours(24);
    expect((await signUp(sg, { email })).errors).toBeUndefined();
    expect(await outboxFor(sg, email)).toHaveLength(4);
  });
});

describe('confirming', () => {
  test('the consent proof is stored only on confirmation: time, IP and user agent as the gateway saw them, consent text version', async () => {
    const email = freshEmail('proof');
    await signUp(sg, { email, name: 'Leyla', topics: ['gewaltschutz'], consentTextVersion: CONSENT_TEXT_VERSION }, {
      [CLIENT_IP_HEADER]: '198.51.100.7',
      [CLIENT_UA_HEADER]: 'Sign-up browser',
    });
    const [{ id }] = await sg.ds.query('SELECT id FROM subscriber WHERE email = $1', [email]);
    expect(await sg.ds.query('SELECT * FROM newsletter_consent WHERE subscriber_id = $1', [id])).toEqual([]);
    const signedUpAt = clock.now();

    clock.advanceHours(2);
    const [mail] = await outboxFor(sg, email);
    const headers = { [CLIENT_IP_HEADER]: '203.0.113.9', [CLIENT_UA_HEADER]: 'Mozilla/5.0 (Confirming browser)' };
    const { confirmSubscription } = await gqlOk(sg.url, CONFIRM, { t: confirmTokenIn(mail.text) }, headers);
    expect(confirmSubscription.subscription).toEqual({ email, status: 'CONFIRMED', name: 'Leyla', language: 'de', topics: [{ slug: 'gewaltschutz' }] });

    const proofs = await sg.ds.query('SELECT * FROM newsletter_consent WHERE subscriber_id = $1', [id]);
    expect(proofs).toHaveLength(1);
    expect(proofs[0]).toMatchObject({ ip_address: '203.0.113.9', user_agent: 'Mozilla/5.0 (Confirming browser)', consent_text_version: CONSENT_TEXT_VERSION, withdrawn_at: null });
    expect(proofs[0].requested_at).toEqual(signedUpAt);
    expect(proofs[0].confirmed_at).toEqual(clock.now());

    // Clicking the link again changes nothing.
    await gqlOk(sg.url, CONFIRM, { t: confirmTokenIn(mail.text) }, headers);
    expect(await sg.ds.query('SELECT 1 FROM newsletter_consent WHERE subscriber_id = $1', [id])).toHaveLength(1);

    const { newsletterSubscribers } = await gqlOk(
      sg.url,
      'query ($s: String) { newsletterSubscribers(filter: { search: $s }) { nodes { status consent { ipAddress userAgent consentTextVersion confirmedAt requestedAt } } } }',
      { s: email },
      await coordinator(),
    );
    expect(newsletterSubscribers.nodes[0].consent).toMatchObject({ ipAddress: '203.0.113.9', consentTextVersion: CONSENT_TEXT_VERSION });
  });

  test('only hashes of tokens are stored', async () => {
    const email = freshEmail('hash');
    await signUp(sg, { email });
    const token = confirmTokenIn((await outboxFor(sg, email))[0].text);
    const hash = createHash('sha256').update(token).digest();
    const [{ id }] = await sg.ds.query('SELECT id FROM subscriber WHERE email = $1', [email]);
    const stored = await sg.ds.query('SELECT token_hash, purpose FROM subscriber_token WHERE subscriber_id = $1', [id]);
    expect(stored).toEqual([{ token_hash: hash, purpose: 'CONFIRM' }]);
    const dump = JSON.stringify(await sg.ds.query('SELECT * FROM subscriber s JOIN subscriber_token t ON t.subscriber_id = s.id WHERE s.id = $1', [id]));
    expect(dump).not.toContain(token);
  });

  test('an unknown or expired link is a clear error, and an expired one confirms nothing', async () => {
    const unknown = await gql(sg.url, CONFIRM, { t: 'not-a-real-token' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', reason: 'UNKNOWN_TOKEN' });

    const email = freshEmail('late');
    await signUp(sg, { email });
    const token = confirmTokenIn((await outboxFor(sg, email))[0].text);
    clock.advanceHours(48);
    const expired = await gql(sg.url, CONFIRM, { t: token });
    expect(expired.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', reason: 'EXPIRED_TOKEN' });
    expect(expired.errors?.[0].message).toMatch(/expired.*48 hours.*sign up again/);
    const [row] = await sg.ds.query('SELECT status FROM subscriber WHERE email = $1', [email]);
    expect(row.status).toBe('PENDING');
  });

  test('a confirmation link does not work as an unsubscribe or preferences link', async () => {
    const email = freshEmail('purpose');
    await signUp(sg, { email });
    const token = confirmTokenIn((await outboxFor(sg, email))[0].text);
    const res = await gql(sg.url, UNSUBSCRIBE, { t: token });
    expect(res.errors?.[0].extensions).toMatchObject({ field: 'token', reason: 'UNKNOWN_TOKEN' });
  });
});

describe('preferences and leaving', () => {
  test('a subscriber changes topics, language and name with the link token; unknown topics are refused', async () => {
    const token = await subscribed(freshEmail('prefs'), { name: 'Jana' });
    const { updateNewsletterSubscription } = await gqlOk(sg.url, UPDATE, { t: token, i: { topics: ['empowerment', 'gleichstellung'], language: 'en', name: '  Jana K.  ' } });
    expect(updateNewsletterSubscription).toEqual({ name: 'Jana K.', language: 'en', topics: [{ slug: 'empowerment' }, { slug: 'gleichstellung' }] });
    const cleared = await gqlOk(sg.url, UPDATE, { t: token, i: { name: '' } });
    expect(cleared.updateNewsletterSubscription.name).toBeNull();
    const bad = await gql(sg.url, UPDATE, { t: token, i: { topics: ['quatsch'] } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'topics' });
    const badName = await gql(sg.url, UPDATE, { t: token, i: { name: 'Zeile\nzwei' } });
    expect(badName.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  test('the language is changed to any content language; other codes are refused and change nothing', async () => {
    const token = await subscribed(freshEmail('prefs-lang'));
    expect((await gqlOk(sg.url, UPDATE, { t: token, i: { language: 'fa' } })).updateNewsletterSubscription.language).toBe('fa');
    const bad = await gql(sg.url, UPDATE, { t: token, i: { language: 'fr' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language', supportedLanguages: expect.arrayContaining(['ar', 'fa']) });
    expect((await gqlOk(sg.url, MANAGE_VIEW, { t: token })).newsletterSubscription.language).toBe('fa');
  });

  test('unsubscribing withdraws the consent, removes name and interests, and can be repeated', async () => {
    const email = freshEmail('leave');
    const token = await subscribed(email, { name: 'Amir', topics: ['gewaltschutz'] });
    const { unsubscribe } = await gqlOk(sg.url, UNSUBSCRIBE, { t: token });
    expect(unsubscribe).toEqual({ status: 'UNSUBSCRIBED', name: null, topics: [] });
    const [proof] = await sg.ds.query('SELECT c.withdrawn_at FROM newsletter_consent c JOIN subscriber s ON s.id = c.subscriber_id WHERE s.email = $1', [email]);
    expect(proof.withdrawn_at).toEqual(clock.now());
    expect((await gqlOk(sg.url, UNSUBSCRIBE, { t: token })).unsubscribe.status).toBe('UNSUBSCRIBED');
    const update = await gql(sg.url, UPDATE, { t: token, i: { language: 'de' } });
    expect(update.errors?.[0].extensions?.code).toBe('NOT_SUBSCRIBED');
  });

  test('signing up again after unsubscribing needs a new confirmation, which adds a second consent proof', async () => {
    const email = freshEmail('back');
    await gqlOk(sg.url, UNSUBSCRIBE, { t: await subscribed(email) });
    await signUp(sg, { email, name: 'Wieder da' });
    const [row] = await sg.ds.query('SELECT id, status FROM subscriber WHERE email = $1', [email]);
    expect(row.status).toBe('UNSUBSCRIBED');
    const mails = await outboxFor(sg, email);
    await gqlOk(sg.url, CONFIRM, { t: confirmTokenIn(mails[mails.length - 1].text) });
    const proofs = await sg.ds.query('SELECT withdrawn_at FROM newsletter_consent WHERE subscriber_id = $1 ORDER BY confirmed_at', [row.id]);
    expect(proofs.map((p: { withdrawn_at: Date | null }) => p.withdrawn_at === null)).toEqual([false, true]);
  });

  test('one-click unsubscribe (RFC 8058): POST unsubscribes, GET only shows a button, unknown links get 404', async () => {
    const email = freshEmail('oneclick');
    const token = await subscribed(email);
    const url = sg.url.replace('/graphql', `/newsletter/unsubscribe/${token}`);
    const get = await fetch(url);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('<form method="post">');
    expect((await sg.ds.query('SELECT status FROM subscriber WHERE email = $1', [email]))[0].status).toBe('CONFIRMED');

    const post = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('Abgemeldet');
    expect((await sg.ds.query('SELECT status FROM subscriber WHERE email = $1', [email]))[0].status).toBe('UNSUBSCRIBED');

    const unknown = await fetch(sg.url.replace('/graphql', '/newsletter/unsubscribe/unknown-token'), { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(unknown.status).toBe(404);
    expect(API).toMatch(/^https:/); // the mails point at the gateway's public URL, which proxies /newsletter/* here
  });
});

describe('retention', () => {
  test('never-confirmed sign-ups are deleted 72 hours after the last sign-up; confirmed ones and younger ones stay', async () => {
    const old = freshEmail('purge-old');
    await signUp(sg, { email: old });
    clock.advanceHours(2);
    const young = freshEmail('purge-young');
    await signUp(sg, { email: young });
    const kept = freshEmail('purge-confirmed');
    await subscribed(kept);

    clock.advanceHours(71);
    await purgeExpired(sg.ds, clock.now());
    const emails = async () => (await sg.ds.query('SELECT email FROM subscriber WHERE email = ANY($1)', [[old, young, kept]])).map((r: { email: string }) => r.email).sort();
    expect(await emails()).toEqual([kept, young].sort());
    clock.advanceHours(2);
    const report = await purgeExpired(sg.ds, clock.now());
    expect(await emails()).toEqual([kept]);
    expect(report.pendingDeleted).toBeGreaterThanOrEqual(1);
  });

  test('expired tokens are deleted; unsubscribed addresses and their proof go after three years; old mails lose their content', async () => {
    const email = freshEmail('years');
    const token = await subscribed(email);
    await gqlOk(sg.url, UNSUBSCRIBE, { t: token });
    const [{ id }] = await sg.ds.query('SELECT id FROM subscriber WHERE email = $1', [email]);
    clock.advanceHours(24 * 366);
    await purgeExpired(sg.ds, clock.now());
    expect(await sg.ds.query('SELECT 1 FROM subscriber_token WHERE subscriber_id = $1', [id])).toEqual([]);
    expect(await sg.ds.query('SELECT 1 FROM newsletter_consent WHERE subscriber_id = $1', [id])).toHaveLength(1);
    clock.advanceHours(24 * 365 * 2);
    await sg.ds.query(`UPDATE outbox_mail SET status = 'SENT', created_at = now() - interval '8 days'`);
    await purgeExpired(sg.ds, clock.now());
    expect(await sg.ds.query('SELECT 1 FROM subscriber WHERE id = $1', [id])).toEqual([]);
    expect(await sg.ds.query('SELECT 1 FROM newsletter_consent WHERE subscriber_id = $1', [id])).toEqual([]);
    expect(await sg.ds.query(`SELECT 1 FROM outbox_mail WHERE message->>'to' = $1`, [email])).toEqual([]);
  });
});

describe('coordinators', () => {
  test('list subscribers with status, topic and search filters, page by page', async () => {
    const topicMail = freshEmail('listed');
    await subscribed(topicMail, { topics: ['gleichstellung'] });
    await signUp(sg, { email: freshEmail('listed-pending') });
    await signUp(sg, { email: freshEmail('listed-pending') });
    const q = 'query ($f: NewsletterSubscriberFilter, $after: String) { newsletterSubscribers(filter: $f, first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { email status topics { slug } } } }';
    const headers = await coordinator();
    const byTopic = await gqlOk(sg.url, q, { f: { topic: 'gleichstellung', status: 'CONFIRMED' } }, headers);
    expect(byTopic.newsletterSubscribers.nodes.map((n: { email: string }) => n.email)).toContain(topicMail);
    const pending = await gqlOk(sg.url, q, { f: { status: 'PENDING' } }, headers);
    expect(pending.newsletterSubscribers.totalCount).toBeGreaterThan(1);
    const next = await gqlOk(sg.url, q, { f: { status: 'PENDING' }, after: pending.newsletterSubscribers.pageInfo.endCursor }, headers);
    expect(next.newsletterSubscribers.nodes[0].email).not.toBe(pending.newsletterSubscribers.nodes[0].email);
    const big = await gql(sg.url, 'query { newsletterSubscribers(first: 500) { totalCount } }', {}, headers);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('counts by status and topic', async () => {
    const { newsletterSubscriberCounts: c } = await gqlOk(
      sg.url,
      '{ newsletterSubscriberCounts { total pending confirmed unsubscribed confirmedWithoutTopics byTopic { topic { slug } confirmed } } }',
      {},
      await coordinator(),
    );
    const [db] = await sg.ds.query(`SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'CONFIRMED')::int AS confirmed FROM subscriber`);
    expect(c.total).toBe(db.total);
    expect(c.confirmed).toBe(db.confirmed);
    expect(c.pending + c.confirmed + c.unsubscribed).toBe(c.total);
    expect(c.byTopic.find((t: { topic: { slug: string } }) => t.topic.slug === 'gleichstellung')?.confirmed).toBeGreaterThanOrEqual(1);
  });

  test('CSV export: one line per subscriber, spreadsheet formulas defused', async () => {
    const email = freshEmail('csv');
    await subscribed(email, { name: '=HYPERLINK("http://evil.example","klick")', topics: ['empowerment'] });
    const { newsletterSubscribersCsv: csv } = await gqlOk(sg.url, '{ newsletterSubscribersCsv(filter: { status: CONFIRMED }) }', {}, await coordinator());
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('email,name,language,topics,status,signed_up_at,confirmed_at,unsubscribed_at,consent_text_version');
    const line = lines.find((l: string) => l.startsWith(email))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""klick"")",de,empowerment,CONFIRMED,`);
    expect(line.endsWith(CONSENT_TEXT_VERSION)).toBe(true);
    const [{ n }] = await sg.ds.query(`SELECT count(*)::int AS n FROM subscriber WHERE status = 'CONFIRMED'`);
    expect(lines).toHaveLength(n + 1);
  });

  test('subscriber data is for coordinators only', async () => {
    for (const q of ['{ newsletterSubscribers { totalCount } }', '{ newsletterSubscriberCounts { total } }', '{ newsletterSubscribersCsv }']) {
      expect((await gql(sg.url, q)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const editor = await asPrincipal({ role: 'PARTNER_EDITOR', subject: 'e', partnerId: '00000000-0000-4000-8000-000000000001' }, 'newsletter');
      expect((await gql(sg.url, q, {}, editor)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      // A forged coordinator header without the gateway's signature is anonymous.
      expect((await gql(sg.url, q, {}, { 'x-mitgen-principal': 'forged' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  test('the subscriber list costs the same number of SQL statements for 2 or 40 subscribers', async () => {
    const q = '{ newsletterSubscribers(first: 100, filter: { search: "sqlcount" }) { nodes { email topics { slug } consent { confirmedAt } } } }';
    const statements = async () => {
      sg.counter.reset();
      await gqlOk(sg.url, q, {}, await coordinator());
      return sg.counter.count;
    };
    for (let i = 0; i < 2; i++) await subscribed(freshEmail('sqlcount'));
    const few = await statements();
    for (let i = 0; i < 38; i++) await subscribed(freshEmail('sqlcount'));
    expect(await statements()).toBe(few);
  });
});
