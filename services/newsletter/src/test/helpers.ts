import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMailTransport, type Clock, type CreateSubgraphOptions } from '@mitgen/subgraph-kit';
import { asPrincipal, gql, startSmtpSink, startTestSubgraph, type SmtpSink, type TestSubgraph } from '@mitgen/test-kit';
import type { NewsletterDeps } from '../context';
import type { NewsletterEnv } from '../env';
import { newsletterSubgraph } from '../subgraph';
import { createNewsletterWorker, type NewsletterWorkerOptions } from '../worker';

// Test helpers of the newsletter service: a subgraph without background worker (tests drive the
// worker themselves), a clock to move, a stand-in for the gateway, mail helpers.

export type NewsletterSubgraph = TestSubgraph<NewsletterEnv> & { services: NewsletterDeps };

export const WEB = 'https://mitgen.example';
export const API = 'https://api.mitgen.example';

/** A clock tests move by hand. */
export function movableClock(start = new Date('2026-03-02T09:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    set: (at: Date) => void (now = at),
    advanceHours: (h: number) => void (now = new Date(now.getTime() + h * 3600_000)),
  } satisfies Clock & Record<string, unknown>;
}

/** The newsletter subgraph on a fresh database, without its background worker. */
export async function startNewsletter(env: Record<string, string> = {}, options: CreateSubgraphOptions = {}): Promise<NewsletterSubgraph> {
  return (await startTestSubgraph(newsletterSubgraph, { MAIL_WORKER: 'false', PUBLIC_WEB_URL: WEB, PUBLIC_API_URL: API, ...env }, options)) as NewsletterSubgraph;
}

/** The newsletter worker of a test subgraph, sending to a real SMTP sink. */
export function workerFor(sg: NewsletterSubgraph, sink: SmtpSink, options: NewsletterWorkerOptions = {}) {
  return createNewsletterWorker(sg, {
    transport: createMailTransport({ smtpUrl: sink.url, mailDir: '/nonexistent', maxConnections: 2 }),
    idleMs: 50,
    ...options,
    outbox: { idleMs: 50, ratePerSecond: 2000, ...options.outbox },
  });
}

export const coordinator = () => asPrincipal({ role: 'COORDINATOR', subject: 'coordinator-1', email: 'koordination@mitgen.example' }, 'newsletter');

/** A GraphQL stand-in for the gateway: answers with `answer(query, variables, headers)` and records the calls. */
export async function startFakeGraph(answer: (query: string, variables: Record<string, any>, headers: http.IncomingHttpHeaders) => unknown) {
  const calls: Array<{ query: string; variables: Record<string, any>; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { query, variables = {} } = JSON.parse(body);
      calls.push({ query, variables, headers: req.headers });
      res.setHeader('content-type', 'application/json');
      try {
        res.end(JSON.stringify({ data: answer(query, variables, req.headers) }));
      } catch (e) {
        res.end(JSON.stringify({ errors: [{ message: (e as Error).message }] }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A stand-in for the gateway, as `startFakeGraph` answers. */
export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;

/** What an edition suite runs on: the subgraph asking a fake graph, a real SMTP sink, a coordinator's headers. */
export interface EditionSuite {
  sg: NewsletterSubgraph;
  graph: FakeGraph;
  sink: SmtpSink;
  headers: Record<string, string>;
  /** Empties outbox, subscribers and received mails (before each test). */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts an edition suite: the newsletter subgraph (on `clock`) whose graph answers with `answer`, and an SMTP sink. */
export async function startEditionSuite(answer: Parameters<typeof startFakeGraph>[0], clock: Clock): Promise<EditionSuite> {
  const graph = await startFakeGraph(answer);
  const sg = await startNewsletter({}, { clock });
  sg.services.graph.url = graph.url;
  const sink = await startSmtpSink();
  const headers = await coordinator();
  return {
    sg,
    graph,
    sink,
    headers,
    async clear() {
      await sg.ds.query('DELETE FROM outbox_mail');
      await sg.ds.query('DELETE FROM subscriber');
      sink.messages.length = 0;
    },
    async stop() {
      await sg.stop();
      await graph.close();
      await sink.close();
    },
  };
}

/**
 * Answers of a fake graph: topic lookups (`vN: topic(slug: $vN)`) from `topics`, edition items
 * (`vN: event|resource|partner(id: $vN)`) from `records` by id, lists from `lists`. As the graph
 * does, records come in the `Accept-Language` language where `translations[language][id]` has
 * fields, else in German (`language: "de"`).
 */
export function graphAnswers(data: {
  topics?: string[];
  records?: Record<string, unknown>;
  translations?: Record<string, Record<string, Record<string, unknown>>>;
  lists?: Record<string, unknown[]>;
}) {
  return (query: string, vars: Record<string, any>, headers: http.IncomingHttpHeaders = {}) => {
    const language = String(headers['accept-language'] ?? 'de');
    const out: Record<string, unknown> = {};
    for (const [, alias, field, variable] of query.matchAll(/(\w+): (topic|event|resource|partner)\(\w+: \$(\w+)\)/g)) {
      const value = vars[variable];
      if (field === 'topic') {
        out[alias] = data.topics?.includes(value) ? { slug: value } : null;
        continue;
      }
      const record = data.records?.[value] as Record<string, unknown> | undefined;
      const translated = data.translations?.[language]?.[value];
      out[alias] = record ? { language: 'de', ...record, ...(translated ? { ...translated, language } : {}) } : null;
    }
    for (const [field, nodes] of Object.entries(data.lists ?? {})) {
      if (query.includes(`${field}(`)) out[field] = { pageInfo: { hasNextPage: false, endCursor: null }, nodes };
    }
    return out;
  };
}

const SUBSCRIBE = 'mutation ($i: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $i) { message confirmationLinkHours } }';

/** Calls `subscribeToNewsletter` (answer and errors). */
export const signUp = (sg: { url: string }, input: Record<string, unknown>, headers: Record<string, string> = {}) => gql(sg.url, SUBSCRIBE, { i: input }, headers);

/** The token of the confirm link in a confirmation mail's text. */
export function confirmTokenIn(text: string): string {
  const m = /\/newsletter\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no confirm link in: ${text}`);
  return m[1];
}

/** Confirmation mails waiting in the outbox for an address (message JSON). */
export async function outboxFor(sg: NewsletterSubgraph, email: string): Promise<Array<{ subject: string; text: string; html: string }>> {
  const rows = await sg.ds.query(`SELECT message FROM outbox_mail WHERE message->>'to' = $1 ORDER BY created_at`, [email]);
  return rows.map((r: { message: any }) => r.message);
}

/** Inserts `n` confirmed subscribers `<prefix>-<i>@example.org` directly (fixtures for sending). */
export async function addConfirmed(sg: NewsletterSubgraph, prefix: string, n: number, topics: string[] = [], name: string | null = null, language = 'de'): Promise<void> {
  await sg.ds.query(
    `INSERT INTO subscriber (email, name, topic_slugs, status, confirmed_at, language)
     SELECT $1 || '-' || i || '@example.org', $4, $3, 'CONFIRMED', now(), $5 FROM generate_series(1, $2) AS i`,
    [prefix, n, topics, name, language],
  );
}
