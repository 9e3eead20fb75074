import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@mitgen/registry';
import { SERVICE_DEFINITIONS, SUBGRAPHS } from './test/services';

test.each(SUBGRAPHS.map((s) => [s.name, s.schemaFile]))(
  'the committed %s schema.graphql matches the code (run `npm run schema` after schema changes)',
  async (name, schemaFile) => {
    const { sdl } = await SERVICE_DEFINITIONS[name].schema();
    expect(sdl).toBe(readFileSync(path.join(REPO_ROOT, schemaFile), 'utf8'));
  },
);
