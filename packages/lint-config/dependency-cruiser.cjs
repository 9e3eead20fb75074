// The import boundaries of the monorepo, checked by dependency-cruiser (`npm run lint`).
// Rules are written over folders (`services/<any>/`), so a new subgraph is covered without an edit here.
// Paths are relative to the repository root: every workspace's `lint` cruises from there.
const fs = require('node:fs');
const path = require('node:path');

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Package names of the workspaces under `<root>/services/*` (`@mitgen/partners`, …), read from their package.json. */
function servicePackageNames(root) {
  const dir = path.join(root, 'services');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'package.json')))
    .map((d) => JSON.parse(fs.readFileSync(path.join(dir, d.name, 'package.json'), 'utf8')).name)
    .filter(Boolean);
}

/** The dependency-cruiser configuration for the repository (or a fixture tree) at `root`. */
function boundaries(root) {
  const names = servicePackageNames(root);
  // A service reached through its package name: resolved, it is `services/<name>/…` (workspaces are
  // symlinks); unresolved (not built yet), dependency-cruiser reports the bare name.
  const serviceModule = ['^services/[^/]+/', ...names.map((n) => `^${escapeRegExp(n)}(/|$)`)];
  return {
    forbidden: [
      {
        name: 'no-circular',
        severity: 'error',
        comment: 'Import cycles make load order matter and features inseparable; move shared types to src/context.ts or a leaf module.',
        from: {},
        to: { circular: true },
      },
      {
        name: 'no-service-to-service',
        severity: 'error',
        comment: 'Services never import each other: data flows through the graph (entity references), shared code lives in packages/subgraph-kit.',
        from: { path: '^services/([^/]+)/' },
        to: { path: serviceModule, pathNot: '^services/$1/' },
      },
      {
        name: 'no-package-to-service',
        severity: 'error',
        comment: 'The kit, test kit and other packages know no domain: they must not import a service.',
        from: { path: '^packages/' },
        to: { path: serviceModule },
      },
      {
        name: 'no-gateway-to-service',
        severity: 'error',
        comment: 'The gateway reaches services over HTTP only; tests that start real services belong in a workspace of their own.',
        from: { path: '^gateway/' },
        to: { path: serviceModule },
      },
    ],
    options: {
      baseDir: root,
      // Installed packages and built output are neither scanned nor followed, but imports of them still
      // count (an installed workspace resolves to its dist/).
      doNotFollow: { path: '(^|/)(node_modules|dist|\\.turbo)/' },
      // Type-only imports count: a cycle of types still ties two features together.
      tsPreCompilationDeps: true,
      // `@mitgen/*` workspaces are symlinks: report them by their real folder (services/…, packages/…).
      preserveSymlinks: false,
      enhancedResolveOptions: {
        exportsFields: ['exports'],
        conditionNames: ['import', 'require', 'node', 'default', 'types'],
        mainFields: ['main', 'types'],
      },
    },
  };
}

module.exports = { boundaries, servicePackageNames };
