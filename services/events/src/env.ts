import { baseServiceEnv, mailEnvShape } from '@mitgen/subgraph-kit';

/** Settings of the events service (mail: SMTP_URL or .eml files in MAIL_DIR; PUBLIC_WEB_URL for links). */
export const eventsEnv = baseServiceEnv.extend({
  PORT: baseServiceEnv.shape.PORT.default(4003),
  ...mailEnvShape,
});

export type EventsEnv = ReturnType<typeof eventsEnv.parse>;
