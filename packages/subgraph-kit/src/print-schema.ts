// Prints the subgraph SDL of a compiled service module (the `schema` script of every service).
import path from 'node:path';
import type { SubgraphDefinition } from './definition';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: print-schema <compiled service module>');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled service module named on the command line
  const mod = require(path.resolve(file)) as Record<string, unknown>;
  const def = Object.values(mod).find((v): v is SubgraphDefinition => typeof (v as SubgraphDefinition)?.schema === 'function');
  if (!def) throw new Error(`${file} exports no subgraph definition`);
  const { sdl } = await def.schema();
  process.stdout.write(sdl);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
