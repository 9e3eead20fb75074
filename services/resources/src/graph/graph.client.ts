// The graph client lives in the kit (the events service asks the graph the same way).
export { GraphClient, GraphUnavailableError, type GraphClientOptions } from '@mitgen/subgraph-kit';
