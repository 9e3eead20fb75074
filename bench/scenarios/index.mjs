// Scenarios beyond request throughput (contention, mail sending), each `{ title, seed?, run }`;
// `run` returns `{ lines }` for the report.
export const scenarios = [];
