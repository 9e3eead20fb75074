/** The subgraphs of the graph, their default local URLs and the setting that overrides each URL. */
export const SUBGRAPHS = [
  { name: 'partners', dir: 'services/partners', port: 4001, urlSetting: 'PARTNERS_URL' },
  { name: 'resources', dir: 'services/resources', port: 4002, urlSetting: 'RESOURCES_URL' },
  { name: 'events', dir: 'services/events', port: 4003, urlSetting: 'EVENTS_URL' },
  { name: 'newsletter', dir: 'services/newsletter', port: 4004, urlSetting: 'NEWSLETTER_URL' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];
