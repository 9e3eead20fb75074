import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import {
  generateKeyPairPem,
  CLIENT_IP_HEADER,
  CLIENT_UA_HEADER,
  PRINCIPAL_HEADER,
  signingKey,
  subgraphAudience,
  verificationKeys,
  type Logger,
  type Principal,
} from '@mitgen/subgraph-kit/runtime';
import { Authenticator, type Clock } from './auth';
import { SUPERGRAPH_FILE } from './compose';
import { subgraphUrl, type GatewayEnv } from './env';
import { SUBGRAPHS } from './subgraphs';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  clientIp?: string;
  userAgent?: string;
}

export interface GatewayOptions {
  /** Current time for token checks (tests move it). */
  clock?: Clock;
}

export interface Gateway {
  app: express.Express;
  httpServer: http.Server;
  gateway: ApolloGateway;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Fetch with a time limit per subgraph call (Node's fetch keeps connections alive). */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** Builds the unstarted gateway: supergraph loaded, Apollo started, routes mounted. */
export async function createGateway(env: GatewayEnv, log: Logger, options: GatewayOptions = {}): Promise<Gateway> {
  const fetcher = fetchWithTimeout(env.SUBGRAPH_TIMEOUT_MS);
  if (!env.GATEWAY_PRIVATE_KEY) log.warn('[gateway] GATEWAY_PRIVATE_KEY is not set: subgraphs will treat every request as anonymous');
  if (!env.AUTH_PUBLIC_KEY) log.warn('[gateway] AUTH_PUBLIC_KEY is not set: sign-in tokens are refused');
  const partnersUrl = subgraphUrl(env, 'partners', `http://localhost:${SUBGRAPHS[0].port}/graphql`);
  const auth = new Authenticator({
    userKeys: env.AUTH_PUBLIC_KEY ? await verificationKeys(env.AUTH_PUBLIC_KEY) : undefined,
    gatewayKey: await signingKey(env.GATEWAY_PRIVATE_KEY ?? generateKeyPairPem().privateKey),
    principalUrl: new URL('/internal/principal', partnersUrl).toString(),
    cacheSeconds: env.AUTH_CACHE_SECONDS,
    clock: options.clock ?? (() => new Date()),
    log,
  });
  const gateway = new ApolloGateway({
    ...(env.SUPERGRAPH_SOURCE === 'file'
      ? { supergraphSdl: readFileSync(env.SUPERGRAPH_PATH ? path.resolve(env.SUPERGRAPH_PATH) : SUPERGRAPH_FILE, 'utf8') }
      : {
          supergraphSdl: new IntrospectAndCompose({
            subgraphs: SUBGRAPHS.map((s) => ({ name: s.name, url: subgraphUrl(env, s.name, `http://localhost:${s.port}/graphql`) })),
          }),
        }),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: subgraphUrl(env, name, url!),
        fetcher: fetcher as any,
        async willSendRequest({ request, context }) {
          const headers = request.http!.headers;
          if (context.requestId) headers.set('x-request-id', context.requestId);
          // Only the gateway states the principal and the client; never pass on copies a client sent.
          headers.delete(PRINCIPAL_HEADER);
          headers.delete(CLIENT_IP_HEADER);
          headers.delete(CLIENT_UA_HEADER);
          if (context.clientIp) headers.set(CLIENT_IP_HEADER, context.clientIp);
          if (context.userAgent) headers.set(CLIENT_UA_HEADER, context.userAgent);
          const token = context.principal ? await auth.tokenFor(context.principal, subgraphAudience(name)) : undefined;
          if (token) headers.set(PRINCIPAL_HEADER, token);
        },
      }),
    logger: {
      debug: (m: unknown) => log.debug(String(m)),
      info: (m: unknown) => log.info(String(m)),
      warn: (m: unknown) => log.warn(String(m)),
      error: (m: unknown) => log.error(String(m)),
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Apollo's default landing page loads from a third-party CDN (not acceptable under the GDPR).
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    introspection: true,
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        requestId: (req.headers['x-request-id'] as string) || randomUUID(),
        principal: await auth.authenticate(req.headers),
        clientIp: req.ip ?? req.socket.remoteAddress,
        userAgent: req.headers['user-agent']?.slice(0, 500),
      }),
    }),
  );

  let closed: Promise<void> | undefined;
  return {
    app,
    httpServer,
    gateway,
    listen: (port = env.PORT, host = env.HOST) =>
      new Promise<string>((resolve, reject) => {
        httpServer.once('error', (e: NodeJS.ErrnoException) =>
          reject(e.code === 'EADDRINUSE' ? new Error(`[gateway] port ${port} is already taken; set PORT to another port`) : e),
        );
        httpServer.listen(port, host, () => resolve(`http://localhost:${(httpServer.address() as AddressInfo).port}/graphql`));
      }),
    close: () =>
      (closed ??= (async () => {
        await apollo.stop();
        if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
      })()),
  };
}
