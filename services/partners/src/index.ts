export { partnersSubgraph } from './subgraph';
