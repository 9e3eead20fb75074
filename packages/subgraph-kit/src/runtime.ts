// The parts of the kit that carry no GraphQL-schema or database dependencies, for the gateway
// and the launcher: settings, logging, shutdown.
export * from './config';
export * from './logger';
export * from './shutdown';
export * from './tokens';
export { CACHE_TAGS_EXTENSION, CACHE_TAGS_HEADER, CLIENT_IP_HEADER, CLIENT_UA_HEADER, requestIdFrom } from './context';
export * from './tracing';
export * from './ids';
export * from './time';
export * from './links';
export * from './request-scope';
export * from './input-check';
