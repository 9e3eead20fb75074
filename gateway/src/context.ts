import type { Logger, Principal } from '@mitgen/subgraph-kit/runtime';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  clientIp?: string;
  userAgent?: string;
  /** The gateway's logger (it adds the request id while the request is handled). */
  log: Logger;
}
