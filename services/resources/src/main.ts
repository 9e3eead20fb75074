import { runSubgraph } from '@mitgen/subgraph-kit';
import { resourcesSubgraph } from './subgraph';

void runSubgraph(resourcesSubgraph);
