// Scenarios beyond request throughput, each `{ title, run }`; `run` returns `{ lines, ok }` for the report.
// The soak runs before the newsletter scenario, which replaces the newsletter subgraph's process.
// Their names here are what BENCH_ONLY selects.
import { contention } from './contention.mjs';
import { newsletter } from './newsletter.mjs';
import { replicas } from './replicas.mjs';
import { soak } from './soak.mjs';

export const scenarios = Object.entries({ contention, soak, newsletter, replicas }).map(([name, s]) => ({ name, ...s }));
