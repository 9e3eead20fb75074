import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@mitgen/registry';
import { gqlOk } from '@mitgen/test-kit';
import { launchChromium } from './test/browser';
import { coordinatorToken, PARTNER_A } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// The README's snippets for partner institutions work as printed: the `fetch` from a page of
// another origin in real Chromium (CORS, no extra header), the `curl` with an API key.

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

/** The code blocks of a README section, by language. */
function snippets(heading: string): Record<string, string> {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}`);
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return Object.fromEntries([...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, lang, code]) => [lang, code]));
}

/** The snippet pointed at the test stack instead of `npm start`'s address. */
const here = (code: string) => code.replaceAll('http://localhost:4000', new URL(stack.url).origin);

test("the README's fetch snippet runs in a browser page of another origin, with no API key and no extra header", async () => {
  const { js } = snippets('Partner institutions');
  // A partner's site: an empty page on another origin.
  const site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Partner</title>'));
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  const { browser, close } = await launchChromium();
  try {
    const page = await browser.newPage();
    const sent: Record<string, string>[] = [];
    page.on('request', (r) => r.url().includes('/graphql') && sent.push(r.headers()));
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    const printed = await page.evaluate(`(async () => { const lines = []; const console = { log: (t) => lines.push(t) }; ${here(js)}; return lines; })()`);
    expect(String(printed)).toMatch(/\d{4}-\d\d-\d\dT.* \S+/);
    expect(sent).toHaveLength(1); // no preflight: a simple GET
    expect(Object.keys(sent[0])).not.toContain('apollo-require-preflight');
  } finally {
    await close();
    await new Promise((r) => site.close(r));
  }
});

test("the README's curl snippet runs with an API key, and the key's use is recorded", async () => {
  const { sh } = snippets('Partner institutions');
  const coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
  const { createApiKey } = await gqlOk(stack.url, 'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id } } }', { i: { partnerId: PARTNER_A, name: 'README' } }, coordinator);
  const { stdout } = await promisify(execFile)('bash', ['-c', here(sh)], { env: { ...process.env, MITGEN_API_KEY: createApiKey.key } });
  const answer = JSON.parse(stdout);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.events.nodes.length).toBeGreaterThan(0);
  const { apiKeys } = await gqlOk(stack.url, `query ($p: ID!) { apiKeys(partnerId: $p, first: 100) { nodes { id lastUsedAt } } }`, { p: PARTNER_A }, coordinator);
  expect(apiKeys.nodes.find((k: { id: string }) => k.id === createApiKey.apiKey.id).lastUsedAt).not.toBeNull();
});
