export { resourcesSubgraph } from './subgraph';
export type { ResourcesDeps } from './prepare';
export { resourceReferenceLookup } from './graph/reference-lookup';
/** Generated resources and the search plan, for the benchmark and end-to-end tests. */
export { explainResources, insertBenchResources } from './bench/bench-data';
