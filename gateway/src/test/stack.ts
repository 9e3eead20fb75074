import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@mitgen/embedded-db';
import { createLogger } from '@mitgen/subgraph-kit/runtime';
import { TEST_KEY_SETTINGS, type TestSubgraph } from '@mitgen/test-kit';
import { gatewayEnv } from '../env';
import { createGateway, type Gateway, type GatewayOptions } from '../gateway';
import type { SubgraphName } from '../subgraphs';
import { startAllSubgraphs, urlsOf } from './services';

export interface TestStack {
  url: string;
  gateway: Gateway;
  subgraphs: Record<SubgraphName, TestSubgraph>;
  stop(): Promise<void>;
}

/**
 * Settings of the test gateway besides the keys and URLs: rate limits and the response cache
 * are off (suites send hundreds of requests from one address and move clocks); the suites that
 * test them turn them on.
 */
export const TEST_GATEWAY_SETTINGS: Record<string, string> = {
  NODE_ENV: 'test',
  PORT: '0',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_ENABLED: 'false',
  RESPONSE_CACHE_ENABLED: 'false',
  INTROSPECTION: 'public',
};

/** A gateway (not listening yet) with the test keys and these settings. */
export async function createTestGateway(settings: Record<string, string>, options: GatewayOptions = {}): Promise<Gateway> {
  const env = gatewayEnv.parse({ ...TEST_GATEWAY_SETTINGS, ...TEST_KEY_SETTINGS, ...settings });
  return createGateway(env, createLogger('gateway', env.LOG_LEVEL), options);
}

/** All four subgraphs (fresh databases, demo data) and the gateway on free ports. */
export async function startStack(gatewaySettings: Record<string, string> = {}, options: GatewayOptions = {}): Promise<TestStack> {
  // The gateway's port is chosen first, so that the subgraphs that ask the graph know its URL.
  const port = await freePort();
  const mailDir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-stack-mail-'));
  const subgraphs = await startAllSubgraphs({
    SEED_DEMO: 'true',
    GRAPH_URL: `http://127.0.0.1:${port}/graphql`,
    PUBLIC_API_URL: `http://127.0.0.1:${port}`,
    MAIL_DIR: mailDir,
  });
  const env = gatewayEnv.parse({ ...TEST_GATEWAY_SETTINGS, ...TEST_KEY_SETTINGS, ...urlsOf(subgraphs), ...gatewaySettings });
  const gateway = await createGateway(env, createLogger('gateway', env.LOG_LEVEL), options);
  const url = await gateway.listen(port, '127.0.0.1');
  return {
    url,
    gateway,
    subgraphs,
    async stop() {
      await gateway.close();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
