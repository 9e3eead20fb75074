import { baseServiceEnv } from '@mitgen/subgraph-kit';

/** Settings of the resources service. */
export const resourcesEnv = baseServiceEnv.extend({
  PORT: baseServiceEnv.shape.PORT.default(4002),
});
