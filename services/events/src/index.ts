export { eventsSubgraph } from './subgraph';
/** The events subgraph under its former name (the gateway's test harness still imports it). */
export { eventsSubgraph as eventsService } from './subgraph';
