// Bundles the self-hosted GraphiQL (React + graphiql from npm) into dist/graphiql at build time,
// so the page needs nothing from any other host.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'graphiql');
mkdirSync(path.join(out, 'assets'), { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: { graphiql: 'graphiql/app.tsx' },
  outdir: path.join(out, 'assets'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Fonts and images referenced by the styles are embedded, never fetched.
  loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
  logLevel: 'warning',
});
copyFileSync(path.join(root, 'graphiql', 'index.html'), path.join(out, 'index.html'));
