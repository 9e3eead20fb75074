import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { Pool } from 'undici';
import { CLIENT_IP_HEADER, CLIENT_UA_HEADER, type Logger } from '@mitgen/subgraph-kit/runtime';

/** Response headers passed back to the client (nothing else of the service's answer leaks). */
const PASSED_BACK = ['content-type', 'cache-control', 'content-disposition', 'location', 'etag', 'last-modified'];
/** Request headers passed on besides the client's address and user agent. */
const PASSED_ON = ['content-type', 'accept', 'accept-language', 'if-none-match', 'if-modified-since'];
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export interface ProxyTarget {
  service: string;
  pool: Pool;
  log: Logger;
}

function fail(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).json({ errors: [{ message, extensions: { code, requestId: res.locals.requestId } }] });
}

/**
 * Passes `GET`/`POST` requests on to the same path and query of a service (feeds, newsletter
 * confirmation links), with the client's address and user agent in the gateway's headers, and
 * streams the answer back with its status and content headers. The body was read by
 * `express.raw` with the body limit; time limits are the service's pool's.
 */
export function proxyTo(target: ProxyTarget) {
  return async (req: Request, res: Response): Promise<void> => {
    const url = req.originalUrl;
    // Only plain paths: no dot segments or encoded slashes that could reach another route of the service.
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.split('?')[0]);
    } catch {
      return fail(res, 400, 'BAD_REQUEST', 'Malformed path');
    }
    if (/(^|\/)\.\.?(\/|$)|\\|\/\//.test(decoded) || /%2f|%5c/i.test(url)) return fail(res, 400, 'BAD_REQUEST', 'Malformed path');
    const headers: Record<string, string> = { 'x-request-id': res.locals.requestId };
    for (const h of PASSED_ON) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? '';
    const ua = req.headers['user-agent'];
    if (ua) headers[CLIENT_UA_HEADER] = ua.slice(0, 500);
    const body = req.method === 'POST' && Buffer.isBuffer(req.body) ? (req.body as Buffer) : undefined;
    try {
      const upstream = await target.pool.request({ path: url, method: req.method === 'POST' ? 'POST' : req.method === 'HEAD' ? 'HEAD' : 'GET', headers, body });
      res.status(upstream.statusCode);
      for (const h of PASSED_BACK) {
        const v = upstream.headers[h];
        if (v !== undefined) res.setHeader(h, v);
      }
      await pipeline(upstream.body, res);
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      target.log.warn({ subgraph: target.service, err: (e as Error).message, code, requestId: res.locals.requestId }, '[gateway] proxied request failed');
      if (TIMEOUTS.has(code)) return fail(res, 504, 'SERVICE_UNAVAILABLE', `The ${target.service} service did not answer in time`);
      return fail(res, 502, 'SERVICE_UNAVAILABLE', `The ${target.service} service is unavailable`);
    }
  };
}
