import path from 'node:path';
import { REPO_ROOT, subgraphs, type SubgraphEntry } from '@mitgen/registry';
import type { Logger, SubgraphDefinition } from '@mitgen/subgraph-kit';
import { startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';

/** The subgraphs of the registry (`supergraph.yaml`). */
export const SUBGRAPHS: readonly SubgraphEntry[] = subgraphs();

/** A subgraph's name in the registry. */
export type SubgraphName = string;

const isDefinition = (name: string) => (value: unknown): value is SubgraphDefinition<any> =>
  !!value && typeof value === 'object' && (value as SubgraphDefinition).name === name && typeof (value as SubgraphDefinition).schema === 'function';

/**
 * The definition a subgraph's workspace exports (the object its `main.ts` runs), loaded from the
 * built package: the harness finds every subgraph through the registry, never by importing it.
 */
export function definitionOf(entry: SubgraphEntry): SubgraphDefinition<any> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- subgraphs are found through the registry at run time
  const exports: Record<string, unknown> = require(path.join(REPO_ROOT, entry.dir));
  const def = Object.values(exports).find(isDefinition(entry.name));
  if (!def) throw new Error(`${entry.dir} exports no subgraph definition named "${entry.name}" (export it from src/index.ts)`);
  return def;
}

/** Every subgraph's definition, by name. */
export const SERVICE_DEFINITIONS: Record<SubgraphName, SubgraphDefinition<any>> = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, definitionOf(s)]));

/** Starts every subgraph on a free port with a fresh database (demo data seeded); `logOf` gives each its logger. */
export async function startAllSubgraphs(env: Record<string, string> = { SEED_DEMO: 'true' }, logOf?: (service: string) => Logger): Promise<Record<SubgraphName, TestSubgraph>> {
  const started = await Promise.all(SUBGRAPHS.map((s) => startTestSubgraph(SERVICE_DEFINITIONS[s.name], env, logOf ? { log: logOf(s.name) } : {})));
  return Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, started[i]]));
}

/** Gateway settings pointing at the started subgraphs. */
export function urlsOf(subgraphs: Record<SubgraphName, TestSubgraph>): Record<string, string> {
  return Object.fromEntries(SUBGRAPHS.map((s) => [s.urlSetting, subgraphs[s.name].url]));
}
