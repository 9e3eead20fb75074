import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@mitgen/registry';
import { API_PATHS, PAGE_PATHS } from '@mitgen/subgraph-kit';

// The README's "Links in mails" table is the list of pages a website must serve when it takes over
// (PUBLIC_WEB_URL): it names every path of the kit's URL scheme (links.ts), and nothing else.

/** The kit's path in the README's spelling (`:slug` → `<slug>`). */
const asWritten = (p: string) => p.replace(/:([a-zA-Z]+)/g, '<$1>');

/** Paths in the second column of the table under "### Links in mails" (query strings dropped). */
function readmePaths(): string[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Links in mails\n');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| page |'))
    .flatMap((line) => [...line.split('|')[2].matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\?.*$/, '')));
}

test("the README's table of pages lists every path of the kit's URL scheme, and only those", () => {
  const code = [...Object.values(PAGE_PATHS), ...Object.values(API_PATHS)].map(asWritten).sort();
  expect(code.length).toBeGreaterThan(5);
  expect(readmePaths().sort()).toEqual(code);
});
