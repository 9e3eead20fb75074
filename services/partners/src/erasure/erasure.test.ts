import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuditEntry, erasureMutationName, verificationKeys, verifyUserToken, type Principal } from '@mitgen/subgraph-kit';
import { startTestSubgraph, TEST_KEYS, type TestSubgraph } from '@mitgen/test-kit';
import { DEV_ERASURE_SECRET, partnersEnv } from '../env';
import { partnersSubgraph } from '../subgraph';
import { as, asOk, codeOf, type Caller } from '../test/callers';
import { addressKeys, openAddress, sealAddress } from './erasure.crypto';
import { ErasureCoordinator } from './erasure.service';
import { erasureParticipants } from './participants';

// Erasure requests: stored with a keyed hash of the address (the address itself sealed only while
// a service has not confirmed), carried out through the graph by calling each participating
// service's erasure mutation, retried by the worker until every service confirms. The gateway is
// a stand-in here that answers for each service as told; integration-tests/src/privacy.e2e.test.ts
// runs the same through the real gateway and services.

type Mode = 'ok' | 'down' | 'unknown';

/** A stand-in for the gateway: checks the erasure coordinator's token and answers each service's erasure mutation per `modes`. */
async function startFakeGraph() {
  const keys = await verificationKeys(TEST_KEYS.user.publicKey);
  const modes: Record<string, Mode> = {};
  const calls: Array<{ service: string; requestId: string; email: string; principal: Principal }> = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { query, variables } = JSON.parse(body) as { query: string; variables: { requestId: string; email: string } };
    const principal = await verifyUserToken(keys, String(req.headers.authorization).replace(/^Bearer /, ''));
    const service = /eraseDataSubjectIn(\w+)/.exec(query)![1].toLowerCase();
    calls.push({ service, requestId: variables.requestId, email: variables.email, principal });
    const answer = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    switch (modes[service] ?? 'ok') {
      case 'ok':
        return answer(200, { data: { erasure: { service, counts: [{ what: `${service}Erased`, count: 1 }] } } });
      case 'down':
        return answer(200, { data: { erasure: null }, errors: [{ message: `The ${service} service is unavailable; its data is missing from this response`, extensions: { code: 'SERVICE_UNAVAILABLE', service } }] });
      case 'unknown':
        return answer(400, { errors: [{ message: `Cannot query field "${erasureMutationName(service)}" on type "Mutation".`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    modes,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let graph: Awaited<ReturnType<typeof startFakeGraph>>;
let sg: TestSubgraph;
beforeAll(async () => {
  graph = await startFakeGraph();
  sg = await startTestSubgraph(partnersSubgraph, { GRAPH_URL: graph.url, ERASURE_WORKER: 'true', ERASURE_RETRY_SECONDS: '1' });
});
afterAll(async () => {
  await sg?.stop();
  await graph?.close();
});
beforeEach(() => {
  for (const k of Object.keys(graph.modes)) delete graph.modes[k];
});

const REQUEST = `id status emailHash requestedAt completedAt requestedBy { id }
  services { service status counts { what count } reason attempts lastAttemptAt nextAttemptAt completedAt }`;
const ERASE = `mutation ($e: String!) { eraseDataSubject(email: $e) { ${REQUEST} } }`;
const READ = `query ($id: ID!) { erasureRequest(id: $id) { ${REQUEST} } }`;
const PARTICIPANTS = ['events', 'newsletter', 'partners'];

let n = 0;
const someone = () => `Leyla.Demir.${++n}@Beispiel.de`;
const read = async (id: string) => (await asOk(sg.url, 'coordinator', READ, { id })).erasureRequest;
/** What the request's row holds, as stored. */
const stored = async (id: string) => (await sg.ds.query('SELECT status, email_hash, email_sealed FROM erasure_request WHERE id = $1', [id]))[0];

/** Waits until the request is no longer PENDING (the worker calls every second; jest's timeout bounds it). */
async function settled(id: string) {
  for (;;) {
    const request = await read(id);
    if (request.status !== 'PENDING') return request;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('the services that take part are those of the registry that declare their erasure mutation', () => {
  // In the registry's order; resources holds no personal data.
  expect(erasureParticipants()).toEqual(['partners', 'events', 'newsletter']);
  expect(sg.services.erasure.participants).toEqual(erasureParticipants());
});

test('a request calls every service through the graph as the erasure coordinator, is DONE when all confirmed, and keeps no address', async () => {
  const email = someone();
  const { eraseDataSubject: request } = await asOk(sg.url, 'coordinator', ERASE, { e: ` ${email.toUpperCase()} ` });
  expect(request).toMatchObject({ status: 'DONE', requestedBy: null, completedAt: expect.any(String) });
  expect(request.services.map((s: { service: string }) => s.service)).toEqual(PARTICIPANTS);
  for (const part of request.services) {
    expect(part).toMatchObject({ status: 'DONE', counts: [{ what: `${part.service}Erased`, count: 1 }], reason: null, attempts: 1, nextAttemptAt: null });
  }
  // Each service was called once, with the normalised address, by the erasure coordinator (no account).
  const calls = graph.calls.filter((c) => c.requestId === request.id);
  expect(calls.map((c) => c.service).sort()).toEqual(PARTICIPANTS);
  expect(calls.every((c) => c.email === email.toLowerCase() && c.principal.role === 'SYSTEM' && c.principal.subject === 'erasure-coordinator')).toBe(true);

  // The request keeps a keyed hash, not the address; the sealed address is gone; nothing else has it.
  expect(await stored(request.id)).toEqual({ status: 'DONE', email_hash: request.emailHash, email_sealed: null });
  expect(request.emailHash).toMatch(/^[0-9a-f]{64}$/);
  const tables: { table_name: string }[] = await sg.ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  for (const { table_name } of tables) {
    const [{ hits }] = await sg.ds.query(`SELECT count(*)::int AS hits FROM "${table_name}" t WHERE t::text ILIKE $1`, [`%${email}%`]);
    expect([table_name, hits]).toEqual([table_name, 0]);
  }
  // The audit log: who asked for which services, and what each did — the proof of erasure.
  const log = await sg.ds.getRepository(AuditEntry).find({ where: { entityType: 'ErasureRequest', entityId: request.id }, order: { at: 'ASC' } });
  expect(log.map((e) => [e.action, e.actorRole])).toEqual([
    ['REQUEST', 'COORDINATOR'],
    ['COMPLETE', 'SYSTEM'],
  ]);
  expect(log[0].changes).toEqual({ services: ['partners', 'events', 'newsletter'] });
  expect(log[1].changes).toEqual({ events: { eventsErased: 1 }, newsletter: { newsletterErased: 1 }, partners: { partnersErased: 1 } });
});

test('a service that is down stays PENDING with the reason while the address stays sealed, and the worker completes the request by itself once it is back', async () => {
  graph.modes.newsletter = 'down';
  const { eraseDataSubject: request } = await asOk(sg.url, 'coordinator', ERASE, { e: someone() });
  expect(request.status).toBe('PENDING');
  const newsletter = request.services.find((s: { service: string }) => s.service === 'newsletter');
  expect(newsletter).toMatchObject({ status: 'PENDING', counts: [], attempts: 1, completedAt: null, nextAttemptAt: expect.any(String) });
  expect(newsletter.reason).toMatch(/^SERVICE_UNAVAILABLE: The newsletter service is unavailable/);
  expect(request.services.filter((s: { status: string }) => s.status === 'DONE').map((s: { service: string }) => s.service)).toEqual(['events', 'partners']);
  const row = await stored(request.id);
  expect(row.email_sealed).toEqual(expect.any(String));
  expect(row.email_sealed).not.toContain('@');

  graph.modes.newsletter = 'ok';
  const done = await settled(request.id);
  expect(done.status).toBe('DONE');
  expect(done.services.find((s: { service: string }) => s.service === 'newsletter')).toMatchObject({ status: 'DONE', reason: null, counts: [{ what: 'newsletterErased', count: 1 }] });
  expect(done.services.find((s: { service: string }) => s.service === 'newsletter').attempts).toBeGreaterThanOrEqual(2);
  // The services that had confirmed were not called again.
  expect(graph.calls.filter((c) => c.requestId === request.id && c.service !== 'newsletter')).toHaveLength(2);
  expect((await stored(request.id)).email_sealed).toBeNull();
});

test('a service that refuses the call ends FAILED with the reason; the request is FAILED and the address wiped', async () => {
  graph.modes.events = 'unknown';
  const { eraseDataSubject: request } = await asOk(sg.url, 'coordinator', ERASE, { e: someone() });
  expect(request.status).toBe('FAILED');
  expect(request.services.find((s: { service: string }) => s.service === 'events')).toMatchObject({
    status: 'FAILED',
    reason: expect.stringMatching(/^GRAPHQL_VALIDATION_FAILED: Cannot query field "eraseDataSubjectInEvents"/),
    nextAttemptAt: null,
  });
  expect((await stored(request.id)).email_sealed).toBeNull();
  const [entry] = await sg.ds.getRepository(AuditEntry).findBy({ entityType: 'ErasureRequest', entityId: request.id, action: 'FAIL' });
  expect(entry.changes.events).toMatchObject({ status: 'FAILED' });
});

test('several instances calling due parts at once call each part once', async () => {
  graph.modes.events = 'down';
  graph.modes.newsletter = 'down';
  const { eraseDataSubject: request } = await asOk(sg.url, 'coordinator', ERASE, { e: someone() });
  graph.modes.events = 'ok';
  graph.modes.newsletter = 'ok';
  // This instance's worker plus two more coordinators on the same database, polling as fast as they can.
  const others = [1, 2].map(() => new ErasureCoordinator({ ...sg.services.erasure['o'], log: sg.log }));
  while ((await stored(request.id)).status === 'PENDING') {
    await Promise.all([...others.map((o) => o.runDue()), sg.services.erasure.runDue()]);
    await new Promise((r) => setTimeout(r, 20));
  }
  const calls = graph.calls.filter((c) => c.requestId === request.id);
  expect(calls.map((c) => c.service).sort()).toEqual(['events', 'events', 'newsletter', 'newsletter', 'partners']);
});

test('bad input: an invalid address is BAD_USER_INPUT, an unknown one a DONE request; only coordinators ask and read', async () => {
  for (const e of ['keine-adresse', '', 'a@', `${'x'.repeat(250)}@beispiel.de`]) {
    const res = await as(sg.url, 'coordinator', ERASE, { e });
    expect([e, res.errors?.[0].extensions]).toEqual([e, expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'email' })]);
  }
  const { eraseDataSubject: request } = await asOk(sg.url, 'coordinator', ERASE, { e: `niemand.${++n}@beispiel.de` });
  expect(request.status).toBe('DONE');

  const denied: Array<[Caller, string]> = [
    ['anonymous', 'UNAUTHENTICATED'],
    ['apiKey', 'UNAUTHENTICATED'],
    ['editorA', 'FORBIDDEN'],
  ];
  for (const [caller, code] of denied) {
    for (const [query, variables] of [
      [ERASE, { e: someone() }],
      [READ, { id: request.id }],
      ['{ erasureRequests { totalCount } }', {}],
    ] as const) {
      const res = await as(sg.url, caller, query, variables);
      expect([caller, query.slice(0, 20), codeOf(res)]).toEqual([caller, query.slice(0, 20), code]);
    }
  }
});

test('erasureRequests lists newest first, by status and by address in any letter case; erasureRequest shows one or null', async () => {
  const email = someone();
  const first = (await asOk(sg.url, 'coordinator', ERASE, { e: email })).eraseDataSubject;
  graph.modes.partners = 'unknown';
  const second = (await asOk(sg.url, 'coordinator', ERASE, { e: email.toUpperCase() })).eraseDataSubject;
  const LIST = 'query ($e: String, $s: ErasureStatus) { erasureRequests(email: $e, status: $s, first: 10) { totalCount nodes { id status } } }';
  const { erasureRequests: byAddress } = await asOk(sg.url, 'coordinator', LIST, { e: email.toLowerCase() });
  expect(byAddress).toEqual({ totalCount: 2, nodes: [{ id: second.id, status: 'FAILED' }, { id: first.id, status: 'DONE' }] });
  const { erasureRequests: failed } = await asOk(sg.url, 'coordinator', LIST, { e: email, s: 'FAILED' });
  expect(failed.nodes).toEqual([{ id: second.id, status: 'FAILED' }]);
  const { erasureRequests: all } = await asOk(sg.url, 'coordinator', '{ erasureRequests(first: 100) { totalCount nodes { id } } }');
  expect(all.nodes[0].id).toBe(second.id);
  expect(all.totalCount).toBeGreaterThanOrEqual(2);
  expect((await asOk(sg.url, 'coordinator', READ, { id: first.id })).erasureRequest.id).toBe(first.id);
  expect((await asOk(sg.url, 'coordinator', READ, { id: '00000000-0000-4000-8000-000000000000' })).erasureRequest).toBeNull();
  expect((await asOk(sg.url, 'coordinator', READ, { id: 'not-an-id' })).erasureRequest).toBeNull();
});

test('a sealed address opens only for its own request and with the same secret', () => {
  const keys = addressKeys('a-secret-of-at-least-thirty-two-characters');
  const sealed = sealAddress(keys, 'request-1', 'leyla@beispiel.de');
  expect(openAddress(keys, 'request-1', sealed)).toBe('leyla@beispiel.de');
  expect(() => openAddress(keys, 'request-2', sealed)).toThrow();
  expect(() => openAddress(addressKeys('another-secret-of-at-least-32-characters'), 'request-1', sealed)).toThrow();
});

test('production needs its own erasure secret of at least 32 characters', () => {
  const base = { NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/x', AUTH_PRIVATE_KEY: 'k', ADMIN_PASSWORD: 'a-long-admin-password' };
  const issues = (env: Record<string, string>) => (partnersEnv.safeParse(env).error?.issues ?? []).map((i) => i.path.join('.'));
  expect(issues(base)).toContain('ERASURE_SECRET');
  expect(issues({ ...base, ERASURE_SECRET: DEV_ERASURE_SECRET })).toContain('ERASURE_SECRET');
  expect(issues({ ...base, ERASURE_SECRET: 'short' })).toContain('ERASURE_SECRET');
  expect(issues({ ...base, ERASURE_SECRET: 'x'.repeat(32) })).not.toContain('ERASURE_SECRET');
});
