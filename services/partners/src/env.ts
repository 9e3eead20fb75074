import { baseServiceEnv } from '@mitgen/subgraph-kit';

/** Settings of the partners service. */
export const partnersEnv = baseServiceEnv.extend({
  PORT: baseServiceEnv.shape.PORT.default(4001),
});
