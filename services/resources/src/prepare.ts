import { graphClientFor, type SubgraphDeps } from '@mitgen/subgraph-kit';
import type { ResourcesEnv } from './env';
import type { GraphClient } from '@mitgen/subgraph-kit';
import { resourceReferenceLookup, type ReferenceLookup } from './graph/reference-lookup';
import { graphDirectory, type HsdsDirectory } from './hsds/hsds.directory';

/** What the resources resolvers and workers need beyond the database (`ctx.services`). */
export interface ResourcesDeps {
  /** Looks up partners, topics, regions and contact persons (tests inject their own). */
  lookup: ReferenceLookup;
  /** The graph client behind the default lookup (absent when a test injected a lookup). */
  graph?: GraphClient;
  /** Organisations, contacts, topic and region names for the HSDS export, in the public view (tests inject their own). */
  hsds?: HsdsDirectory;
}

/** The graph client from GRAPH_URL (and GRAPH_EMAIL / GRAPH_PASSWORD when set) and the lookup on it. */
export function prepareResources({ env, log, clock }: SubgraphDeps<ResourcesEnv, undefined>): ResourcesDeps {
  const graph = graphClientFor('resources', env, { clock, log });
  // The HSDS export shows what the public sees, so its client never signs in (GRAPH_EMAIL may be a coordinator).
  const publicGraph = graphClientFor('resources', env, { clock, log }, true);
  return { lookup: resourceReferenceLookup(graph), graph, hsds: graphDirectory(publicGraph, clock) };
}
