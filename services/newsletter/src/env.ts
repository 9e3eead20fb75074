import { baseServiceEnv, mailEnvShape } from '@mitgen/subgraph-kit';
import { z } from 'zod';

/** Settings of the newsletter service. */
export const newsletterEnv = baseServiceEnv.extend({
  PORT: baseServiceEnv.shape.PORT.default(4004),
  ...mailEnvShape,
  /** The gateway's GraphQL endpoint: editions and suggestions read events, resources and partners there. */
  GRAPH_URL: z.string().url().default('http://localhost:4000/graphql'),
  /** Optional API key for those reads (higher limits at the gateway); they need public data only. */
  GRAPH_API_KEY: z.string().optional(),
  /** How long one read of the graph may take. */
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Parallel SMTP connections of the outbox worker. */
  MAIL_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(4),
});

export type NewsletterEnv = z.infer<typeof newsletterEnv>;
