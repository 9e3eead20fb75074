import { eventsService } from '@mitgen/events';
import { newsletterService } from '@mitgen/newsletter';
import { partnersService } from '@mitgen/partners';
import { resourcesService } from '@mitgen/resources';
import type { SubgraphDefinition } from '@mitgen/subgraph-kit';
import { startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs';

/** The four subgraph definitions, by name (tests only: the gateway never imports services otherwise). */
export const SERVICE_DEFINITIONS: Record<SubgraphName, SubgraphDefinition<any>> = {
  partners: partnersService,
  resources: resourcesService,
  events: eventsService,
  newsletter: newsletterService,
};

/** Starts all four subgraphs on free ports with fresh databases (demo data seeded). */
export async function startAllSubgraphs(env: Record<string, string> = { SEED_DEMO: 'true' }): Promise<Record<SubgraphName, TestSubgraph>> {
  const started = await Promise.all(SUBGRAPHS.map((s) => startTestSubgraph(SERVICE_DEFINITIONS[s.name], env)));
  return Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, started[i]])) as Record<SubgraphName, TestSubgraph>;
}

/** Gateway settings pointing at the started subgraphs. */
export function urlsOf(subgraphs: Record<SubgraphName, TestSubgraph>): Record<string, string> {
  return Object.fromEntries(SUBGRAPHS.map((s) => [s.urlSetting, subgraphs[s.name].url]));
}
