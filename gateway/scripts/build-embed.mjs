// Bundles the partner-site widget (embed/*.ts) into one small script, dist/embed/mitgen.js: no
// run-time dependencies, ES2020 (every browser with custom elements and shadow DOM).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(path.join(root, 'dist', 'embed'), { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: ['embed/mitgen.ts'],
  outfile: path.join(root, 'dist', 'embed', 'mitgen.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
});
