import { baseServiceEnv, mailEnvShape } from '@mitgen/subgraph-kit';
import { z } from 'zod';

/** Settings of the events service (mail: SMTP_URL or .eml files in MAIL_DIR; PUBLIC_WEB_URL for links). */
export const eventsEnv = baseServiceEnv.extend({
  PORT: baseServiceEnv.shape.PORT.default(4003),
  ...mailEnvShape,
  /** Days after an event's end until its registrations are anonymised (docs/privacy.md). */
  REGISTRATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type EventsEnv = ReturnType<typeof eventsEnv.parse>;
