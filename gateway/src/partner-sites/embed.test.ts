import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express from 'express';
import type { Gateway } from '../gateway';
import { createTestGateway } from '../test/gateway';
import { EMBED_FILE } from './partner-sites';

// The widget as built (scripts/build-embed.mjs) and as the gateway serves it; /hsds/* passed on
// to the resources service. The widget in a browser: integration-tests/src/widget.e2e.test.ts.

/** The budget of the issue: at most 15 KB gzipped. */
const MAX_GZIPPED_BYTES = 15 * 1024;

test(`the widget is one script of at most ${MAX_GZIPPED_BYTES} bytes gzipped, without cookies, storage or other hosts`, () => {
  const code = readFileSync(EMBED_FILE, 'utf8');
  const gzipped = gzipSync(code, { level: 9 }).length;
  // Reported for the record (docs/partner-sites.md quotes it).
  process.stdout.write(`widget: ${code.length} bytes, ${gzipped} bytes gzipped\n`);
  expect(gzipped).toBeLessThanOrEqual(MAX_GZIPPED_BYTES);
  expect(code).toContain('mitgen-events');
  expect(code).toContain('mitgen-resources');
  expect(code).not.toMatch(/document\.cookie|localStorage|sessionStorage|indexedDB|eval\(|new Function|import\(/);
  // Absolute URLs in the bundle are schema.org vocabulary only; requests go to the gateway the script came from.
  const urls = code.match(/https?:\/\/[^"'`\s)]+/g) ?? [];
  expect(urls.filter((u) => !u.startsWith('https://schema.org'))).toEqual([]);
  expect(code).toContain("credentials:\"omit\"");
});

let gateway: Gateway;
let base: string;
let resources: http.Server;
const seen: string[] = [];
beforeAll(async () => {
  const app = express();
  app.get(['/hsds', '/hsds/*path'], (req, res) => {
    seen.push(req.originalUrl);
    res.set('cache-control', 'public, max-age=60').json(req.path.length <= '/hsds/'.length ? { version: '3.0' } : { total_items: 0 });
  });
  resources = http.createServer(app);
  await new Promise<void>((r) => resources.listen(0, '127.0.0.1', () => r()));
  gateway = await createTestGateway({ RESOURCES_URL: `http://127.0.0.1:${(resources.address() as AddressInfo).port}/graphql` });
  base = new URL(await gateway.listen(0, '127.0.0.1')).origin;
});
afterAll(async () => {
  await gateway?.close();
  resources?.close();
});

test('GET /embed/mitgen.js: JavaScript any site may load, cached for an hour', async () => {
  const res = await fetch(`${base}/embed/mitgen.js`, { headers: { origin: 'https://partner.example' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  expect(await res.text()).toBe(readFileSync(EMBED_FILE, 'utf8'));
});

test('/hsds, /hsds/ and /hsds/* reach the resources service with path and query', async () => {
  const list = await fetch(`${base}/hsds/services?page=2&per_page=10`, { headers: { origin: 'https://directory.example' } });
  expect(list.status).toBe(200);
  expect(list.headers.get('cache-control')).toBe('public, max-age=60');
  expect(list.headers.get('access-control-allow-origin')).toBe('*');
  expect(seen.at(-1)).toBe('/hsds/services?page=2&per_page=10');
  expect(await (await fetch(`${base}/hsds/`)).json()).toEqual({ version: '3.0' });
  expect(seen.at(-1)).toBe('/hsds/');
  expect(await (await fetch(`${base}/hsds`)).json()).toEqual({ version: '3.0' });
  expect(seen.at(-1)).toBe('/hsds');
  expect((await fetch(`${base}/hsds/..%2Finternal/principal`)).status).toBe(400);
});
