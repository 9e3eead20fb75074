import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

/** Where the build puts the bundled GraphiQL (scripts/build-graphiql.mjs). */
export const GRAPHIQL_DIR = path.join(__dirname, 'graphiql');

/**
 * Only this origin: scripts, styles, requests. Fonts and images are embedded (data:). A
 * browser refuses anything else, so the page cannot reach a third-party host even by mistake.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves GraphiQL at `/` and `/graphiql`, and its assets under `/graphiql/assets`. */
export function mountGraphiQL(app: express.Express): void {
  const index = path.join(GRAPHIQL_DIR, 'index.html');
  const html = existsSync(index) ? readFileSync(index, 'utf8') : undefined;
  const page = (_req: express.Request, res: express.Response) => {
    if (!html) return res.status(404).type('text/plain').send('GraphiQL was not built (npm run build -w @mitgen/gateway)');
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(html);
  };
  app.get('/', page);
  app.get('/graphiql', page);
  app.use('/graphiql/assets', express.static(path.join(GRAPHIQL_DIR, 'assets'), { maxAge: '1h', fallthrough: false }));
}
