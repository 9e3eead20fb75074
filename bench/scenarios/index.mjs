// Scenarios beyond request throughput, each `{ title, run }`; `run` returns `{ lines, ok }` for the report.
import { contention } from './contention.mjs';
import { newsletter } from './newsletter.mjs';
import { replicas } from './replicas.mjs';

export const scenarios = [contention, newsletter, replicas];
