export * from './gateway';
export * from './env';
export * from './compose';
export * from './subgraphs';
