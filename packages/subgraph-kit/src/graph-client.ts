import type { Clock } from './context';
import type { Logger } from './logger';

/** The graph could not answer (unreachable, timed out, refused the service's sign-in, or answered with errors). */
export class GraphUnavailableError extends Error {}

export interface GraphClientOptions {
  /** Name of the service that asks (in log lines and the name of its sign-in operation). */
  service: string;
  /** The gateway's GraphQL endpoint (`GRAPH_URL`). */
  url: string;
  timeoutMs: number;
  /** Account the service signs in with; anonymous (public view) without it. */
  credentials?: { email: string; password: string };
  /** API key sent as `x-api-key` (the public view with an API key's higher limits). */
  apiKey?: string;
  clock: Clock;
  log: Logger;
}

/** Per-operation options of `GraphClient.query`. */
export interface GraphQueryOptions {
  /** Content language the texts should come in (sent as `Accept-Language`; German fallback is the graph's). */
  language?: string;
}

interface Answer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** After a refused sign-in, wait this long before trying again (the partners service locks accounts after repeated failures). */
const LOGIN_RETRY_MS = 15 * 60_000;

/**
 * Queries the graph through the gateway: the only way a service learns about data another service
 * owns (it never reads another database). Anonymous (the public view) unless it has an account.
 */
export class GraphClient {
  /** Where the gateway is; tests point it at a gateway they started after this service. */
  url: string;
  private token?: { value: string; renewAt: number };
  private loginRefusedAt?: number;

  constructor(private readonly o: GraphClientOptions) {
    this.url = o.url;
  }

  /** Whether the service looks things up with its own account (else it sees the public view). */
  get signsIn(): boolean {
    return !!this.o.credentials;
  }

  /** Runs one operation; throws `GraphUnavailableError` on any transport or GraphQL error. */
  async query<T>(query: string, variables: Record<string, unknown> = {}, options: GraphQueryOptions = {}): Promise<T> {
    let token = await this.bearer();
    let answer = await this.post<T>(query, variables, token, options);
    if (token && answer.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      // The token ran out early (key rotation, account re-enabled): sign in once more.
      this.token = undefined;
      token = await this.bearer();
      answer = await this.post<T>(query, variables, token, options);
    }
    if (answer.errors?.length || !answer.data) {
      throw new GraphUnavailableError(`the graph answered with an error: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
    }
    return answer.data;
  }

  private async post<T>(query: string, variables: Record<string, unknown>, token?: string, options: GraphQueryOptions = {}): Promise<Answer<T>> {
    let res: Response;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.o.apiKey) headers['x-api-key'] = this.o.apiKey;
    if (options.language) headers['accept-language'] = options.language;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (e) {
      throw new GraphUnavailableError(`the graph at ${this.url} is not reachable (${(e as Error).message})`);
    }
    try {
      return (await res.json()) as Answer<T>;
    } catch {
      throw new GraphUnavailableError(`the graph at ${this.url} answered ${res.status} without GraphQL`);
    }
  }

  private async bearer(): Promise<string | undefined> {
    const creds = this.o.credentials;
    if (!creds) return undefined;
    const now = this.o.clock.now().getTime();
    if (this.token && now < this.token.renewAt) return this.token.value;
    if (this.loginRefusedAt !== undefined && now - this.loginRefusedAt < LOGIN_RETRY_MS) {
      throw new GraphUnavailableError('the graph refused the sign-in of GRAPH_EMAIL; check GRAPH_EMAIL and GRAPH_PASSWORD');
    }
    const answer = await this.post<{ login: { token: string; expiresAt: string } }>(
      `mutation ${this.o.service.replace(/(^|-)([a-z])/g, (_, _d, c: string) => c.toUpperCase())}ServiceLogin($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt } }`,
      { email: creds.email, password: creds.password },
    );
    if (!answer.data?.login) {
      this.loginRefusedAt = now;
      this.o.log.error({ email: creds.email }, `[${this.o.service}] the graph refused the sign-in of GRAPH_EMAIL; lookups fail until it works`);
      throw new GraphUnavailableError('the graph refused the sign-in of GRAPH_EMAIL; check GRAPH_EMAIL and GRAPH_PASSWORD');
    }
    this.loginRefusedAt = undefined;
    // Renew a minute early so that a token never expires between our check and the gateway's.
    this.token = { value: answer.data.login.token, renewAt: new Date(answer.data.login.expiresAt).getTime() - 60_000 };
    return this.token.value;
  }
}

/** The settings of a service that asks the graph (GRAPH_URL, GRAPH_TIMEOUT_MS, optionally an account). */
export interface GraphSettings {
  GRAPH_URL: string;
  GRAPH_TIMEOUT_MS: number;
  GRAPH_EMAIL?: string;
  GRAPH_PASSWORD?: string;
  /** API key for the gateway's higher limits (sent with every request, also in the public view). */
  GRAPH_API_KEY?: string;
}

/**
 * The graph client of a service from its settings: signed in with GRAPH_EMAIL / GRAPH_PASSWORD when
 * both are set, unless `publicView` asks for what the public sees (exports, feeds).
 */
export function graphClientFor(service: string, env: GraphSettings, deps: { clock: Clock; log: Logger }, publicView = false): GraphClient {
  const credentials = !publicView && env.GRAPH_EMAIL && env.GRAPH_PASSWORD ? { email: env.GRAPH_EMAIL, password: env.GRAPH_PASSWORD } : undefined;
  return new GraphClient({ service, url: env.GRAPH_URL, timeoutMs: env.GRAPH_TIMEOUT_MS, credentials, apiKey: env.GRAPH_API_KEY, clock: deps.clock, log: deps.log });
}
