import type { SubgraphDeps } from '@mitgen/subgraph-kit';
import express, { type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import type { NewsletterDeps } from '../context';
import type { NewsletterEnv } from '../env';
import { escapeHtml } from '../mail/html';
import { unsubscribeWithToken } from '../subscriber/subscriber.service';
import { useToken } from '../token/token';

/** Path of the one-click unsubscribe route (the gateway proxies `/newsletter/*` here). */
export const UNSUBSCRIBE_PATH = '/newsletter/unsubscribe/:token';

function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .type('html')
    .set('Cache-Control', 'no-store')
    .set('Referrer-Policy', 'no-referrer')
    .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">` +
        `<title>${escapeHtml(title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:40px auto;padding:0 16px;line-height:1.5;color:#222">` +
        `<h1 style="font-size:22px">${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

/** The token error's message (unknown or expired link), or rethrows anything else. */
function tokenProblem(e: unknown): string {
  if (e instanceof GraphQLError && e.extensions.field === 'token') return e.message;
  throw e;
}

/**
 * RFC 8058 one-click unsubscribe. POST (what mail clients send, body `List-Unsubscribe=One-Click`,
 * and what the button below sends) unsubscribes. GET never does — link scanners and previews fetch
 * links — it shows a page with that button.
 */
export function unsubscribeRoutes(router: Router, deps: SubgraphDeps<NewsletterEnv, NewsletterDeps>): void {
  router.get(UNSUBSCRIBE_PATH, async (req, res, next) => {
    try {
      await deps.ds.transaction((tx) => useToken(tx, req.params.token, 'MANAGE', deps.clock.now()));
    } catch (e) {
      try {
        return page(res, 404, 'Link nicht gültig', `<p>${escapeHtml(tokenProblem(e))}</p>`);
      } catch (err) {
        return next(err);
      }
    }
    page(
      res,
      200,
      'Newsletter abbestellen',
      `<p>Möchten Sie den MitGeN-Newsletter abbestellen?</p>` +
        `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">` +
        `<button type="submit" style="background:#7a1f5c;color:#fff;border:0;padding:10px 18px;border-radius:4px;font-size:16px">Abbestellen</button></form>`,
    );
  });

  router.post(UNSUBSCRIBE_PATH, express.urlencoded({ extended: false, limit: '1kb' }), async (req, res, next) => {
    try {
      await unsubscribeWithToken(deps.ds, deps.clock.now(), req.params.token);
    } catch (e) {
      try {
        return page(res, 404, 'Link nicht gültig', `<p>${escapeHtml(tokenProblem(e))}</p>`);
      } catch (err) {
        return next(err);
      }
    }
    page(res, 200, 'Abgemeldet', '<p>Sie erhalten den MitGeN-Newsletter nicht mehr. Ihre Einwilligung ist widerrufen.</p>');
  });
}
