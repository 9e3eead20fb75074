import { subgraphs, type SubgraphEntry } from '@mitgen/registry';

/** The subgraphs behind this gateway, from the registry (`supergraph.yaml`). */
export const SUBGRAPHS: readonly SubgraphEntry[] = subgraphs();
