import { runSubgraph } from '@mitgen/subgraph-kit';
import { resourcesService } from './service';

void runSubgraph(resourcesService);
