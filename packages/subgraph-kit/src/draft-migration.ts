// Writes a migration for new entities of a service, drafted by TypeORM from the entity classes:
//   node ../../packages/subgraph-kit/dist/draft-migration.js dist/index.js CreateThings Thing [Entity …]
// (run in the service folder after a build). It needs a PostgreSQL server: DATABASE_URL, else the
// embedded one that `npm start` runs (postgres://postgres:postgres@127.0.0.1:54329); it works in a
// throwaway database there and drops it again.
import fs from 'node:fs';
import path from 'node:path';
import type { SubgraphDefinition } from './definition';
import { draftMigration, migrationSource } from './migration-draft';

async function main(): Promise<void> {
  const [file, name, ...entityNames] = process.argv.slice(2);
  if (!file || !name || !entityNames.length || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error('usage: draft-migration <compiled service module> <MigrationName> <Entity> [Entity …]');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled service module named on the command line
  const mod = require(path.resolve(file)) as Record<string, unknown>;
  const def = Object.values(mod).find((v): v is SubgraphDefinition => typeof (v as SubgraphDefinition)?.schema === 'function');
  if (!def) throw new Error(`${file} exports no subgraph definition`);
  const entities = entityNames.map((n) => {
    const entity = def.entities.find((e) => e.name === n);
    if (!entity) throw new Error(`${def.name} has no entity ${n} (add it to the definition's entities first)`);
    return entity;
  });
  const server = process.env.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}`;
  const draft = await draftMigration(server, entities).catch((e: Error) => {
    throw new Error(`${e.message}\n(start the graph with \`npm start\` or set DATABASE_URL to a PostgreSQL server)`);
  });
  const timestamp = Date.now();
  const target = path.join('src', 'migrations', `${timestamp}-${name}.ts`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, migrationSource(name, timestamp, draft));
  console.log(`wrote ${target}: add ${name}${timestamp} to the definition's migrations`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
