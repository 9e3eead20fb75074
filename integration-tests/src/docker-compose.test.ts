import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ZodObject } from 'zod';
import { REPO_ROOT } from '@mitgen/registry';
import { gatewayEnv } from '@mitgen/gateway';
import { SHUTDOWN_TIMEOUT_MS } from '@mitgen/subgraph-kit/runtime';
import { SERVICE_DEFINITIONS, SUBGRAPHS } from './test/services';

// docker-compose.yml cannot run on the development machine (no Docker engine): these checks keep
// it consistent with the code and with the registry of subgraphs (supergraph.yaml) instead.
const compose = parse(readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const services: Record<
  string,
  {
    command?: string[] | string;
    environment?: Record<string, string>;
    depends_on?: Record<string, unknown>;
    healthcheck?: { test: string[] };
    volumes?: string[];
    restart?: string;
    stop_grace_period?: string;
  }
> =
  compose.services;

const settingsOf = (name: string): string[] => {
  const schema = (name === 'gateway' ? gatewayEnv : SERVICE_DEFINITIONS[name].env) as ZodObject;
  return Object.keys(schema.shape);
};

test('every subgraph and the gateway has a container with a health check', () => {
  for (const name of [...SUBGRAPHS.map((s) => s.name), 'gateway']) {
    expect(services[name]).toBeDefined();
    expect(services[name].healthcheck).toBeDefined();
  }
  expect(services.postgres).toBeDefined();
  expect(services.redis.healthcheck).toBeDefined();
});

test('the image carries the registry of subgraphs and every workspace', () => {
  const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  expect(dockerfile).toMatch(/^COPY .*\bsupergraph\.yaml\b/m);
  const { workspaces } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  for (const w of workspaces) expect({ w, copied: dockerfile.includes(`COPY ${w.replace(/\/\*$/, '')} `) }).toEqual({ w, copied: true });
});

test('each container runs a script that the build produces', () => {
  for (const [name, svc] of Object.entries(services)) {
    if (name === 'postgres' || name === 'redis') continue;
    const script = (svc.command as string[])[1];
    const source = path.join(REPO_ROOT, script.replace('/dist/', '/src/').replace(/\.js$/, '.ts'));
    expect({ name, exists: existsSync(source) }).toEqual({ name, exists: true });
  }
});

test('every environment variable a container sets is a setting its program reads', () => {
  for (const [name, svc] of Object.entries(services)) {
    if (name === 'postgres' || name === 'redis' || name === 'migrate') continue;
    const unknown = Object.keys(svc.environment ?? {}).filter((k) => !settingsOf(name).includes(k));
    expect({ name, unknown }).toEqual({ name, unknown: [] });
  }
});

test('the migration step migrates every subgraph of the registry and the subgraphs wait for it', () => {
  // The step's program walks the registry itself (packages/launcher/src/migrate.ts).
  expect(services.migrate.command).toEqual(['node', 'packages/launcher/dist/migrate.js']);
  for (const s of SUBGRAPHS) {
    expect(services[s.name].depends_on).toHaveProperty('migrate');
    expect(services[s.name].environment?.MIGRATIONS_RUN).toBe('false');
  }
  expect(Object.keys(services.migrate.environment ?? {})).toEqual(['DATABASE_SERVER_URL']);
});

test('two gateway replicas share the Redis service (waiting for its health check), one host port each', () => {
  const gateway = services.gateway as (typeof services)['gateway'] & { deploy?: { replicas?: number }; ports?: string[] };
  const replicas = gateway.deploy?.replicas ?? 1;
  expect(replicas).toBe(2);
  // "first-last:4000": as many host ports as replicas, documented in docs/gateway.md.
  const [, first, last] = /^(\d+)-(\d+):4000$/.exec(gateway.ports?.[0] ?? '') ?? [];
  expect(Number(last) - Number(first) + 1).toBe(replicas);
  const docs = readFileSync(path.join(REPO_ROOT, 'docs', 'gateway.md'), 'utf8');
  expect(docs).toContain('## Running several gateways');
  expect(docs).toContain(`${first}-${last}:4000`);
  const url = new URL(gateway.environment!.REDIS_URL);
  expect(url.hostname).toBe('redis');
  expect(gateway.depends_on?.redis).toEqual({ condition: 'service_healthy' });
  expect(String((services.redis as { image?: string }).image)).toMatch(/^redis:/);
  // OTLP export is off unless the operator names a collector.
  for (const name of [...SUBGRAPHS.map((s) => s.name), 'gateway']) expect([name, services[name].environment?.OTEL_EXPORTER_OTLP_ENDPOINT]).toEqual([name, '${OTEL_EXPORTER_OTLP_ENDPOINT:-}']);
});

test('the gateway reaches each subgraph by its container name and port, and waits for it', () => {
  const env = services.gateway.environment!;
  for (const s of SUBGRAPHS) {
    expect(env[s.urlSetting]).toBe(`http://${s.name}:${services[s.name].environment!.PORT}/graphql`);
    expect(services.gateway.depends_on).toHaveProperty(s.name);
  }
});

test('each subgraph container runs its own program on its registry port with its own database', () => {
  for (const s of SUBGRAPHS) {
    const env = services[s.name].environment!;
    expect({ name: s.name, command: services[s.name].command, port: env.PORT, database: env.DATABASE_URL?.split('/').pop() }).toEqual({
      name: s.name,
      command: ['node', `${s.dir}/dist/main.js`],
      port: String(s.port),
      database: s.database,
    });
  }
});

test('no container runs a subgraph that the registry does not list', () => {
  const registered = new Set(SUBGRAPHS.map((s) => s.name));
  const subgraphContainers = Object.entries(services)
    .filter(([, svc]) => Array.isArray(svc.command) && /^services\//.test(svc.command[1] ?? ''))
    .map(([name]) => name);
  expect(subgraphContainers.filter((n) => !registered.has(n))).toEqual([]);
});

test('services that send mail keep their send journal on a volume of their own', () => {
  const senders = SUBGRAPHS.map((s) => s.name).filter((name) => settingsOf(name).includes('MAIL_JOURNAL_DIR'));
  expect(senders.length).toBeGreaterThan(0);
  for (const name of senders) {
    const dir = services[name].environment?.MAIL_JOURNAL_DIR;
    expect({ name, dir }).toEqual({ name, dir: expect.stringMatching(/^\//) });
    const volume = (services[name].volumes ?? []).find((v) => v.endsWith(`:${dir}`));
    expect({ name, volume }).toEqual({ name, volume: expect.any(String) });
    expect(Object.keys(compose.volumes)).toContain(volume!.split(':')[0]);
  }
  expect(readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')).toContain('chown node:node /var/lib/mitgen/mail-journal');
});

test('every long-running container restarts by itself; only the one-shot migration step does not', () => {
  for (const [name, svc] of Object.entries(services)) {
    expect({ name, restart: svc.restart }).toEqual({ name, restart: name === 'migrate' ? 'no' : 'unless-stopped' });
  }
});

test('health checks match what the programs do: subgraphs are healthy while their database answers, the gateway while it serves', () => {
  // A subgraph whose database is away answers SERVICE_UNAVAILABLE and /ready 503, and reconnects by itself.
  for (const s of SUBGRAPHS) expect({ name: s.name, test: services[s.name].healthcheck!.test.join(' ') }).toEqual({ name: s.name, test: expect.stringContaining('/ready') });
  // The gateway keeps serving the other subgraphs' data while one is away: liveness only.
  expect(services.gateway.healthcheck!.test.join(' ')).toContain('/health');
  expect(services.postgres.healthcheck!.test.join(' ')).toContain('pg_isready');
});

test('containers are given longer to stop than the programs take for a graceful shutdown', () => {
  const seconds = (v: string | undefined) => Number(/^(\d+)s$/.exec(v ?? '10s')?.[1]);
  for (const [name, svc] of Object.entries(services)) {
    if (name === 'migrate') continue;
    expect({ name, enough: seconds(svc.stop_grace_period) > SHUTDOWN_TIMEOUT_MS / 1000 }).toEqual({ name, enough: true });
  }
});
