// Scale-out: the mix of the four gateway pages (directory, resource search, event page, edition
// render) through one gateway with its in-process response cache, one on Redis, and two replicas
// sharing that Redis (the load split between them as a load balancer would). With the CPU time of
// every part per request: on a 2-core machine two replicas compete with everything else for the same
// cores, so the ceiling (cores × 1000 ms / CPU ms per request) says more than the req/s alone.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { check, measureMix, operation } from '../lib/load.mjs';
import { cpuSeconds, postgresCpuSeconds, ROOT, startOurGateway, stopProcess } from '../lib/stack.mjs';

const require = createRequire(import.meta.url);
const { startTestRedis } = require(path.join(ROOT, 'packages/test-kit/dist/redis.js'));
const { freePort } = require('@mitgen/embedded-db');

const PAGES = ['directory', 'resource-search', 'event-page', 'edition-render'];

export const replicas = {
  title: 'Two gateway replicas sharing Redis next to one (mix of the four pages, response cache on)',
  async run({ db, p, keys, supergraph, ids, subgraphs, settings, log }) {
    const redis = await startTestRedis();
    const gateways = [];
    try {
      const start = async (env) => {
        const port = await freePort();
        const proc = await startOurGateway(p, keys, supergraph, { port, responseCache: true, env });
        gateways.push(proc);
        return { url: `http://127.0.0.1:${port}/graphql`, pid: proc.child.pid };
      };
      // All four at once: each waits for its own health check.
      const shared = redis.url.replace(/\/0$/, '/1');
      const [alone, onRedis, a, b] = await Promise.all([start({}), start({ REDIS_URL: redis.url }), start({ REDIS_URL: shared }), start({ REDIS_URL: shared })]);
      const queries = PAGES.map((name) => operation(name, ids));
      const bodies = queries.map((query) => JSON.stringify({ query, variables: {} }));
      for (const g of [alone, onRedis, a, b]) for (const q of queries) await check(g.url, q);

      const cores = os.availableParallelism();
      const cases = [
        { name: 'one gateway, in-process cache', replicas: [alone] },
        { name: 'one gateway, cache in Redis', replicas: [onRedis] },
        { name: 'two replicas, one Redis', replicas: [a, b] },
      ];
      const rows = [];
      for (const c of cases) {
        log(`replicas: ${c.name} …`);
        const cpu = () => ({
          gateways: c.replicas.reduce((s, g) => s + cpuSeconds(g.pid), 0),
          subgraphs: subgraphs.reduce((s, sg) => s + cpuSeconds(sg.child.pid), 0),
          postgres: postgresCpuSeconds(db),
          redis: redis.pid ? cpuSeconds(redis.pid) : 0,
          client: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
        });
        const before = cpu();
        const m = await measureMix({ urls: c.replicas.map((g) => g.url), bodies, ...settings });
        const after = cpu();
        const msPer = Object.fromEntries(Object.keys(before).map((k) => [k, ((after[k] - before[k]) * 1000) / Math.max(1, m.total)]));
        const totalMs = Object.values(msPer).reduce((x, y) => x + y, 0);
        rows.push({ ...c, ...m, msPer, ceiling: (cores * 1000) / totalMs });
      }
      const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
      const lines = [
        `| case | req/s | p50 ms | p99 ms | errors | CPU ms per request: gateways / subgraphs / PostgreSQL / Redis / load client | CPU-bound ceiling on ${cores} cores |`,
        '|---|---:|---:|---:|---:|---|---:|',
        ...rows.map(
          (r) =>
            `| ${r.name} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.errors} | ${['gateways', 'subgraphs', 'postgres', 'redis', 'client'].map((k) => fmt(r.msPer[k], 2)).join(' / ')} | ${fmt(r.ceiling)} req/s |`,
        ),
        '',
        `Two replicas on ${cores} cores share them with the load client, the subgraphs, PostgreSQL and Redis: the`,
        'ceiling column (cores × 1000 ms / CPU ms per request) is what the same work would reach with the cores to itself;',
        'on more cores the replicas add throughput up to their number (each runs on one core).',
      ];
      return { lines, ok: rows.every((r) => r.errors === 0) };
    } finally {
      await Promise.all(gateways.map(stopProcess));
      await redis.close();
    }
  },
};
