import { baseServiceEnv } from '@mitgen/subgraph-kit';

/** Settings of the events service. */
export const eventsEnv = baseServiceEnv.extend({
  PORT: baseServiceEnv.shape.PORT.default(4003),
});
