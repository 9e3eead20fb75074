import cors from 'cors';
import type { GatewayEnv } from '../env';

/** CORS of the API routes for the origins in CORS_ORIGINS. */
export function corsFor(env: GatewayEnv) {
  return cors({
    origin: env.CORS_ORIGINS.includes('*') ? '*' : env.CORS_ORIGINS,
    // No cookies are used: tokens travel in headers, so credentialed CORS is never needed.
    credentials: false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'age'],
    maxAge: 600,
  });
}
