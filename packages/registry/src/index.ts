import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, YAMLMap } from 'yaml';
import { z } from 'zod';

// The registry of subgraphs (`supergraph.yaml` at the repository root, Rover's supergraph config
// format) and everything derived from one entry: its folder, port, settings and database. Every
// list of subgraphs in the repository (gateway, composition, launcher, tests, benchmark, jest) reads
// it through this package, so adding a subgraph touches the registry and nothing else.

/** The repository root: the folder holding `supergraph.yaml` (`SUBGRAPH_REGISTRY` points elsewhere). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Path of the registry file this process uses. */
export function registryFile(): string {
  return process.env.SUBGRAPH_REGISTRY ? path.resolve(process.env.SUBGRAPH_REGISTRY) : path.join(REPO_ROOT, 'supergraph.yaml');
}

/** One subgraph of the registry, with the names derived from it. */
export interface SubgraphEntry {
  /** Short name, e.g. `partners` (the key in `supergraph.yaml`). */
  name: string;
  /** Its workspace folder relative to the repository root, e.g. `services/partners`. */
  dir: string;
  /** Its committed SDL relative to the repository root, e.g. `services/partners/schema.graphql`. */
  schemaFile: string;
  /** Where it runs locally (`routing_url`), e.g. `http://localhost:4001/graphql`. */
  routingUrl: string;
  /** Its default port (from `routing_url`). */
  port: number;
  /** Gateway setting that overrides its URL, e.g. `PARTNERS_URL`. */
  urlSetting: string;
  /** Gateway setting that overrides its fetch time limit, e.g. `PARTNERS_TIMEOUT_MS`. */
  timeoutSetting: string;
  /** `npm start` setting that overrides its port, e.g. `PARTNERS_PORT`. */
  portSetting: string;
  /** Its own database on the PostgreSQL server, e.g. `mitgen_partners`. */
  database: string;
}

export interface Registry {
  /** The file it was read from. */
  file: string;
  /** The repository root the entries' paths are relative to. */
  root: string;
  /** Federation composition version (`federation_version`, e.g. `=2.14.4`). */
  federationVersion: string;
  subgraphs: SubgraphEntry[];
}

/** A registry that cannot be used; the message lists every problem. */
export class RegistryError extends Error {}

/** Subgraph names: lower case letters, digits and dashes (they become folder, setting and database names). */
export const SUBGRAPH_NAME = /^[a-z][a-z0-9-]{0,30}$/;

const fileShape = z.object({
  federation_version: z.string().regex(/^=?2(\.\d+){0,2}$/, 'must be a federation 2 version such as =2.14.4'),
  subgraphs: z.record(
    z.string(),
    z.object({
      routing_url: z.url({ protocol: /^https?$/ }),
      schema: z.object({ file: z.string().min(1) }),
    }),
  ),
});

/** The prefix of a subgraph's settings: `partners` → `PARTNERS`, `open-data` → `OPEN_DATA`. */
export function settingPrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** The names derived from a subgraph's name, folder and URL. */
export function entryOf(name: string, routingUrl: string, schemaFile: string): SubgraphEntry {
  const url = new URL(routingUrl);
  const prefix = settingPrefix(name);
  const file = path.posix.normalize(schemaFile.replace(/^\.\//, ''));
  return {
    name,
    dir: path.posix.dirname(file),
    schemaFile: file,
    routingUrl,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    urlSetting: `${prefix}_URL`,
    timeoutSetting: `${prefix}_TIMEOUT_MS`,
    portSetting: `${prefix}_PORT`,
    database: `mitgen_${name.replace(/-/g, '_')}`,
  };
}

/** Reads and checks the registry; throws a `RegistryError` listing every problem. */
export function loadRegistry(file = registryFile()): Registry {
  if (!existsSync(file)) throw new RegistryError(`[registry] ${file} is missing: it lists the subgraphs of the graph`);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  if (doc.errors.length) throw new RegistryError(`[registry] ${file} is not valid YAML:\n${doc.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  const parsed = fileShape.safeParse(doc.toJS());
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`);
    const bad = Object.keys((doc.toJS() as { subgraphs?: object })?.subgraphs ?? {}).filter((n) => !SUBGRAPH_NAME.test(n));
    lines.push(...bad.map((n) => `  - subgraphs.${n}: subgraph names use lower case letters, digits and dashes`));
    throw new RegistryError(`[registry] ${file} is invalid:\n${lines.join('\n')}`);
  }
  const root = path.dirname(file);
  const subgraphs = Object.entries(parsed.data.subgraphs).map(([name, s]) => entryOf(name, s.routing_url, s.schema.file));
  const problems: string[] = [];
  const seen = new Map<number, string>();
  for (const s of subgraphs) {
    if (!SUBGRAPH_NAME.test(s.name)) problems.push(`${s.name}: subgraph names use lower case letters, digits and dashes`);
    if (s.dir.startsWith('..') || path.isAbsolute(s.dir)) problems.push(`${s.name}: schema.file must lie inside the repository`);
    const other = seen.get(s.port);
    if (other) problems.push(`${s.name}: port ${s.port} is already used by ${other}`);
    seen.set(s.port, s.name);
  }
  if (!subgraphs.length) problems.push('no subgraphs are listed');
  if (problems.length) throw new RegistryError(`[registry] ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { file, root, federationVersion: parsed.data.federation_version, subgraphs };
}

let cached: Registry | undefined;

/** The subgraphs of this repository's registry (read once per process). */
export function subgraphs(): SubgraphEntry[] {
  cached ??= loadRegistry();
  return cached.subgraphs;
}

/** The entry of one subgraph; throws when the registry has no such subgraph. */
export function subgraph(name: string): SubgraphEntry {
  const entry = subgraphs().find((s) => s.name === name);
  if (!entry) throw new RegistryError(`[registry] no subgraph "${name}" in ${registryFile()}`);
  return entry;
}

/** The next free default port after the registered ones (for a new subgraph). */
export function nextFreePort(registry: Registry): number {
  return Math.max(...registry.subgraphs.map((s) => s.port)) + 1;
}

/**
 * Adds a subgraph to the registry file in place (comments and order kept), at the next free port
 * unless one is given. Throws when the name is invalid or taken.
 */
export function registerSubgraph(name: string, options: { file?: string; port?: number; dir?: string } = {}): SubgraphEntry {
  const file = options.file ?? registryFile();
  const registry = loadRegistry(file);
  if (!SUBGRAPH_NAME.test(name)) throw new RegistryError(`[registry] "${name}" is not a valid subgraph name (lower case letters, digits, dashes)`);
  if (registry.subgraphs.some((s) => s.name === name)) throw new RegistryError(`[registry] a subgraph "${name}" is already registered`);
  const port = options.port ?? nextFreePort(registry);
  const entry = entryOf(name, `http://localhost:${port}/graphql`, `./${options.dir ?? `services/${name}`}/schema.graphql`);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const map = doc.get('subgraphs') as YAMLMap;
  map.set(name, doc.createNode({ routing_url: entry.routingUrl, schema: { file: `./${entry.schemaFile}` } }));
  writeFileSync(file, doc.toString());
  // A registry read earlier in this process is stale now.
  cached = undefined;
  return entry;
}
