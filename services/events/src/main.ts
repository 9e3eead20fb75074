import { runSubgraph } from '@mitgen/subgraph-kit';
import { eventsService } from './service';

void runSubgraph(eventsService);
