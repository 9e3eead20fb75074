export { newsletterSubgraph } from './subgraph';
