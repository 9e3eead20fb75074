/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (DOM types for the functions that run inside the page.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, berlinDate, berlinTime } from '@mitgen/subgraph-kit';
import { gqlOk, PARTNER_B } from '@mitgen/test-kit';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { coordinatorToken } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// The partner-site widget in real headless Chromium, on a page served from another origin (a
// second local server on another port, as a partner's WordPress site would be): CORS and the
// CSRF header of GET queries, rendering, German dates in Berlin time, seats and "ausgebucht",
// host CSS kept out, ::part and custom properties let in, JSON-LD in the host page, empty and
// error states with one warning and no exception, keyboard focus order, and axe-core.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let stack: TestStack;
let gatewayOrigin: string;
let site: http.Server;
let siteOrigin: string;
let browser: BrowserContext;
let profile: string;
const pages = new Map<string, string>();
/** The day of the first of our events (Berlin date), fixed once so that midnight cannot move it. */
const FIRST_DAY = addDays(berlinDate(new Date()), 2);

beforeAll(async () => {
  stack = await startStack();
  gatewayOrigin = new URL(stack.url).origin;
  const coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
  // Two events of partner B of our own, 10:00–13:00 Berlin time in a few days: one with seats left,
  // one fully booked without a waiting list.
  const create = async (title: string, day: string, capacity: number) => {
    const startsAt = berlinTime(day, '10:00');
    const { createEvent } = await gqlOk(
      stack.url,
      'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
      {
        i: { title, kind: 'WORKSHOP', startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), organizerIds: [PARTNER_B], venueName: 'Frauenberatungsstelle', city: 'Osnabrück', capacity, waitlistEnabled: false },
      },
      coordinator,
    );
    await gqlOk(stack.url, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: createEvent.id }, coordinator);
    return createEvent.id as string;
  };
  await create('Workshop „Rechte kennen“', FIRST_DAY, 5);
  const full = await create('Workshop „Ausgebucht“', addDays(FIRST_DAY, 1), 1);
  await gqlOk(stack.url, 'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { status } }', {
    i: { eventId: full, name: 'Erika Muster', email: 'erika.widget@example.org', consent: true },
  });

  // The partner's site: another server, another port, so another origin than the gateway.
  site = http.createServer((req, res) => {
    const html = pages.get(req.url ?? '');
    if (!html) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((r) => site.listen(0, 'localhost', () => r()));
  siteOrigin = `http://localhost:${(site.address() as AddressInfo).port}`;

  profile = mkdtempSync(path.join(tmpdir(), 'widget-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'de-DE',
    timezoneId: 'America/New_York',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // A cookie of the gateway's host in the browser: the widget must never send it.
  await browser.addCookies([{ name: 'session', value: 'must-not-travel', url: gatewayOrigin }]);
});
afterAll(async () => {
  await browser?.close();
  site?.close();
  await stack?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A partner's page: the snippet of the README inside the page's own layout and (hostile) CSS. */
function hostPage(body: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Frauenberatungsstelle Osnabrück – Termine</title>
<style>
  /* The host's own rules: none of them may reach into the widget. */
  li { display: none !important; }
  a { color: rgb(160, 0, 0) !important; font-family: serif; }
  h3 { font-size: 50px; }
  /* What a partner may change on purpose. */
  mitgen-events { --mitgen-link-color: rgb(0, 0, 139); }
  mitgen-events::part(title) { font-size: 24px; }
</style>
</head>
<body>
<header><a href="#inhalt">Zum Inhalt</a></header>
<main id="inhalt">
<h1>Frauenberatungsstelle Osnabrück</h1>
${body}
<footer><a href="/impressum">Impressum</a></footer>
</main>
<script src="${gatewayOrigin}/embed/mitgen.js" defer></script>
</body>
</html>`;
}

interface Watched {
  page: Page;
  requests: Array<{ url: string; method: string; headers: Record<string, string> }>;
  warnings: string[];
  errors: string[];
}

async function open(name: string, body: string): Promise<Watched> {
  pages.set(`/${name}`, hostPage(body));
  const page = await browser.newPage();
  const watched: Watched = { page, requests: [], warnings: [], errors: [] };
  // allHeaders(): what went over the wire, including what the browser adds (Origin, Cookie).
  page.on('request', (r) => void r.allHeaders().then((headers) => watched.requests.push({ url: r.url(), method: r.method(), headers })));
  page.on('console', (m) => {
    if (m.type() === 'warning') watched.warnings.push(m.text());
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) watched.errors.push(m.text());
  });
  page.on('pageerror', (e) => watched.errors.push(e.message));
  await page.goto(`${siteOrigin}/${name}`);
  return watched;
}

/** Waits until every widget on the page has left its loading state. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('mitgen-events, mitgen-resources')].every((w) => w.shadowRoot?.querySelector('[part=list], [part=empty], [part=error]')),
  );
}

/** The element that has the keyboard focus, through shadow roots. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return '';
    const host = (a.getRootNode() as ShadowRoot).host?.localName;
    return `${host ? `${host}>` : ''}${a.getAttribute('part') ?? a.localName}:${(a.getAttribute('aria-label') ?? a.textContent ?? '').trim()}`;
  });
}

async function axe(page: Page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations', 'passes'] });
    return { violations: r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')) })), passes: r.passes.length };
  });
}

test('on a partner’s page (another origin) the widgets show events and offers, accessible, in tab order, with JSON-LD', async () => {
  const { page, requests, warnings, errors } = await open(
    'termine',
    `<h2>Unsere Termine</h2>
<mitgen-events partner="frauenberatung-osnabrueck" limit="5"></mitgen-events>
<h2>Angebote zum Gewaltschutz</h2>
<mitgen-resources topic="gewaltschutz" limit="3"></mitgen-resources>`,
  );
  await settled(page);
  expect(errors).toEqual([]);
  expect(warnings).toEqual([]);

  // Only the site itself and the gateway were asked; the graph by GET, cross-origin, with the
  // CSRF header (hence a CORS preflight, which the gateway allows), never with a cookie.
  const hosts = new Set(requests.map((r) => new URL(r.url).origin));
  expect([...hosts].sort()).toEqual([gatewayOrigin, siteOrigin].sort());
  const reads = requests.filter((r) => r.url.startsWith(`${gatewayOrigin}/graphql`));
  expect(reads.length).toBeGreaterThanOrEqual(3);
  for (const r of reads) {
    expect(r.method).toBe('GET');
    expect(r.headers['apollo-require-preflight']).toBe('true');
    expect(r.headers.cookie).toBeUndefined();
    expect(r.headers.origin).toBe(siteOrigin);
  }

  const events = page.locator('mitgen-events');
  const items = events.locator('[part=item]');
  const titles = await events.locator('[part=title]').allInnerTexts();
  expect(titles.slice(0, 2)).toEqual(['Workshop „Rechte kennen“', 'Workshop „Ausgebucht“']);
  // German date and time in Berlin time (the browser itself runs in New York time).
  const day = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    berlinTime(FIRST_DAY, '10:00'),
  );
  expect(await items.first().locator('[part=date]').innerText()).toBe(`${day}, 10:00–13:00 Uhr`);
  expect(day).toMatch(/^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}$/);
  expect(await items.first().locator('time').getAttribute('datetime')).toMatch(/Z$/);
  expect(await items.nth(0).locator('[part=status]').innerText()).toBe('Noch 5 Plätze frei');
  expect(await items.nth(1).locator('[part=status]').innerText()).toBe('Ausgebucht');
  expect(await items.nth(1).locator('[part=register]').count()).toBe(0);
  const register = items.first().locator('[part=register]');
  expect(await register.getAttribute('aria-label')).toBe('Anmelden: Workshop „Rechte kennen“');
  expect(await register.getAttribute('href')).toMatch(/\/veranstaltungen\/[a-z0-9-]+#anmeldung$/);
  expect(await items.first().locator('[part=link]').getAttribute('href')).toMatch(/\/veranstaltungen\/[a-z0-9-]+$/);

  // The host's CSS stays outside (its `li { display: none }`, red links, huge h3); ::part and custom properties get in.
  const style = await items.first().evaluate((li) => {
    const a = li.querySelector('[part=link]')!;
    const h = li.querySelector('[part=title]')!;
    return { display: getComputedStyle(li).display, link: getComputedStyle(a).color, title: getComputedStyle(h).fontSize };
  });
  expect(style).toEqual({ display: 'list-item', link: 'rgb(0, 0, 139)', title: '24px' });

  const resources = page.locator('mitgen-resources [part=item]');
  expect(await resources.count()).toBeGreaterThan(0);
  expect(await resources.count()).toBeLessThanOrEqual(3);

  // JSON-LD for search engines, in the host page, with the organisers filled in.
  const ld = JSON.parse((await page.locator('mitgen-events > script[type="application/ld+json"]').textContent())!);
  expect(ld['@context']).toBe('https://schema.org');
  expect(ld['@graph'].map((e: any) => e.name).slice(0, 2)).toEqual(titles.slice(0, 2));
  expect(ld['@graph'][1].offers.availability).toBe('https://schema.org/SoldOut');
  expect(ld['@graph'][0].organizer[0]).toMatchObject({ '@type': 'Organization', name: 'Frauenberatungsstelle Osnabrück' });

  // Keyboard: Tab walks the page in reading order, through both widgets, and focus is visible.
  const expected = ['a:Zum Inhalt'];
  for (const item of await items.all()) {
    expected.push(`mitgen-events>link:${(await item.locator('[part=link]').innerText()).trim()}`);
    if (await item.locator('[part=register]').count()) expected.push(`mitgen-events>register:${await item.locator('[part=register]').getAttribute('aria-label')}`);
  }
  for (const item of await resources.all()) {
    if (await item.locator('[part=link]').count()) expected.push(`mitgen-resources>link:${(await item.locator('[part=link]').innerText()).trim()}`);
  }
  expected.push('a:Impressum');
  const order: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    await page.keyboard.press('Tab');
    order.push(await focused(page));
    if (i === 1) {
      const outline = await page.evaluate(() => {
        const a = document.querySelector('mitgen-events')!.shadowRoot!.activeElement!;
        return getComputedStyle(a).outlineStyle;
      });
      expect(outline).toBe('solid');
    }
  }
  expect(order).toEqual(expected);

  const result = await axe(page);
  process.stdout.write(`axe-core on the widget page: ${result.violations.length} violations, ${result.passes} rules passed\n`);
  expect(result.violations).toEqual([]);
  await page.close();
});

test('unknown slug or region: the empty state and one warning per widget, no exception; an unreachable graph: the error state', async () => {
  const { page, warnings, errors } = await open(
    'fehler',
    `<h2>Termine</h2>
<mitgen-events partner="gibt-es-nicht"></mitgen-events>
<h2>Angebote</h2>
<mitgen-resources region="99999"></mitgen-resources>
<h2>Angebote in der Region</h2>
<mitgen-resources region="Osnabrück"></mitgen-resources>
<h2>Noch mehr Termine</h2>
<mitgen-events api="http://127.0.0.1:9/graphql"></mitgen-events>`,
  );
  await settled(page);
  expect(errors).toEqual([]);
  expect(warnings).toHaveLength(3);
  expect([...warnings].sort()).toEqual([
    '[mitgen] <mitgen-events>: no partner with the slug "gibt-es-nicht"; showing nothing.',
    '[mitgen] <mitgen-resources>: no region with the key "99999"; showing nothing.',
    '[mitgen] <mitgen-resources>: region="Osnabrück" is not a five-digit region key; showing nothing.',
  ]);
  const texts = await page.evaluate(() => [...document.querySelectorAll('mitgen-events, mitgen-resources')].map((w) => {
      const p = w.shadowRoot!.querySelector('p')!;
      return `${p.getAttribute('part')}:${p.textContent}`;
    }));
  expect(texts).toEqual([
    'empty:Zurzeit sind keine Veranstaltungen angekündigt.',
    'empty:Zurzeit sind keine Angebote eingetragen.',
    'empty:Zurzeit sind keine Angebote eingetragen.',
    'error:Die Veranstaltungen können gerade nicht geladen werden.',
  ]);
  // The rest of the host page still works.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('a:Zum Inhalt');
  const result = await axe(page);
  expect(result.violations).toEqual([]);
  await page.close();
});
