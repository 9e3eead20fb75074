// Scenarios beyond request throughput, each `{ title, run }`; `run` returns `{ lines, ok }` for the report.
import { contention } from './contention.mjs';
import { newsletter } from './newsletter.mjs';

export const scenarios = [contention, newsletter];
