import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gatewayEnv } from '@mitgen/gateway';
import { REPO_ROOT } from '@mitgen/registry';
import { baseServiceEnv } from '@mitgen/subgraph-kit';
import { SERVICE_DEFINITIONS, SUBGRAPHS } from './test/services';

// The README's settings tables name every setting the code reads, and nothing else: the settings of
// every zod schema (kit, each subgraph of the registry, gateway, launcher) and every
// `process.env.NAME` read in the programs' sources. Settings derived per subgraph are written as
// patterns (`<NAME>_URL`).

/** Variables that are no settings: a process's own marker, the test and benchmark harness. */
const INTERNAL = new Set(['MITGEN_SUPERVISOR', 'TEST_PG_URL', 'BENCH_PG_URL']);

const keysOf = (schema: unknown): string[] => Object.keys((schema as { shape: Record<string, unknown> }).shape);

/** The launcher's settings (an app, not a library: loaded from its build). */
function launcherKeys(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the launcher exports nothing as a package
  return keysOf(require(path.join(REPO_ROOT, 'packages/launcher/dist/env.js')).launcherEnv);
}

/** `process.env.NAME` reads in the sources of the programs (not tests, benchmarks or the test kit). */
function processEnvReads(): string[] {
  const roots = ['gateway/src', 'services', 'packages'].map((r) => path.join(REPO_ROOT, r));
  const skip = /(^|\/)(node_modules|dist|test|bench|test-kit|lint-config)(\/|$)|\.test\.ts$/;
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (skip.test(path.relative(REPO_ROOT, file))) continue;
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(ts|mjs)$/.test(name)) for (const m of readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) found.add(m[1]);
    }
  };
  roots.forEach(walk);
  return [...found].filter((k) => !INTERNAL.has(k));
}

/** A per-subgraph setting as its pattern (`PARTNERS_URL` → `<NAME>_URL`). */
function pattern(key: string): string {
  for (const s of SUBGRAPHS) {
    if (key === s.urlSetting) return '<NAME>_URL';
    if (key === s.timeoutSetting) return '<NAME>_TIMEOUT_MS';
    if (key === s.portSetting) return '<NAME>_PORT';
  }
  return key;
}

/** Settings named in the first column of the tables of the README's "Settings" section. */
function readmeSettings(): Set<string> {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Settings\n'), readme.indexOf('\n## ', readme.indexOf('\n## Settings\n') + 1));
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('| ')) continue;
    const first = line.split('|')[1];
    for (const m of first.matchAll(/`([A-Z][A-Z0-9_]*|<NAME>_[A-Z_]+)`/g)) names.add(pattern(m[1]));
  }
  return names;
}

test("the README's settings tables list every setting the code reads, and only those", () => {
  const code = new Set(
    [
      ...keysOf(baseServiceEnv),
      ...Object.values(SERVICE_DEFINITIONS).flatMap((d) => keysOf(d.env)),
      ...keysOf(gatewayEnv),
      ...launcherKeys(),
      ...processEnvReads(),
    ].map(pattern),
  );
  const readme = readmeSettings();
  expect({ missingInReadme: [...code].filter((k) => !readme.has(k)).sort(), notReadByCode: [...readme].filter((k) => !code.has(k)).sort() }).toEqual({
    missingInReadme: [],
    notReadByCode: [],
  });
  // The collection itself works: settings of each source are there.
  for (const k of ['DATABASE_POOL_SIZE', 'ADMIN_PASSWORD', 'PUBLIC_WEB_URL', 'CORS_ORIGINS', 'EMBEDDED_PG_PORT', 'DATABASE_SERVER_URL', '<NAME>_URL', '<NAME>_PORT']) {
    expect(code).toContain(k);
  }
});
