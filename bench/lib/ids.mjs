import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const { stableId } = require('@mitgen/subgraph-kit/runtime');
