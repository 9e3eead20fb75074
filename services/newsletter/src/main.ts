import { runSubgraph } from '@mitgen/subgraph-kit';
import { newsletterSubgraph } from './subgraph';

void runSubgraph(newsletterSubgraph);
