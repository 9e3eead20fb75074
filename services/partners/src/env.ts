import { baseServiceEnv } from '@mitgen/subgraph-kit';
import { z } from 'zod';

/** Development default of the coordinator account's password (refused in production). */
export const DEV_ADMIN_PASSWORD = 'mitgen-admin-dev';

/** Development default of ERASURE_SECRET (refused in production). */
export const DEV_ERASURE_SECRET = 'mitgen-erasure-secret-for-development-only';

/** Settings of the partners service. */
export const partnersEnv = baseServiceEnv
  .extend({
    PORT: baseServiceEnv.shape.PORT.default(4001),
    /** Ed25519 private key (PEM) that signs login tokens; development generates one if missing. */
    AUTH_PRIVATE_KEY: z.string().optional(),
    /** Lifetime of a login token in seconds. */
    AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
    /** Coordinator account ensured at every start. */
    ADMIN_EMAIL: z.string().email().default('admin@mitgen.local'),
    ADMIN_PASSWORD: z.string().min(8).default(DEV_ADMIN_PASSWORD),
    /** The gateway's GraphQL endpoint: erasure requests reach every service's erasure mutation through it. */
    GRAPH_URL: z.string().url().default('http://localhost:4000/graphql'),
    /**
     * Secret of erasure requests: the address hash (HMAC-SHA-256) and the address sealed (AES-256-GCM)
     * until every service confirmed. Keep it stable: with another secret, old hashes no longer match
     * and pending requests cannot be completed.
     */
    ERASURE_SECRET: z.string().min(32).default(DEV_ERASURE_SECRET),
    /** Run the erasure worker in this process (retries pending parts of erasure requests); at least one instance must. */
    ERASURE_WORKER: z.stringbool().default(true),
    /** Seconds between attempts at a service that has not confirmed an erasure yet. */
    ERASURE_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.AUTH_PRIVATE_KEY) ctx.addIssue({ code: 'custom', path: ['AUTH_PRIVATE_KEY'], message: 'is required in production' });
    if (env.ERASURE_SECRET === DEV_ERASURE_SECRET) ctx.addIssue({ code: 'custom', path: ['ERASURE_SECRET'], message: 'must be set to a secret of at least 32 characters in production' });
    if (env.ADMIN_PASSWORD === DEV_ADMIN_PASSWORD || env.ADMIN_PASSWORD.length < 12) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'must be set to a password of at least 12 characters in production (not the development default)' });
    }
  });

export type PartnersEnv = z.infer<typeof partnersEnv>;
