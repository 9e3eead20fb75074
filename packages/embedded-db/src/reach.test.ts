import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readlinkSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLUSTERS, copyWithDependencies } from './reach';

// A clone in a folder only root can enter (here a `mktemp -d` folder, mode 0700), run as root:
// the embedded server must start there — from an installation inside that folder, with its data
// folder inside it too — keep its data between starts, and start afresh when the data folder is
// deleted. (As another user nothing of this applies: postgres then runs as that user.)

const asRoot = process.getuid?.() === 0 ? test : test.skip;

/** Starts the server from the installation in `dir`, optionally writes a table, and tells whether the table is there. */
function run(dir: string, mode: 'write' | 'read'): { kept: boolean } {
  const script = `
    const e = require('@mitgen/embedded-db');
    const { Client } = require('pg');
    (async () => {
      const pg = await e.startEmbeddedPostgres({ dataDir: '.data/postgres', port: await e.freePort() });
      const c = new Client({ connectionString: e.databaseUrl(pg.serverUrl, 'postgres') });
      await c.connect();
      if (process.argv[1] === 'write') await c.query('CREATE TABLE kept (x int)');
      const { rows } = await c.query("SELECT to_regclass('kept') IS NOT NULL AS kept");
      await c.end();
      await pg.stop();
      console.log(JSON.stringify(rows[0]));
    })().catch((err) => { console.error(err.message); process.exit(1); });`;
  const out = execFileSync(process.execPath, ['-e', script, mode], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

asRoot('as root in a folder only root can enter, the server starts, keeps its data, and starts afresh without it', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-private-'));
  chmodSync(dir, 0o700);
  let cluster: string | undefined;
  try {
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // An installation inside the private folder, as `npm install` makes it in a clone.
    copyWithDependencies('@mitgen/embedded-db', __dirname, dir, new Set());
    expect(run(dir, 'write')).toEqual({ kept: true });
    const link = path.join(dir, '.data', 'postgres');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    cluster = readlinkSync(link);
    expect(path.dirname(cluster)).toBe(CLUSTERS);
    expect(run(dir, 'read')).toEqual({ kept: true });
    // `rm -rf .data` is still a fresh start.
    rmSync(path.join(dir, '.data'), { recursive: true, force: true });
    expect(run(dir, 'read')).toEqual({ kept: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (cluster) rmSync(cluster, { recursive: true, force: true });
  }
});
