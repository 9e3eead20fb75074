import { ERASURE_COORDINATOR, erasureMutationName, signUserToken, type ErasureCount, type Logger, type SigningKey } from '@mitgen/subgraph-kit';

/** What one attempt at one service's erasure came to. */
export type StepOutcome =
  | { status: 'DONE'; counts: ErasureCount[] }
  /** Not confirmed; tried again later. */
  | { status: 'PENDING'; reason: string }
  /** Refused in a way that trying again cannot change. */
  | { status: 'FAILED'; reason: string };

/**
 * Error codes with which the graph refuses the call itself (no such mutation in the gateway's
 * supergraph, the principal refused, the input refused): trying again changes nothing, so the
 * service's part ends FAILED with the reason. Everything else — a service down or timing out, the
 * gateway unreachable, an internal error — stays PENDING and is tried again.
 */
const REFUSALS = new Set(['GRAPHQL_VALIDATION_FAILED', 'FORBIDDEN', 'BAD_USER_INPUT']);

interface GraphAnswer {
  data?: { erasure?: { service: string; counts: ErasureCount[] } | null } | null;
  errors?: Array<{ message: string; extensions?: { code?: string; service?: string } }>;
}

/**
 * Calls one service's erasure mutation through the gateway, as the erasure coordinator: a
 * principal the partners service signs with its login-token key (the gateway trusts that key),
 * valid one minute, refused by every field but the erasure mutations.
 */
export class ErasureClient {
  private token?: { value: string; until: number };

  constructor(
    private readonly url: string,
    private readonly key: SigningKey,
    private readonly log: Logger,
    private readonly timeoutMs = 30_000,
  ) {}

  private async bearer(): Promise<string> {
    const now = Date.now();
    if (!this.token || this.token.until <= now) {
      // Valid 60 s, reused for 30 s: every call carries a token with at least 30 s left.
      this.token = { value: await signUserToken(this.key, ERASURE_COORDINATOR, 60), until: now + 30_000 };
    }
    return this.token.value;
  }

  /** One attempt at `service`'s erasure of `email` for the request. */
  async erase(service: string, requestId: string, email: string): Promise<StepOutcome> {
    const query = `mutation EraseDataSubject($requestId: ID!, $email: String!) {
      erasure: ${erasureMutationName(service)}(requestId: $requestId, email: $email) { service counts { what count } }
    }`;
    let status: number;
    let answer: GraphAnswer;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.bearer()}`, 'x-request-id': `erasure-${requestId}` },
        body: JSON.stringify({ query, variables: { requestId, email } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      answer = (await res.json().catch(() => ({}))) as GraphAnswer;
    } catch (e) {
      this.log.warn({ service, requestId, err: (e as Error).message }, '[partners] erasure: the graph is unreachable');
      return { status: 'PENDING', reason: `The gateway could not be reached (${(e as Error).name === 'TimeoutError' ? 'no answer in time' : 'connection failed'}).` };
    }
    const result = answer.data?.erasure;
    if (result && result.service === service) return { status: 'DONE', counts: result.counts };
    const error = answer.errors?.[0];
    if (!error) return { status: 'PENDING', reason: `The gateway answered HTTP ${status} without a result.` };
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    this.log.warn({ service, requestId, code, message: error.message }, '[partners] erasure: a service did not confirm');
    const reason = `${code}: ${error.message}`;
    return REFUSALS.has(code) ? { status: 'FAILED', reason } : { status: 'PENDING', reason };
  }
}
