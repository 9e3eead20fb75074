import { baseServiceEnv } from '@mitgen/subgraph-kit';
import { z } from 'zod';

/** Development default of the coordinator account's password (refused in production). */
export const DEV_ADMIN_PASSWORD = 'mitgen-admin-dev';

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
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.AUTH_PRIVATE_KEY) ctx.addIssue({ code: 'custom', path: ['AUTH_PRIVATE_KEY'], message: 'is required in production' });
    if (env.ADMIN_PASSWORD === DEV_ADMIN_PASSWORD || env.ADMIN_PASSWORD.length < 12) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'must be set to a password of at least 12 characters in production (not the development default)' });
    }
  });

export type PartnersEnv = z.infer<typeof partnersEnv>;
