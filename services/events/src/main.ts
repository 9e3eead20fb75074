import { runSubgraph } from '@mitgen/subgraph-kit';
import { eventsSubgraph } from './subgraph';

void runSubgraph(eventsSubgraph);
