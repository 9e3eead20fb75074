import { badInput, domainError, type Logger } from '@mitgen/subgraph-kit';

/** The graph could not be read (gateway down, a subgraph failing). */
export class GraphUnavailableError extends Error {}

/**
 * Reads public data of other services through the gateway (never their databases), as an anonymous
 * client or with an API key: editions can only ever show what the public may see.
 */
export class GraphClient {
  /** The gateway's `/graphql` URL; settable because tests learn it only after the gateway started. */
  url: string;

  constructor(
    url: string,
    private readonly log: Logger,
    private readonly apiKey?: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.url = url;
  }

  /** Runs a query; any GraphQL error or HTTP failure is a `GraphUnavailableError`. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let body: { data?: T; errors?: Array<{ message: string }> };
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.apiKey ? { 'x-api-key': this.apiKey } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await res.json()) as typeof body;
      if (!res.ok && !body.errors) throw new Error(`HTTP ${res.status}`);
    } catch (e) {
      this.log.warn({ err: (e as Error).message, url: this.url }, 'graph request failed');
      throw new GraphUnavailableError(`graph at ${this.url} unreachable: ${(e as Error).message}`);
    }
    if (body.errors?.length || !body.data) {
      this.log.warn({ errors: body.errors }, 'graph answered with errors');
      throw new GraphUnavailableError(body.errors?.map((e) => e.message).join('; ') ?? 'no data');
    }
    return body.data;
  }

  /** Refuses (BAD_USER_INPUT on `field`) topic slugs the graph does not know; one request for all. */
  async assertTopicsExist(slugs: string[], field: string): Promise<void> {
    if (!slugs.length) return;
    const vars = Object.fromEntries(slugs.map((s, i) => [`t${i}`, s]));
    const query = `query (${slugs.map((_, i) => `$t${i}: String!`).join(', ')}) { ${slugs.map((_, i) => `t${i}: topic(slug: $t${i}) { slug }`).join(' ')} }`;
    const data = await this.request<Record<string, { slug: string } | null>>(query, vars).catch((e) => {
      throw e instanceof GraphUnavailableError ? unavailable() : e;
    });
    const unknown = slugs.filter((_, i) => !data[`t${i}`]);
    if (unknown.length) throw badInput(`Unknown topic(s): ${unknown.join(', ')}. Use slugs from the \`topics\` query.`, field);
  }
}

/** A record an edition item shows: the kind decides the root field it is read with. */
export interface RecordRef {
  kind: 'EVENT' | 'RESOURCE' | 'PARTNER';
  id: string;
  /** The input field that names it, e.g. `items.2.id`. */
  field: string;
}

const RECORD_FIELD: Record<RecordRef['kind'], string> = { EVENT: 'event', RESOURCE: 'resource', PARTNER: 'partner' };
/** Aliases per request: below the gateway's limit for anonymous callers (MAX_ALIASES, default 15). */
const CHUNK = 12;

/**
 * Refuses (BAD_USER_INPUT on the item's field) records the graph does not show the public: the same
 * lookup an edition's rendering will make. A dozen per request, the requests in parallel.
 */
export async function assertRecordsExist(graph: GraphClient, refs: readonly RecordRef[]): Promise<void> {
  const chunks = Array.from({ length: Math.ceil(refs.length / CHUNK) }, (_, i) => refs.slice(i * CHUNK, (i + 1) * CHUNK));
  const found = await Promise.all(
    chunks.map((part) => {
      // The same names as the rendering's lookup (`iN: event(id: $vN)`).
      const vars = Object.fromEntries(part.map((r, i) => [`v${i}`, r.id]));
      const query = `query EditionReferences(${part.map((_, i) => `$v${i}: ID!`).join(', ')}) { ${part.map((r, i) => `i${i}: ${RECORD_FIELD[r.kind]}(id: $v${i}) { id }`).join(' ')} }`;
      return graph.request<Record<string, { id: string } | null>>(query, vars).then(
        (data) => part.map((_, i) => !!data[`i${i}`]),
        (e) => {
          throw e instanceof GraphUnavailableError ? unavailable() : e;
        },
      );
    }),
  );
  const missing = refs.filter((_, i) => !found.flat()[i]);
  if (missing.length) {
    const first = missing[0];
    throw badInput(`There is no public ${first.kind.toLowerCase()} with id ${first.id} (${first.field}); an edition can show only what the public may see.`, first.field, {
      missing: missing.map((m) => m.field),
    });
  }
}

/** The user-facing error when the graph cannot be read. */
export const unavailable = () =>
  domainError('GRAPH_UNAVAILABLE', 'Events, resources and partners cannot be read from the graph right now. Please try again in a moment.');
