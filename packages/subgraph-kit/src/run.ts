import { loadConfig, type BaseServiceEnv } from './config';
import { createDataSource, ensureDatabase, initializeDataSource, runMigrations } from './database';
import type { SubgraphDefinition } from './definition';
import { createLogger } from './logger';
import { createSubgraph, type CreateSubgraphOptions, type SubgraphApp } from './server';
import { installShutdown } from './shutdown';
import { startTracing } from './tracing';

/** `main.js migrate`: create the database if needed, apply pending migrations, exit (the one-shot deploy step). */
async function migrateOnly<Env extends BaseServiceEnv>(def: SubgraphDefinition<Env>, env: Env): Promise<void> {
  const log = createLogger(def.name, env.LOG_LEVEL);
  await ensureDatabase(env.DATABASE_URL, def.name);
  const ds = createDataSource({ url: env.DATABASE_URL, entities: def.entities, migrations: def.migrations, log });
  await initializeDataSource(ds, def.name);
  try {
    const ran = await runMigrations(ds);
    console.log(`[${def.name}] ${ran.length ? `applied ${ran.join(', ')}` : 'no pending migrations'}`);
  } finally {
    await ds.destroy();
  }
}

/** Errors whose message is already a complete one-line explanation. */
const ONE_LINE_ERRORS = ['ConfigError', 'DatabaseError', 'PortTakenError'];

/** `main.ts` of a service: settings, database, server, graceful shutdown; one clear line on failure. */
export async function runSubgraph<Env extends BaseServiceEnv>(
  def: SubgraphDefinition<Env>,
  options: CreateSubgraphOptions = {},
): Promise<SubgraphApp<Env>> {
  try {
    const env = loadConfig(def.name, def.env);
    if (process.argv.includes('migrate')) {
      await migrateOnly(def, env);
      process.exit(0);
    }
    const tracing = startTracing({ service: def.name, endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
    const subgraph = await createSubgraph(def, env, options);
    const url = await subgraph.listen();
    installShutdown(subgraph.log, [
      { name: 'server and database', run: subgraph.close },
      { name: 'trace export', run: tracing.shutdown },
    ]);
    subgraph.log.info({ url }, `[${def.name}] subgraph ready at ${url}`);
    return subgraph;
  } catch (e) {
    const err = e as Error;
    if (ONE_LINE_ERRORS.includes(err.constructor.name)) console.error(err.message);
    else console.error(`[${def.name}] failed to start:`, err);
    process.exit(1);
  }
}
