import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ZodObject } from 'zod';
import { REPO_ROOT } from './compose';
import { gatewayEnv } from './env';
import { SUBGRAPHS } from './subgraphs';
import { SERVICE_DEFINITIONS } from './test/services';

// docker-compose.yml cannot run on the development machine (no Docker engine): these checks keep
// it consistent with the code instead.
const compose = parse(readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const services: Record<
  string,
  { command?: string[] | string; environment?: Record<string, string>; depends_on?: Record<string, unknown>; healthcheck?: unknown; volumes?: string[] }
> =
  compose.services;

const settingsOf = (name: string): string[] => {
  const schema = (name === 'gateway' ? gatewayEnv : SERVICE_DEFINITIONS[name as keyof typeof SERVICE_DEFINITIONS].env) as ZodObject;
  return Object.keys(schema.shape);
};

test('every subgraph and the gateway has a container with a health check', () => {
  for (const name of [...SUBGRAPHS.map((s) => s.name), 'gateway']) {
    expect(services[name]).toBeDefined();
    expect(services[name].healthcheck).toBeDefined();
  }
  expect(services.postgres).toBeDefined();
});

test('each container runs a script that the build produces', () => {
  for (const [name, svc] of Object.entries(services)) {
    if (name === 'postgres' || name === 'migrate') continue;
    const script = (svc.command as string[])[1];
    const source = path.join(REPO_ROOT, script.replace('/dist/', '/src/').replace(/\.js$/, '.ts'));
    expect({ name, exists: existsSync(source) }).toEqual({ name, exists: true });
  }
});

test('every environment variable a container sets is a setting its program reads', () => {
  for (const [name, svc] of Object.entries(services)) {
    if (name === 'postgres' || name === 'migrate') continue;
    const unknown = Object.keys(svc.environment ?? {}).filter((k) => !settingsOf(name).includes(k));
    expect({ name, unknown }).toEqual({ name, unknown: [] });
  }
});

test('the migration step runs every service and the services wait for it', () => {
  const command = (services.migrate.command as string[]).join(' ');
  for (const s of SUBGRAPHS) {
    expect(command).toContain(s.name);
    expect(services[s.name].depends_on).toHaveProperty('migrate');
    expect(services[s.name].environment?.MIGRATIONS_RUN).toBe('false');
  }
  expect(command).toContain('DATABASE_SERVER_URL');
  expect(Object.keys(services.migrate.environment ?? {})).toEqual(['DATABASE_SERVER_URL']);
});

test('the gateway reaches each subgraph by its container name and port', () => {
  const env = services.gateway.environment!;
  for (const s of SUBGRAPHS) {
    expect(env[s.urlSetting]).toBe(`http://${s.name}:${services[s.name].environment!.PORT}/graphql`);
  }
});

test('services that send mail keep their send journal on a volume of their own', () => {
  for (const name of ['events', 'newsletter']) {
    const dir = services[name].environment?.MAIL_JOURNAL_DIR;
    expect({ name, dir }).toEqual({ name, dir: expect.stringMatching(/^\//) });
    const volume = (services[name].volumes ?? []).find((v) => v.endsWith(`:${dir}`));
    expect({ name, volume }).toEqual({ name, volume: expect.any(String) });
    expect(Object.keys(compose.volumes)).toContain(volume!.split(':')[0]);
  }
  expect(readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')).toContain('chown node:node /var/lib/mitgen/mail-journal');
});
