import { runSubgraph } from '@mitgen/subgraph-kit';
import { partnersService } from './service';

void runSubgraph(partnersService);
