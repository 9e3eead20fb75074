import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// The self-hosted GraphiQL in real headless Chromium (Debian's package, installed by .ci/run):
// it loads, runs a query, signs in, and the browser never asks any host but the gateway.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let stack: TestStack;
let browser: BrowserContext;
let profile: string;
beforeAll(async () => {
  stack = await startStack({ INTROSPECTION: 'coordinators' });
  profile = mkdtempSync(path.join(tmpdir(), 'graphiql-chromium-'));
  // A fresh profile folder (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Every URL the page asked for (documents, scripts, styles, fonts, XHR/fetch). */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

async function responseText(page: Page): Promise<string> {
  return page.locator('.graphiql-response').innerText();
}

test('GraphiQL loads from the gateway alone, runs the example query, and signs in', async () => {
  const origin = new URL(stack.url).origin;
  const page = await browser.newPage();
  const urls = recordRequests(page);
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

  await page.goto(`${origin}/graphiql`);
  await page.locator('.graphiql-container').waitFor();
  // The default tab holds the network directory example.
  await page.locator('.graphiql-query-editor').getByText('partners(first: 5)').waitFor();
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.graphiql-response').getByText('totalCount').first().waitFor();
  const result = await responseText(page);
  expect(result).toContain('"partners"');
  expect(result).not.toContain('"errors"');

  // Sign in through the panel: the token lands in the headers and `me` answers.
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.locator('form[aria-label="Sign in"] button[type="submit"]').click();
  await page.getByRole('status').getByText(/Signed in as admin@mitgen\.local/).waitFor();
  await page.getByRole('button', { name: 'Examples' }).first().click();
  await page.getByRole('button', { name: 'Who am I?' }).click();
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.graphiql-response').getByText('COORDINATOR').first().waitFor();
  expect(await responseText(page)).toContain('admin@mitgen.local');

  await page.close();
  const foreign = urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
  expect(urls.some((u) => u === `${origin}/graphql`)).toBe(true);
  // The only failed loads are the schema requests before signing in (INTROSPECTION=coordinators).
  expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});

test('the page forbids other hosts by its Content-Security-Policy, and / serves it too', async () => {
  const res = await fetch(new URL('/', stack.url));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const csp = res.headers.get('content-security-policy')!;
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).toMatch(/connect-src 'self'/);
  const html = await res.text();
  expect(html).not.toMatch(/https?:\/\//);
  const redirect = await fetch(stack.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
  expect(redirect.status).toBe(302);
  expect(redirect.headers.get('location')).toBe('/graphiql');
});

test('the "Partner sites" panel shows the widget snippet with this gateway’s address, and the feeds', async () => {
  const origin = new URL(stack.url).origin;
  const page = await browser.newPage();
  await page.goto(`${origin}/graphiql`);
  await page.locator('.graphiql-container').waitFor();
  await page.getByRole('button', { name: 'Partner sites' }).first().click();
  const snippet = await page.getByLabel('Widget snippet').innerText();
  expect(snippet).toContain(`<script src="${origin}/embed/mitgen.js" defer></script>`);
  expect(snippet).toContain('<mitgen-events partner="g-mit-niedersachsen" limit="5"></mitgen-events>');
  expect(await page.getByRole('link', { name: '/feeds/events.jsonld' }).getAttribute('href')).toBe('/feeds/events.jsonld');
  expect(await page.getByRole('link', { name: '/hsds/' }).getAttribute('href')).toBe('/hsds/');
  await page.close();
});
