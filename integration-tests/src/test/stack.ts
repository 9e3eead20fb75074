import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@mitgen/embedded-db';
import type { Gateway, GatewayOptions } from '@mitgen/gateway';
import { createTestGateway } from '@mitgen/gateway/testing';
import type { Logger } from '@mitgen/subgraph-kit';
import type { TestSubgraph } from '@mitgen/test-kit';
import { startAllSubgraphs, urlsOf, type SubgraphName } from './services';

export { createTestGateway, TEST_GATEWAY_SETTINGS } from '@mitgen/gateway/testing';

export interface TestStack {
  url: string;
  /** Where the subgraphs' mail workers (when turned on) write mails as `.eml` files. */
  mailDir: string;
  gateway: Gateway;
  subgraphs: Record<SubgraphName, TestSubgraph>;
  stop(): Promise<void>;
}

/**
 * Every subgraph of the registry (fresh databases, demo data) and the gateway on free ports: the
 * default install (no PUBLIC_WEB_URL, mails as files in `mailDir`); `subgraphSettings` go to every
 * subgraph, `logOf` gives each process its logger.
 */
export async function startStack(
  gatewaySettings: Record<string, string> = {},
  options: GatewayOptions & { logOf?: (service: string) => Logger } = {},
  subgraphSettings: Record<string, string> = {},
): Promise<TestStack> {
  // The gateway's port is chosen first, so that the subgraphs that ask the graph know its URL.
  const port = await freePort();
  const mailDir = mkdtempSync(path.join(os.tmpdir(), 'mitgen-stack-mail-'));
  const subgraphs = await startAllSubgraphs({
    SEED_DEMO: 'true',
    GRAPH_URL: `http://127.0.0.1:${port}/graphql`,
    PUBLIC_API_URL: `http://127.0.0.1:${port}`,
    MAIL_DIR: mailDir,
    MAIL_JOURNAL_DIR: path.join(mailDir, '.journal'),
    ...subgraphSettings,
  }, options.logOf);
  const gateway = await createTestGateway({ ...urlsOf(subgraphs), ...gatewaySettings }, { ...options, log: options.logOf?.('gateway') });
  const url = await gateway.listen(port, '127.0.0.1');
  return {
    url,
    mailDir,
    gateway,
    subgraphs,
    async stop() {
      await gateway.close();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
