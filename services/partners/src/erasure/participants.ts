import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRegistry, type Registry } from '@mitgen/registry';
import { takesPartInErasure } from '@mitgen/subgraph-kit';

/** The erasure coordinator cannot learn which subgraphs take part. */
export class ParticipantsError extends Error {}

/**
 * The subgraphs that take part in erasure: those of the registry (`supergraph.yaml`) whose committed
 * SDL declares their erasure mutation (`eraseDataSubjectIn<Name>`). A subgraph declares that it
 * holds personal data by contributing that mutation (and `DataSubject` fields; a test checks both
 * go together), so a new subgraph takes part without any change here. Read once at start; the
 * committed SDL is what the gateway's supergraph is composed from.
 */
export function erasureParticipants(registry: Registry = loadRegistry()): string[] {
  return registry.subgraphs
    .filter((s) => {
      const file = path.join(registry.root, s.schemaFile);
      let sdl: string;
      try {
        sdl = readFileSync(file, 'utf8');
      } catch (e) {
        throw new ParticipantsError(`[partners] cannot read ${file}, the committed schema of the subgraph ${s.name}, to learn whether it takes part in erasure: ${(e as Error).message}`);
      }
      return takesPartInErasure(s.name, sdl);
    })
    .map((s) => s.name);
}
