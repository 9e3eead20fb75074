#!/usr/bin/env node
// The import-rules half of a workspace's `lint`: runs dependency-cruiser from the repository root
// (the nearest folder above with a .dependency-cruiser.cjs) on the calling workspace's folder, so the
// rules, written over root paths (services/<name>/…, packages/…, gateway/…), see real paths whichever
// workspace runs them. Extra arguments go to dependency-cruiser (e.g. `-T json`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONFIG = '.dependency-cruiser.cjs';

let root = process.cwd();
while (!existsSync(join(root, CONFIG))) {
  if (dirname(root) === root) {
    console.error(`depcruise-workspace: no ${CONFIG} in ${process.cwd()} or above`);
    process.exit(2);
  }
  root = dirname(root);
}
// The package exports only its API (src/main/index.mjs); its CLI sits two folders up in bin/.
const cli = join(dirname(fileURLToPath(import.meta.resolve('dependency-cruiser'))), '../../bin/dependency-cruise.mjs');
const workspace = relative(root, process.cwd()) || '.';
const run = spawnSync(process.execPath, [cli, '--config', CONFIG, ...process.argv.slice(2), workspace], { cwd: root, stdio: 'inherit' });
if (run.error) {
  console.error(`depcruise-workspace: ${run.error.message}`);
  process.exit(2);
}
process.exit(run.status ?? 1);
