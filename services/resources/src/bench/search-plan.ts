import { randomBytes } from 'node:crypto';
import { AuditEntry, createDataSource, createLogger, ensureDatabase, initializeDataSource, runMigrations } from '@mitgen/subgraph-kit';
import { Resource } from '../resource/resource.entity';
import { ResourceSort } from '../resource/resource.input';
import { resourcesSubgraph } from '../subgraph';
import { explainResources, insertBenchResources } from './bench-data';

// For the benchmark: how PostgreSQL runs a search over 5,000 resources.
//   DATABASE_URL=postgres://user:pw@localhost:54329/postgres node services/resources/dist/bench/search-plan.js
// Works in a new database of its own on that server and drops it at the end.

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    console.error('Set DATABASE_URL to a PostgreSQL server (e.g. the embedded one of npm start: postgres://postgres:password@localhost:54329/postgres)');
    process.exit(2);
  }
  const url = new URL(server);
  url.pathname = `/mitgen_resources_plan_${randomBytes(3).toString('hex')}`;
  const log = createLogger('resources', 'error');
  await ensureDatabase(url.toString(), 'resources');
  const ds = createDataSource({ url: url.toString(), entities: [Resource, AuditEntry], migrations: resourcesSubgraph.migrations, log });
  try {
    await initializeDataSource(ds, 'resources');
    await runMigrations(ds);
    await insertBenchResources(ds, 5000);
    await ds.query('ANALYZE resource');
    for (const [filter, sort] of [
      [{ search: 'Sprechstunde Goslar' }, ResourceSort.RELEVANCE],
      [{ search: '"häuslicher Gewalt" -Telefonberatung', region: '03404' }, ResourceSort.RELEVANCE],
      [{ search: 'Beratungsstellen Aurich' }, ResourceSort.NEWEST],
    ] as const) {
      const plan = await explainResources(ds, filter, sort);
      console.log(`\n## resources(filter: ${JSON.stringify(filter)}, sort: ${sort}, first: 50)\n-- page\n${plan.page}\n-- count\n${plan.count}`);
    }
  } finally {
    await ds.destroy();
    const admin = createDataSource({ url: server, entities: [], migrations: [], log });
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await admin.destroy();
  }
}

void main();
