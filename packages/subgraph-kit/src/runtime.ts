// The parts of the kit that carry no GraphQL-schema or database dependencies, for the gateway
// and the launcher: settings, logging, shutdown.
export * from './config';
export * from './logger';
export * from './shutdown';
export * from './tokens';
export * from './request';
export * from './tracing';
export * from './ids';
export * from './time';
export * from './languages';
export * from './graph-client';
export * from './links';
export * from './request-scope';
export * from './input-check';
export * from './html';
