import type { NextFunction, Request, Response } from 'express';

/**
 * Lets plain cross-origin `GET /graphql?query=…` through Apollo's CSRF prevention (decided;
 * docs/gateway.md, "CSRF and GET"). Apollo refuses "simple" requests — those a browser sends to
 * another site without a preflight — unless they carry `apollo-require-preflight`. For GET that
 * protects nothing here: GET runs queries only (mutations get 405), queries never write, and this
 * API has no ambient credentials — tokens and API keys are headers a foreign page cannot add
 * without a preflight — so a forged GET runs as an anonymous caller and reads what that page could
 * read itself. A request with a cookie is not exempt (should a proxy in front ever add cookie
 * sign-in). POSTs stay under Apollo's rule: they must send JSON or the header.
 */
export function simpleGetQueries() {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' && !req.headers.cookie && !req.headers['apollo-require-preflight']) req.headers['apollo-require-preflight'] = 'get-query';
    next();
  };
}
