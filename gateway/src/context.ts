import type { Logger, Principal } from '@mitgen/subgraph-kit/runtime';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  clientIp?: string;
  userAgent?: string;
  /** The client's `Accept-Language` header, passed on to the subgraphs (they pick the content language). */
  acceptLanguage?: string;
  /** The content language that header asks for (German by default): part of the response cache's key. */
  language?: string;
  /** The gateway's logger (it adds the request id while the request is handled). */
  log: Logger;
  /**
   * Entity tags the subgraphs named for this operation (response cache on): of a query what its
   * answer contains, of a mutation what it changed (response-cache/tagged-cache.ts).
   */
  cacheTags?: Set<string>;
  /** A subgraph answered without tags: the answer is stored as UNTAGGED. */
  untagged?: boolean;
  /** Execution is over: the response cache plugin's next key is the one it stores under. */
  executed?: boolean;
}
