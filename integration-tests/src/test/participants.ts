import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@mitgen/registry';
import { takesPartInErasure } from '@mitgen/subgraph-kit';
import { SUBGRAPHS } from './services';

/** A subgraph's committed SDL (`schema.file` of the registry). */
export const committedSdl = (schemaFile: string) => readFileSync(path.join(REPO_ROOT, schemaFile), 'utf8');

/** The subgraphs of the registry that take part in erasure (as the partners service finds them), in the registry's order. */
export const ERASURE_PARTICIPANTS: string[] = SUBGRAPHS.filter((s) => takesPartInErasure(s.name, committedSdl(s.schemaFile))).map((s) => s.name);
