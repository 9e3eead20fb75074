import { createLogger, type Logger } from '@mitgen/subgraph-kit/runtime';
import { TEST_KEY_SETTINGS } from '@mitgen/test-kit';
import { gatewayEnv } from '../env';
import { createGateway, type Gateway, type GatewayOptions } from '../gateway';

/**
 * Settings of a test gateway besides the keys and URLs: rate limits and the response cache are
 * off (suites send hundreds of requests from one address and move clocks); the suites that test
 * them turn them on.
 */
export const TEST_GATEWAY_SETTINGS: Record<string, string> = {
  NODE_ENV: 'test',
  PORT: '0',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_ENABLED: 'false',
  RESPONSE_CACHE_ENABLED: 'false',
  INTROSPECTION: 'public',
  // The seed languages until a test refreshes `gateway.languages` itself.
  CONTENT_LANGUAGES_REFRESH_SECONDS: '0',
};

/** A gateway (not listening yet) with the test keys and these settings; `log` replaces its silent logger. */
export async function createTestGateway(settings: Record<string, string>, options: GatewayOptions & { log?: Logger } = {}): Promise<Gateway> {
  const env = gatewayEnv.parse({ ...TEST_GATEWAY_SETTINGS, ...TEST_KEY_SETTINGS, ...settings });
  return createGateway(env, options.log ?? createLogger('gateway', env.LOG_LEVEL), options);
}
