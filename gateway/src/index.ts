export * from './gateway';
export * from './env';
export * from './compose';
export * from './subgraphs';
export { PARTNER_SITE_OPERATIONS, WIDGET_OPERATIONS } from './partner-sites/partner-sites';
