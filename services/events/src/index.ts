export { eventsSubgraph } from './subgraph';
