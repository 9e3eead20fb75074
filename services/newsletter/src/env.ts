import { baseServiceEnv } from '@mitgen/subgraph-kit';

/** Settings of the newsletter service. */
export const newsletterEnv = baseServiceEnv.extend({
  PORT: baseServiceEnv.shape.PORT.default(4004),
});
