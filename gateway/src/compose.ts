// Composes the static supergraph from the committed `schema.graphql` of every subgraph in the registry.
// `node dist/compose.js --write` writes gateway/supergraph.graphql; without --write it checks it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, type GraphQLSchema } from 'graphql';
import { REPO_ROOT } from '@mitgen/registry';
import { SUBGRAPHS } from './subgraphs';

export { REPO_ROOT };

export const SUPERGRAPH_FILE = path.join(REPO_ROOT, 'gateway', 'supergraph.graphql');

/** Composes the given subgraph SDLs; throws with every composition error listed. */
export function composeSupergraph(subgraphs: { name: string; url: string; sdl: string }[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors?.length) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl as string;
}

/** The supergraph composed from the services' committed schema files. */
export function composeFromCommittedSchemas(): string {
  return composeSupergraph(
    SUBGRAPHS.map((s) => ({ name: s.name, url: s.routingUrl, sdl: readFileSync(path.join(REPO_ROOT, s.schemaFile), 'utf8') })),
  );
}

/** The schema clients see (no federation directives), of the committed supergraph unless another is given. */
export function apiSchema(supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8')): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

if (require.main === module) {
  const supergraph = composeFromCommittedSchemas();
  if (process.argv.includes('--write')) {
    writeFileSync(SUPERGRAPH_FILE, supergraph);
    console.log(`wrote ${path.relative(process.cwd(), SUPERGRAPH_FILE)}`);
  } else if (readFileSync(SUPERGRAPH_FILE, 'utf8') !== supergraph) {
    console.error('gateway/supergraph.graphql is stale: run `npm run schema` and commit the result');
    process.exit(1);
  }
}
