import { runSubgraph } from '@mitgen/subgraph-kit';
import { newsletterService } from './service';

void runSubgraph(newsletterService);
