import type express from 'express';
import type { GatewayEnv } from '../env';
import { sendError } from '../http/send-error';
import type { GatewayMetrics } from '../metrics';
import type { Readiness } from '../readiness';

/** `/health` (the process runs), `/ready` (every subgraph answers) and `/metrics` (Prometheus). */
export function mountOps(app: express.Express, env: GatewayEnv, metrics: GatewayMetrics, readiness: Readiness): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const report = await readiness.check();
    res.status(report.status === 'ready' ? 200 : 503).json(report);
  });
  if (env.METRICS_ENABLED) {
    app.get('/metrics', async (req, res) => {
      if (env.METRICS_TOKEN && req.headers.authorization !== `Bearer ${env.METRICS_TOKEN}`) return sendError(res, 401, 'UNAUTHENTICATED', 'Metrics need the metrics token');
      res.setHeader('content-type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
    });
  }
}
