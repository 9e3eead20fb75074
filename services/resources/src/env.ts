import { baseServiceEnv } from '@mitgen/subgraph-kit';
import { z } from 'zod';

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

/** Settings of the resources service. */
export const resourcesEnv = baseServiceEnv
  .extend({
    PORT: baseServiceEnv.shape.PORT.default(4002),
    /** The gateway: where this service asks the partners service about providers, topics, regions and contacts. */
    GRAPH_URL: z.string().url().default('http://localhost:4000/graphql'),
    /** Time limit of one request to the graph. */
    GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /**
     * Optional account the service signs in with to look things up through the graph. Without it,
     * it sees what the public sees (published partners only); a coordinator account also sees
     * draft and archived partners, which the stale report and coordinators' edits need.
     */
    GRAPH_EMAIL: optionalText,
    GRAPH_PASSWORD: optionalText,
    /** How often the copies of provider names and states are refreshed from the graph (0: never; see docs/resources.md). */
    REFERENCE_REFRESH_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
  })
  .superRefine((env, ctx) => {
    if (!env.GRAPH_EMAIL !== !env.GRAPH_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: [env.GRAPH_EMAIL ? 'GRAPH_PASSWORD' : 'GRAPH_EMAIL'], message: 'set GRAPH_EMAIL and GRAPH_PASSWORD together (or neither)' });
    }
  });

export type ResourcesEnv = z.infer<typeof resourcesEnv>;
