// `npm run new:subgraph -- <name>`: a new, working subgraph from the templates in
// generators/templates/subgraph-workspace/, registered in supergraph.yaml and docker-compose.yml — the only two files it
// changes outside services/<name>. Then `npm install` links the new workspace (package-lock.json)
// and `npm run schema` writes its schema.graphql and recomposes gateway/supergraph.graphql.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseDocument } from 'yaml';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..');
const { loadRegistry, nextFreePort, registerSubgraph, settingPrefix, SUBGRAPH_NAME } = require(path.join(ROOT, 'packages/registry/dist/index.js'));

/** `projects` → `project`, `activities` → `activity`, `news` → `news`. */
export function singular(name) {
  const last = name.split('-').pop();
  const one = /ies$/.test(last) ? last.replace(/ies$/, 'y') : /(ss|us|news)$/.test(last) ? last : last.replace(/s$/, '');
  return name.replace(/[^-]+$/, one);
}

/** The container of a new subgraph in docker-compose.yml, like the others (x-subgraph anchor). */
function composeBlock(entry) {
  return `<<: *subgraph
command: ["node", "${entry.dir}/dist/main.js"]
environment:
  NODE_ENV: production
  PORT: "${entry.port}"
  DATABASE_URL: postgres://mitgen:\${POSTGRES_PASSWORD:-mitgen}@postgres:5432/${entry.database}
  GATEWAY_PUBLIC_KEY: \${GATEWAY_PUBLIC_KEY:?set GATEWAY_PUBLIC_KEY in .env}
  MIGRATIONS_RUN: "false"
  SEED_DEMO: \${SEED_DEMO:-false}
  LOG_LEVEL: info
  OTEL_EXPORTER_OTLP_ENDPOINT: \${OTEL_EXPORTER_OTLP_ENDPOINT:-}
`;
}

/** Adds the subgraph's container to docker-compose.yml and points the gateway at it (comments kept). */
export function addToCompose(file, entry) {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const services = doc.get('services');
  if (services.has(entry.name)) throw new Error(`docker-compose.yml already has a service "${entry.name}"`);
  const block = parseDocument(composeBlock(entry)).contents;
  const pair = doc.createPair(entry.name, block);
  pair.key.spaceBefore = true;
  // Subgraph containers come before the gateway, which depends on them.
  const at = services.items.findIndex((p) => p.key.value === 'gateway');
  services.items.splice(at < 0 ? services.items.length : at, 0, pair);
  const gateway = services.get('gateway');
  // The new URL setting goes after the other subgraphs' URL settings.
  const environment = gateway.get('environment');
  const lastUrl = environment.items.findLastIndex((p) => /_URL$/.test(p.key.value));
  environment.items.splice(lastUrl + 1, 0, doc.createPair(entry.urlSetting, `http://${entry.name}:${entry.port}/graphql`));
  gateway.get('depends_on').set(entry.name, doc.createNode({ condition: 'service_healthy' }));
  writeFileSync(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
}

/** Runs a command in the repository root, its output shown; fails the generator when it fails. */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed (exit code ${result.status})`);
  return `${command} ${args.join(' ')}`;
}

export default function (plop) {
  plop.setGenerator('subgraph', {
    description: 'a new federated subgraph: workspace, sample entity, registry and docker-compose entries',
    prompts: [
      {
        type: 'input',
        name: 'name',
        message: 'Subgraph name (plural, lower case, e.g. projects)',
        validate: (name) => {
          if (!SUBGRAPH_NAME.test(name)) return 'lower case letters, digits and dashes, starting with a letter';
          if (loadRegistry().subgraphs.some((s) => s.name === name)) return `a subgraph "${name}" is already registered in supergraph.yaml`;
          if (existsSync(path.join(ROOT, 'services', name))) return `services/${name} exists already`;
          return true;
        },
      },
    ],
    actions: (data) => {
      const registry = loadRegistry();
      const entity = singular(data.name);
      Object.assign(data, {
        entity,
        port: nextFreePort(registry),
        prefix: settingPrefix(data.name),
        database: `mitgen_${data.name.replace(/-/g, '_')}`,
        // Migration class names end in a JavaScript timestamp (TypeORM).
        timestamp: Date.now(),
        federationVersion: registry.federationVersion,
      });
      return [
        {
          type: 'addMany',
          destination: path.join(ROOT, 'services/{{name}}'),
          base: 'templates/subgraph-workspace',
          templateFiles: 'templates/subgraph-workspace/**/*',
          globOptions: { dot: true },
          // Paths are templates too: `src/{{entity}}/{{entity}}.entity.ts.hbs`.
          stripExtensions: ['hbs'],
        },
        () => {
          const entry = registerSubgraph(data.name, { port: data.port });
          return `supergraph.yaml: ${entry.name} at ${entry.routingUrl}`;
        },
        () => {
          const entry = loadRegistry().subgraphs.find((s) => s.name === data.name);
          addToCompose(path.join(ROOT, 'docker-compose.yml'), entry);
          return `docker-compose.yml: container ${entry.name}, gateway ${entry.urlSetting}`;
        },
        () => run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline']),
        () => run('npm', ['run', 'schema']),
      ];
    },
  });
}
