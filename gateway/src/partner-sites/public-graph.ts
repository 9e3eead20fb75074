import type { ApolloServer } from '@apollo/server';
import type { Request, Response } from 'express';
import { ANONYMOUS, type Logger } from '@mitgen/subgraph-kit/runtime';
import type { GatewayContext } from '../context';

/** The graph did not answer a route's own query (a subgraph down, or an error in the answer). */
export class GraphUnavailable extends Error {}

export interface PublicAnswer<T> {
  data: T;
  /** The answer's `Cache-Control` as the gateway would send it for the same query (subgraph hints, capped). */
  cacheControl: string;
}

/**
 * Runs an operation of the gateway's own routes (JSON-LD feeds, feed checks) through Apollo as an
 * anonymous caller: the same plan, limits, cache hints and response cache as a public GraphQL
 * request, without a round trip over HTTP (and without counting against the caller's limit twice).
 * `language` (a content language) asks the subgraphs for texts in it, as an `Accept-Language` header would.
 */
export function publicGraph(apollo: ApolloServer<GatewayContext>, log: Logger) {
  return async function query<T>(req: Request, res: Response, document: string, variables: Record<string, unknown> = {}, language?: string): Promise<PublicAnswer<T>> {
    const requestId = res.locals.requestId as string;
    const response = await apollo.executeOperation(
      { query: document, variables },
      {
        contextValue: {
          requestId,
          principal: ANONYMOUS,
          clientIp: req.ip ?? req.socket.remoteAddress,
          userAgent: req.headers['user-agent']?.slice(0, 500),
          log: log.child({ requestId }),
          // A feed's `?lang=` reaches the subgraphs as the Accept-Language header (and keys the response cache).
          ...(language ? { acceptLanguage: language, language } : {}),
        },
      },
    );
    if (response.body.kind !== 'single') throw new GraphUnavailable('unexpected incremental answer');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) {
      log.warn({ requestId, errors: errors?.map((e) => e.extensions?.code ?? e.message) }, '[gateway] a partner-site route got no answer from the graph');
      throw new GraphUnavailable(errors?.[0]?.message ?? 'no data');
    }
    return { data: data as T, cacheControl: response.http.headers.get('cache-control') ?? 'no-store' };
  };
}

export type PublicGraph = ReturnType<typeof publicGraph>;
