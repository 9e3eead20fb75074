import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Gateway } from './gateway';
import { createTestGateway } from './test/gateway';

// The HTTP pass-through of /feeds/* (events service) and /newsletter/* (newsletter service),
// against tiny stand-in routes: the services' real routes are built elsewhere.

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function standIn(): Promise<{ url: string; seen: Seen[]; server: http.Server }> {
  const seen: Seen[] = [];
  const app = express();
  app.use(express.text({ type: () => true }));
  app.get('/feeds/events.ics', (req, res) => {
    seen.push({ method: req.method, url: req.originalUrl, headers: req.headers, body: '' });
    res.setHeader('cache-control', 'public, max-age=300');
    res.setHeader('content-disposition', 'attachment; filename="mitgen.ics"');
    res.setHeader('x-internal-secret', 'do-not-leak');
    res.type('text/calendar').send('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  });
  app.post('/newsletter/unsubscribe', (req, res) => {
    seen.push({ method: req.method, url: req.originalUrl, headers: req.headers, body: req.body as string });
    res.status(202).type('text/plain').send('abgemeldet');
  });
  app.get('/newsletter/weiter', (req, res) => {
    seen.push({ method: req.method, url: req.originalUrl, headers: req.headers, body: '' });
    res.redirect(303, 'https://www.mitgen.example/newsletter/bestaetigt');
  });
  app.get('/internal/principal', (_req, res) => {
    res.send('internal route reached');
  });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, seen, server };
}

let events: Awaited<ReturnType<typeof standIn>>;
let newsletter: Awaited<ReturnType<typeof standIn>>;
let gateway: Gateway;
let base: string;
const others: Gateway[] = [];

beforeAll(async () => {
  events = await standIn();
  newsletter = await standIn();
  gateway = await createTestGateway({ EVENTS_URL: events.url, NEWSLETTER_URL: newsletter.url });
  base = new URL(await gateway.listen(0, '127.0.0.1')).origin;
});
afterAll(async () => {
  await Promise.all([gateway, ...others].map((g) => g.close()));
  events.server.close();
  newsletter.server.close();
});

test('GET /feeds/* reaches the events service’s same path and query; status, body and content headers come back', async () => {
  const res = await fetch(`${base}/feeds/events.ics?topic=gleichstellung&region=03241`, {
    headers: { 'user-agent': 'WordPress/6.5; https://partner.example', 'x-mitgen-client-ip': '6.6.6.6', 'x-mitgen-principal': 'forged', 'x-request-id': 'feed-1' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
  expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="mitgen.ics"');
  expect(res.headers.get('x-internal-secret')).toBeNull();
  expect(await res.text()).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  const seen = events.seen.at(-1)!;
  expect(seen.url).toBe('/feeds/events.ics?topic=gleichstellung&region=03241');
  // The gateway states the client: its own view of the address, never a copy the client sent.
  expect(seen.headers['x-mitgen-client-ip']).toMatch(/127\.0\.0\.1/);
  expect(seen.headers['x-mitgen-client-ua']).toBe('WordPress/6.5; https://partner.example');
  expect(seen.headers['x-mitgen-principal']).toBeUndefined();
  expect(seen.headers['x-request-id']).toBe('feed-1');
});

test('POST /newsletter/* passes body and content type; redirects keep their location', async () => {
  const res = await fetch(`${base}/newsletter/unsubscribe?token=abc`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  expect(res.status).toBe(202);
  expect(await res.text()).toBe('abgemeldet');
  const seen = newsletter.seen.at(-1)!;
  expect(seen).toMatchObject({ method: 'POST', url: '/newsletter/unsubscribe?token=abc', body: 'List-Unsubscribe=One-Click' });
  expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');

  const confirm = await fetch(`${base}/newsletter/weiter?token=xyz`, { redirect: 'manual' });
  expect(confirm.status).toBe(303);
  expect(confirm.headers.get('location')).toBe('https://www.mitgen.example/newsletter/bestaetigt');
});

test('paths that could reach other routes of a service are refused', async () => {
  // Sent raw: fetch would normalise dot segments itself.
  const raw = (path: string) =>
    new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: new URL(base).port, path }, (res) => (res.resume(), resolve(res.statusCode!)));
    });
  for (const path of ['/feeds/..%2Finternal%2Fprincipal', '/feeds/%2e%2e/internal/principal', '/feeds/../internal/principal', '/newsletter/..%5Cinternal']) {
    expect({ path, status: await raw(path) }).toEqual({ path, status: 400 });
  }
});

test('an unreachable service: 502 with a code and no internal address', async () => {
  const down = await createTestGateway({ EVENTS_URL: 'http://127.0.0.1:9/graphql' });
  others.push(down);
  const url = new URL(await down.listen(0, '127.0.0.1')).origin;
  const res = await fetch(`${url}/feeds/events.ics`);
  expect(res.status).toBe(502);
  const body = await res.text();
  expect(JSON.parse(body).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  expect(body).not.toMatch(/127\.0\.0\.1|:9\b|ECONNREFUSED/);
});

test('proxied requests are rate limited: GETs per address, POSTs by the stricter limit', async () => {
  const limited = await createTestGateway({ EVENTS_URL: events.url, NEWSLETTER_URL: newsletter.url, RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS: '2', RATE_LIMIT_STRICT: '1' });
  others.push(limited);
  const url = new URL(await limited.listen(0, '127.0.0.1')).origin;
  expect((await fetch(`${url}/feeds/events.ics`)).status).toBe(200);
  expect((await fetch(`${url}/feeds/events.ics`)).status).toBe(200);
  const refused = await fetch(`${url}/feeds/events.ics`);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  const post = () => fetch(`${url}/newsletter/unsubscribe`, { method: 'POST', body: 'x' });
  expect((await post()).status).toBe(202);
  expect((await post()).status).toBe(429);
});

test("with a website configured the gateway serves no pages of its own: the website's paths are not answered here, the services' routes still are", async () => {
  expect((await fetch(`${base}/impressum`)).status).toBe(200);
  const withSite = await createTestGateway({ EVENTS_URL: events.url, NEWSLETTER_URL: newsletter.url, PUBLIC_WEB_URL: 'https://www.mitgen.example' });
  others.push(withSite);
  const url = new URL(await withSite.listen(0, '127.0.0.1')).origin;
  for (const path of ['/impressum', '/veranstaltungen', '/anmeldung?token=x']) expect({ path, status: (await fetch(`${url}${path}`)).status }).toEqual({ path, status: 404 });
  expect((await fetch(`${url}/newsletter/weiter?token=xyz`, { redirect: 'manual' })).status).toBe(303);
});
