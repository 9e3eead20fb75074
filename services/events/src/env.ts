import { baseServiceEnv, mailEnvShape } from '@mitgen/subgraph-kit';
import { z } from 'zod';

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

/** Settings of the events service (mail: SMTP_URL or .eml files in MAIL_DIR; PUBLIC_WEB_URL for links). */
export const eventsEnv = baseServiceEnv
  .extend({
    PORT: baseServiceEnv.shape.PORT.default(4003),
    ...mailEnvShape,
    /** Days after an event's end until its registrations are anonymised (docs/privacy.md). */
    REGISTRATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** The gateway: where the service checks that the partners, topics, regions and resources an event names exist. */
    GRAPH_URL: z.string().url().default('http://localhost:4000/graphql'),
    /** Time limit of one request to the graph. */
    GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /**
     * Optional account the service signs in with for those checks. Without it, it sees what the
     * public sees (published partners and resources); a coordinator account also sees drafts.
     */
    GRAPH_EMAIL: optionalText,
    GRAPH_PASSWORD: optionalText,
  })
  .superRefine((env, ctx) => {
    if (!env.GRAPH_EMAIL !== !env.GRAPH_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: [env.GRAPH_EMAIL ? 'GRAPH_PASSWORD' : 'GRAPH_EMAIL'], message: 'set GRAPH_EMAIL and GRAPH_PASSWORD together (or neither)' });
    }
  });

export type EventsEnv = z.infer<typeof eventsEnv>;
