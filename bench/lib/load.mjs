// HTTP load with autocannon and SQL statement counting with pg_stat_statements.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const { Client } = require('pg');

/** Reads `bench/operations/<name>.graphql`, filling `%NAME%` placeholders from `ids`. */
export function operation(name, ids = {}) {
  const text = readFileSync(path.join(import.meta.dirname, '../operations', `${name}.graphql`), 'utf8');
  return text.replace(/%([A-Z0-9_]+)%/g, (_, key) => {
    if (!(key in ids)) throw new Error(`${name}.graphql: no value for %${key}%`);
    return ids[key];
  });
}

/** One POST to check an operation answers without errors (before measuring it). */
export async function check(url, query, variables = {}, headers = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.errors) throw new Error(`${url}: ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * Warm-up, then a fixed-duration measurement; requests/s, latency, errors (HTTP and GraphQL).
 * With `vary`, every request draws its own variables (`vary()`); without, all requests are identical.
 */
export async function measure({ url, query, variables = {}, vary, headers = {}, connections, duration, warmup }) {
  let graphqlErrors = 0;
  const opts = {
    url,
    method: 'POST',
    connections,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    requests: [
      {
        ...(vary ? { setupRequest: (req) => ({ ...req, body: JSON.stringify({ query, variables: vary() }) }) } : {}),
        onResponse: (status, body) => {
          if (status === 200 && body.includes('"errors"')) graphqlErrors++;
        },
      },
    ],
  };
  await run({ ...opts, duration: warmup });
  graphqlErrors = 0;
  const r = await run({ ...opts, duration });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx + graphqlErrors,
    total: r.requests.total,
  };
}

/** Total SQL statements executed on the server so far (all databases). */
export async function sqlStatements(serverUrl) {
  const client = new Client({ connectionString: serverUrl.replace(/\/?$/, '/postgres') });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const { rows } = await client.query(
      "SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%' AND query NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK', 'SELECT 1')",
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/**
 * SQL statements one request costs: the fewest of a few tries, since background work of the services
 * (jobs polling their queues) can only add statements to a try, never take any away.
 */
export async function statementsPerRequest(serverUrl, url, query, variables) {
  const counts = [];
  for (let i = 0; i < 5; i++) {
    const before = await sqlStatements(serverUrl);
    await check(url, query, variables);
    counts.push((await sqlStatements(serverUrl)) - before);
  }
  return Math.min(...counts);
}

/**
 * Load on several gateway replicas at once (a load balancer's round robin: the connections split
 * evenly), each connection cycling through `bodies`; requests/s summed, the worst latencies.
 */
export async function measureMix({ urls, bodies, connections, duration, warmup }) {
  const opts = (url) => ({
    url,
    method: 'POST',
    connections: Math.max(1, Math.round(connections / urls.length)),
    headers: { 'content-type': 'application/json' },
    requests: bodies.map((body) => ({ method: 'POST', body })),
  });
  await Promise.all(urls.map((url) => run({ ...opts(url), duration: warmup })));
  const results = await Promise.all(urls.map((url) => run({ ...opts(url), duration })));
  return {
    rps: results.reduce((a, r) => a + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((a, r) => a + r.errors + r.timeouts + r.non2xx, 0),
    total: results.reduce((a, r) => a + r.requests.total, 0),
  };
}
