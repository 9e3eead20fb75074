// The one-shot deploy step of docker-compose.yml: for every subgraph of the registry, create its
// database on DATABASE_SERVER_URL if missing and apply its pending migrations (each subgraph's own
// `main.js migrate`, one after the other), then exit; non-zero when any of them failed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { databaseUrl } from '@mitgen/embedded-db';
import { SERVICES } from './env';
import { ROOT } from './processes';

const server = process.env.DATABASE_SERVER_URL;
if (!server || !/^postgres(ql)?:\/\//.test(server)) {
  console.error('[migrate] DATABASE_SERVER_URL must be the postgres:// URL of the PostgreSQL server (any database name)');
  process.exit(1);
}
for (const s of SERVICES) {
  const run = spawnSync(process.execPath, [path.join(ROOT, s.dir, 'dist/main.js'), 'migrate'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(server, s.database) },
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`[migrate] ${s.name} failed (exit code ${run.status ?? run.signal}); later subgraphs were not migrated`);
    process.exit(1);
  }
}
console.log(`[migrate] ${SERVICES.length} subgraph database(s) up to date`);
