import { randomUUID } from 'node:crypto';
import { AuditEntry, CLIENT_IP_HEADER, CLIENT_UA_HEADER } from '@mitgen/subgraph-kit';
import { asPrincipal, callErasure, countsOf, entitiesQuery, forgedPrincipal, gql, gqlOk, startSmtpSink, type SmtpSink } from '@mitgen/test-kit';
import {
  confirmTokenIn,
  coordinator,
  graphAnswers,
  movableClock,
  signUp,
  startFakeGraph,
  startNewsletter,
  workerFor,
  type NewsletterSubgraph,
} from '../test/helpers';

// The newsletter service's part of the privacy export and erasure: subscription, every consent
// proof, tokens and mails; export for coordinators only — also through `_entities` —, erasure for
// the erasure coordinator only.

const clock = movableClock();
let sg: NewsletterSubgraph;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
let sink: SmtpSink;
beforeAll(async () => {
  graph = await startFakeGraph(graphAnswers({ topics: ['gewaltschutz', 'empowerment'] }));
  sg = await startNewsletter({}, { clock });
  sg.services.graph.url = graph.url;
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sg?.stop();
  await graph?.close();
  await sink?.close();
});

let n = 0;
const freshEmail = () => `Leyla.Demir.${++n}@beispiel.de`;
const CLIENT = { [CLIENT_IP_HEADER]: '198.51.100.23', [CLIENT_UA_HEADER]: 'Mozilla/5.0 (Privacy-Test)' };

/** Signs up and confirms (from the person's browser); returns the manage token. */
async function subscribe(email: string, input: Record<string, unknown> = {}): Promise<string> {
  expect((await signUp(sg, { email, ...input })).errors).toBeUndefined();
  const [{ text }] = await sg.ds.query(`SELECT message->>'text' AS text FROM outbox_mail WHERE lower(message->>'to') = lower($1) ORDER BY created_at DESC LIMIT 1`, [email]);
  const { confirmSubscription } = await gqlOk(sg.url, 'mutation ($t: String!) { confirmSubscription(token: $t) { manageToken } }', { t: confirmTokenIn(text) }, CLIENT);
  return confirmSubscription.manageToken;
}

const SUBJECT = `newsletterSubscription { email name language status confirmedAt topics { slug } consent { consentTextVersion ipAddress } }
  newsletterConsentProofs { totalCount nodes { requestedAt confirmedAt ipAddress userAgent consentTextVersion withdrawnAt } }
  newsletterMails { totalCount nodes { subject status } }`;
const exportOf = async (email: string, headers?: Record<string, string>) =>
  gql(sg.url, entitiesQuery('DataSubject', SUBJECT), { r: [{ __typename: 'DataSubject', email }] }, headers ?? (await coordinator()));
/** This service's part of an erasure request (as the erasure coordinator unless other headers are given). */
const erase = (email: string, options: { requestId?: string; headers?: Record<string, string> } = {}) => callErasure(sg.url, 'newsletter', email, options);

test('the export has the subscription, every consent proof and the mails of an address, in any letter case', async () => {
  const email = freshEmail();
  await gqlOk(sg.url, 'mutation ($t: String!) { unsubscribe(token: $t) { status } }', { t: await subscribe(email, { name: 'Leyla', topics: ['gewaltschutz'] }) });
  clock.advanceHours(30);
  await subscribe(email.toLowerCase(), { name: 'Leyla D.', topics: ['empowerment'], language: 'ar' });

  const { data } = await exportOf(email.toUpperCase());
  const subject = data._entities[0];
  expect(subject.newsletterSubscription).toMatchObject({
    email: email.toLowerCase(),
    name: 'Leyla D.',
    language: 'ar',
    status: 'CONFIRMED',
    topics: [{ slug: 'empowerment' }],
    consent: { ipAddress: '198.51.100.23' },
  });
  expect(subject.newsletterConsentProofs.totalCount).toBe(2);
  const [latest, first] = subject.newsletterConsentProofs.nodes;
  expect(latest).toMatchObject({ ipAddress: '198.51.100.23', userAgent: 'Mozilla/5.0 (Privacy-Test)', withdrawnAt: null, confirmedAt: clock.now().toISOString() });
  expect(first.withdrawnAt).not.toBeNull();
  expect(subject.newsletterMails.totalCount).toBe(2);
  expect(subject.newsletterMails.nodes.every((m: { status: string }) => m.status === 'PENDING')).toBe(true);
});

test('only coordinators export, only the erasure coordinator erases: nobody else gets or erases anything', async () => {
  const email = freshEmail();
  await subscribe(email);
  const callers: Array<[string, Record<string, string>, string]> = [
    ['anonymous', {}, 'UNAUTHENTICATED'],
    ['API key', await asPrincipal({ role: 'API_CLIENT', subject: 'key-1', partnerId: 'p' }, 'newsletter'), 'UNAUTHENTICATED'],
    ['forged coordinator', await forgedPrincipal({ role: 'COORDINATOR', subject: 'coordinator-1' }, 'newsletter'), 'UNAUTHENTICATED'],
    ['editor', await asPrincipal({ role: 'PARTNER_EDITOR', subject: 'editor-1', partnerId: 'p' }, 'newsletter'), 'FORBIDDEN'],
  ];
  for (const [who, headers, code] of callers) {
    const exported = await exportOf(email, headers);
    expect([who, exported.data._entities, exported.errors?.[0].extensions?.code]).toEqual([
      who,
      [{ newsletterSubscription: null, newsletterConsentProofs: null, newsletterMails: null }],
      code,
    ]);
    const erased = await erase(email, { headers });
    expect([who, erased.data?.erasure ?? null, erased.errors?.[0].extensions?.code]).toEqual([who, null, code]);
  }
  // Coordinators too: an erasure runs only for a stored request (eraseDataSubject).
  const byCoordinator = await erase(email, { headers: await coordinator() });
  expect([byCoordinator.data?.erasure, byCoordinator.errors?.[0].extensions?.code]).toEqual([null, 'FORBIDDEN']);
  // The old erasure entity is gone: a representation of it reaches nothing that could erase.
  const entity = await gql(sg.url, entitiesQuery('DataSubjectErasure', '__typename'), { r: [{ __typename: 'DataSubjectErasure', email }] }, await coordinator());
  expect(entity.errors?.length).toBeGreaterThan(0);
  expect((await exportOf(email)).data._entities[0].newsletterSubscription.status).toBe('CONFIRMED');
});

test('erasure deletes subscription, consent proofs and tokens, takes back unsent edition mails, scrubs sent ones, and is idempotent', async () => {
  const email = freshEmail();
  const manageToken = await subscribe(email, { name: 'Leyla', topics: ['gewaltschutz'] });
  await sg.ds.query(`UPDATE outbox_mail SET status = 'SENT', sent_at = now() WHERE lower(message->>'to') = lower($1)`, [email]);
  // An edition is being sent: the person's mail is queued, not sent yet.
  const headers = await coordinator();
  const { createNewsletterEdition: edition } = await gqlOk(
    sg.url,
    'mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }',
    { i: { title: 'Neues aus dem Netzwerk', items: [{ kind: 'TEXT', title: 'In eigener Sache', text: 'Wir suchen Beiträge.' }] } },
    headers,
  );
  await gqlOk(sg.url, 'mutation ($id: ID!) { sendNewsletterEdition(id: $id) { status } }', { id: edition.id }, headers);
  const worker = workerFor(sg, sink);
  await worker.dispatcher.runOnce();
  await worker.stop();
  const total = async () =>
    (await gqlOk(sg.url, 'query ($id: ID!) { newsletterEdition(id: $id) { delivery { total pending } } }', { id: edition.id }, headers)).newsletterEdition.delivery;
  const before = await total();

  const requestId = randomUUID();
  const res = await erase(email.toUpperCase(), { requestId });
  expect(res.errors).toBeUndefined();
  expect(res.data.erasure).toMatchObject({ service: 'newsletter', requestId });
  expect(countsOf(res)).toEqual({ subscriptionsDeleted: 1, consentProofsDeleted: 1, mailsWithdrawn: 1, mailsScrubbed: 1 });
  expect(await total()).toEqual({ total: before.total - 1, pending: before.pending - 1 });

  const after = (await exportOf(email)).data._entities[0];
  expect(after).toEqual({ newsletterSubscription: null, newsletterConsentProofs: { totalCount: 0, nodes: [] }, newsletterMails: { totalCount: 0, nodes: [] } });
  expect((await gql(sg.url, 'query ($t: String!) { newsletterSubscription(token: $t) { status } }', { t: manageToken })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const tables: { table_name: string }[] = await sg.ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  for (const { table_name } of tables) {
    const [{ hits }] = await sg.ds.query(`SELECT count(*)::int AS hits FROM "${table_name}" t WHERE t::text ILIKE $1`, [`%${email}%`]);
    expect([table_name, hits]).toEqual([table_name, 0]);
  }
  const [entry] = await sg.ds.getRepository(AuditEntry).find({ where: { entityType: 'DataSubject', action: 'ERASE' }, order: { at: 'DESC' } });
  expect(entry).toMatchObject({ entityId: requestId, actorRole: 'SYSTEM', changes: { subscriptionsDeleted: 1, consentProofsDeleted: 1, mailsWithdrawn: 1, mailsScrubbed: 1 } });

  expect(countsOf(await erase(email))).toEqual({ subscriptionsDeleted: 0, consentProofsDeleted: 0, mailsWithdrawn: 0, mailsScrubbed: 0 });
  // No suppression list: the address may sign up again, and gets the newsletter only after confirming anew.
  expect((await signUp(sg, { email })).errors).toBeUndefined();
  expect((await exportOf(email)).data._entities[0].newsletterSubscription.status).toBe('PENDING');
});

test('the export costs the same number of SQL statements for one consent proof and mail or many', async () => {
  const count = async (extra: number) => {
    const email = freshEmail();
    await subscribe(email);
    await sg.ds.query(
      `INSERT INTO newsletter_consent (subscriber_id, requested_at, confirmed_at, consent_text_version)
       SELECT id, now(), now() - make_interval(days => i), '2026-11-01' FROM subscriber, generate_series(1, $2) AS i WHERE lower(email) = lower($1)`,
      [email, extra],
    );
    await sg.ds.query(
      `INSERT INTO outbox_mail (dedupe_key, message) SELECT 'test:' || $1 || ':' || i, jsonb_build_object('to', $1::text, 'subject', 'Test', 'text', '') FROM generate_series(1, $2) AS i`,
      [email, extra],
    );
    sg.counter.reset();
    const { data } = await exportOf(email);
    expect(data._entities[0].newsletterConsentProofs.totalCount).toBe(extra + 1);
    return sg.counter.count;
  };
  const one = await count(0);
  expect(await count(6)).toBe(one);
});
