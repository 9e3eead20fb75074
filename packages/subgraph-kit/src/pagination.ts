// Lists in the graph, in three files with one job each: the connection shape clients see, keyset
// pages of one query, and pages of many groups at once for nested connections.
export * from './connection';
export * from './keyset';
export * from './grouped-pages';
