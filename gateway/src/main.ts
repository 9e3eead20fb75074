import { createLogger, installShutdown, loadConfig, startTracing } from '@mitgen/subgraph-kit/runtime';
import { gatewayEnv } from './env';
import { createGateway } from './gateway';

async function main(): Promise<void> {
  const env = loadConfig('gateway', gatewayEnv);
  // Before anything else, so every request's trace context is kept (export only with an endpoint).
  const tracing = startTracing({ service: 'gateway', endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  const log = createLogger('gateway', env.LOG_LEVEL);
  const gateway = await createGateway(env, log);
  const url = await gateway.listen();
  installShutdown(log, [
    { name: 'gateway', run: gateway.close },
    { name: 'trace export', run: tracing.shutdown },
  ]);
  log.info({ url }, `[gateway] the graph is ready at ${url}`);
}

main().catch((e: Error) => {
  console.error(e.message.startsWith('[') ? e.message : `[gateway] failed to start: ${e.stack ?? e.message}`);
  process.exit(1);
});
