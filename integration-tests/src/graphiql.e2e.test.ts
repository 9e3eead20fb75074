import type { BrowserContext, Page } from 'playwright-core';
import { EXAMPLE_GROUPS, EXAMPLES, type Example } from '@mitgen/gateway/graphiql-examples';
import { launchChromium } from './test/browser';
import { ADMIN } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// The self-hosted GraphiQL in real headless Chromium (Debian's package, installed by .ci/run):
// it loads, runs a query, signs in, and the browser never asks any host but the gateway.

let stack: TestStack;
let browser: BrowserContext;
let closeBrowser: () => Promise<void>;
beforeAll(async () => {
  // Mail workers on: the examples send mails (registration, newsletter) as on `npm start`.
  stack = await startStack({ INTROSPECTION: 'coordinators' }, {}, { MAIL_WORKER: 'true' });
  ({ browser, close: closeBrowser } = await launchChromium());
});
afterAll(async () => {
  await closeBrowser?.();
  await stack?.stop();
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

/** Signs in through the panel (the token goes into the headers and this tab's sessionStorage). */
async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.locator('form[aria-label="Sign in"] button[type="submit"]').click();
  await page.getByRole('status').getByText(/Signed in as admin@mitgen\.local/).waitFor();
}

/** Picks an example in the panel, runs it, and returns the gateway's answer to it. */
async function runExample(page: Page, x: Example): Promise<{ data?: Record<string, unknown>; errors?: { message: string }[] }> {
  await page.getByRole('button', { name: x.title, exact: true }).click();
  await page.getByRole('status').getByText(`${x.title}: ready`).waitFor();
  const firstLine = x.query.split('\n').find((l) => l.trim() && !l.startsWith('#'))!.trim();
  await page.locator('.graphiql-query-editor').getByText(firstLine.slice(0, 30)).first().waitFor();
  const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(JSON.stringify(x.query).slice(1, 60)));
  await page.locator('.graphiql-execute-button').click();
  return (await answer).json();
}

test('every example runs against the demo data: the public ones anonymously, the others signed in as the coordinator', async () => {
  const origin = new URL(stack.url).origin;
  const page = await browser.newPage();
  await page.goto(`${origin}/graphiql`);
  await page.locator('.graphiql-container').waitFor();
  await page.getByRole('button', { name: 'Examples' }).first().click();
  for (const g of EXAMPLE_GROUPS) await page.getByRole('heading', { name: g.title }).waitFor();

  const answers = new Map<string, { data?: Record<string, unknown>; errors?: { message: string }[] }>();
  for (const x of EXAMPLES.filter((e) => e.role !== 'coordinator')) answers.set(x.title, await runExample(page, x));
  await signIn(page);
  await page.getByRole('button', { name: 'Examples' }).first().click();
  for (const x of EXAMPLES.filter((e) => e.role === 'coordinator')) answers.set(x.title, await runExample(page, x));
  await page.close();

  for (const [title, answer] of answers) expect([title, answer.errors ?? [], !!answer.data]).toEqual([title, [], true]);
  // A few answers that show the examples did what they say.
  expect((answers.get('Register for an event')!.data!.registerForEvent as { status: string }).status).toMatch(/CONFIRMED|WAITLISTED/);
  expect((answers.get('Publish a partner')!.data!.publishPartner as { status: string }).status).toBe('PUBLISHED');
  expect((answers.get('Publish an event')!.data!.publishEvent as { status: string }).status).toBe('PUBLISHED');
  expect((answers.get('Create an API key for a partner')!.data!.createApiKey as { key: string }).key).toMatch(/^mgk_/);
  // The attendee list link downloads a CSV file through the gateway.
  const { url, filename } = (answers.get('Download attendees')!.data!.event as { attendeeListDownload: { url: string; filename: string } }).attendeeListDownload;
  const download = await fetch(new URL(new URL(url).pathname, stack.url));
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
  expect((await download.text()).split('\r\n').length).toBeGreaterThan(2);
});

test('a reload keeps the sign-in of the tab until the token expires; signing out forgets it', async () => {
  const origin = new URL(stack.url).origin;
  const page = await browser.newPage();
  await page.goto(`${origin}/graphiql`);
  await page.locator('.graphiql-container').waitFor();
  await signIn(page);
  await page.reload();
  await page.locator('.graphiql-container').waitFor();
  await page.getByRole('button', { name: 'Examples' }).first().click();
  const me = await runExample(page, EXAMPLES.find((x) => x.title === 'Who am I?')!);
  expect(me.data?.me).toMatchObject({ email: ADMIN.email, role: 'COORDINATOR' });

  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await page.getByRole('status').getByText(/Signed in as admin@mitgen\.local/).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.reload();
  await page.locator('.graphiql-container').waitFor();
  await page.getByRole('button', { name: 'Examples' }).first().click();
  const anonymous = await runExample(page, EXAMPLES.find((x) => x.title === 'Who am I?')!);
  expect(anonymous.data?.me).toBeNull();
  await page.close();
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
