import type { Logger, Principal } from '@mitgen/subgraph-kit/runtime';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  clientIp?: string;
  userAgent?: string;
  /** Logger with the request id bound. */
  log: Logger;
}
