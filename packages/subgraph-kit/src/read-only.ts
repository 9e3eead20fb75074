import type { ApolloServerPlugin } from '@apollo/server';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { SubgraphContext } from './context';

// Queries never write: a query can be retried, cached or deduplicated by any GraphQL tool between
// client and server, so a write inside one would happen a random number of times. Instead of
// trusting every resolver, query operations (`_entities` fetches included — the gateway sends them
// as queries) get a DataSource whose sessions start every transaction READ ONLY, so PostgreSQL
// itself refuses a write ("cannot execute INSERT in a read-only transaction"). Mutations, routes
// and workers keep the service's own DataSource. A second pool and not `BEGIN READ ONLY` per
// request: one transaction would pin one connection for the whole request and serialise the
// request's batched loads on it; with the setting on the session, reads still run side by side.

/** Session setting that makes every transaction on the connection read-only (PostgreSQL). */
const READ_ONLY_SESSION = '-c default_transaction_read_only=on';

/**
 * A DataSource like `ds` (same database, entities, naming, statement counter and pool size) whose
 * connections refuse writes. It connects when initialised.
 */
export function readOnlyDataSource(ds: DataSource): DataSource {
  const options = ds.options as PostgresDataSourceOptions;
  const extra = (options.extra ?? {}) as { options?: string };
  return new DataSource({
    ...options,
    migrations: [],
    migrationsRun: false,
    // The service's own DataSource installed them; a read-only session could not.
    installExtensions: false,
    extra: { ...extra, options: [extra.options, READ_ONLY_SESSION].filter(Boolean).join(' ') },
  });
}

/**
 * Apollo Server plugin: every query operation of the subgraph reads through a read-only
 * DataSource (`ctx.ds`), so a write attempted inside a query fails. Opened at server start,
 * closed at server stop.
 */
export function readOnlyQueries(ds: DataSource): ApolloServerPlugin<SubgraphContext> {
  const reader = readOnlyDataSource(ds);
  return {
    async serverWillStart() {
      await reader.initialize();
      return {
        async serverWillStop() {
          if (reader.isInitialized) await reader.destroy();
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          // Before any resolver runs: loaders read `ctx.ds` when they first load.
          if (operation?.operation === 'query') contextValue.ds = reader;
        },
      };
    },
  };
}
