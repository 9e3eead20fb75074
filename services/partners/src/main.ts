import { runSubgraph } from '@mitgen/subgraph-kit';
import { partnersSubgraph } from './subgraph';

void runSubgraph(partnersSubgraph);
