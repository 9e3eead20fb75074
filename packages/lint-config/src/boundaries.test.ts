import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The import rules are proved on small repositories written to a temporary folder, each linted the
// way `npm run lint` lints a workspace: bin/depcruise-workspace.mjs run inside the workspace.
const PACKAGE = path.resolve(__dirname, '..');
const RULES = path.join(PACKAGE, 'dependency-cruiser.cjs');
const LINT = path.join(PACKAGE, 'bin', 'depcruise-workspace.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes a repository (path → content; a `package.json` value may be an object) with our rules as its config. */
function repo(files: Record<string, string | object>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'mitgen-lint-'));
  made.push(root);
  const all = { '.dependency-cruiser.cjs': `module.exports = require(${JSON.stringify(RULES)}).boundaries(__dirname);\n`, ...files };
  for (const [file, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

/**
 * Lints one workspace of `root` as its `lint` script does: the exit code of that run, and the
 * violations of a second run with the JSON report (which always exits 0).
 */
function lint(root: string, workspace: string): { status: number | null; violations: Violation[] } {
  const cwd = path.join(root, workspace);
  const json = spawnSync(process.execPath, [LINT, '--output-type', 'json'], { cwd, encoding: 'utf8' });
  if (!json.stdout) throw new Error(`dependency-cruiser wrote nothing (exit ${json.status}): ${json.stderr}`);
  const result = JSON.parse(json.stdout) as { summary: { violations: Violation[] } };
  return { status: exitStatus(root, workspace), violations: result.summary.violations };
}

/** The exit code of the workspace's import lint, as `npm run lint` sees it. */
function exitStatus(root: string, workspace: string): number | null {
  return spawnSync(process.execPath, [LINT], { cwd: path.join(root, workspace), stdio: 'ignore' }).status;
}

const brief = (v: Violation[]) => v.map((x) => `${x.rule.name}: ${x.from} → ${x.to}`).sort();

describe('import boundaries (dependency-cruiser)', () => {
  it('passes a repository that keeps to the rules', () => {
    const root = repo({
      'services/alpha/package.json': { name: '@clean/alpha' },
      'services/alpha/src/index.ts': "import { kit } from '@clean/kit';\nimport { item } from './item/item.service';\nexport const alpha = [kit, item];\n",
      'services/alpha/src/item/item.service.ts': "import type { AlphaContext } from '../context';\nexport const item = (ctx?: AlphaContext) => ctx;\n",
      'services/alpha/src/context.ts': 'export interface AlphaContext { name: string }\n',
      'services/beta/package.json': { name: '@clean/beta' },
      'services/beta/src/index.ts': "import { kit } from '@clean/kit';\nexport const beta = kit;\n",
      'packages/kit/package.json': { name: '@clean/kit' },
      'packages/kit/src/index.ts': "import { join } from 'node:path';\nexport const kit = join('a', 'b');\n",
      'gateway/package.json': { name: '@clean/gateway' },
      'gateway/src/main.ts': "import { kit } from '@clean/kit';\nexport const gateway = kit;\n",
    });
    for (const workspace of ['services/alpha', 'services/beta', 'packages/kit', 'gateway']) {
      expect({ workspace, status: exitStatus(root, workspace) }).toEqual({ workspace, status: 0 });
    }
  });

  it('reports an import cycle, also when one side imports only a type', () => {
    const root = repo({
      'services/alpha/package.json': { name: '@cycle/alpha' },
      'services/alpha/src/account/account.service.ts': "import { prepare } from '../auth/prepare';\nexport const login = () => prepare();\n",
      'services/alpha/src/auth/prepare.ts': "import type { login } from '../account/account.service';\nexport const prepare = (): typeof login | null => null;\n",
    });
    const { status, violations } = lint(root, 'services/alpha');
    expect(status).not.toBe(0);
    // One report per cycle, starting at either of its modules.
    expect(violations.map((v) => v.rule.name)).toEqual(['no-circular']);
    expect([violations[0].from, violations[0].to].sort()).toEqual(['services/alpha/src/account/account.service.ts', 'services/alpha/src/auth/prepare.ts']);
  });

  it('reports a service importing another service, by path and by package name', () => {
    const root = repo({
      'services/alpha/package.json': { name: '@s2s/alpha' },
      'services/alpha/src/index.ts': "import { beta } from '@s2s/beta';\nimport { helper } from '../../beta/src/helper';\nexport const alpha = [beta, helper];\n",
      'services/beta/package.json': { name: '@s2s/beta' },
      'services/beta/src/helper.ts': 'export const helper = 1;\n',
      'services/beta/src/index.ts': "import { helper } from './helper';\nexport const beta = helper;\n",
    });
    const { status, violations } = lint(root, 'services/alpha');
    expect(status).not.toBe(0);
    expect(brief(violations)).toEqual([
      'no-service-to-service: services/alpha/src/index.ts → @s2s/beta',
      'no-service-to-service: services/alpha/src/index.ts → services/beta/src/helper.ts',
    ]);
    // The service that is imported is not at fault.
    expect(lint(root, 'services/beta')).toEqual({ status: 0, violations: [] });
  });

  it('reports the kit or the test kit importing a service', () => {
    const root = repo({
      'services/alpha/package.json': { name: '@kit/alpha' },
      'services/alpha/src/index.ts': 'export const alpha = 1;\n',
      'packages/subgraph-kit/package.json': { name: '@kit/subgraph-kit' },
      'packages/subgraph-kit/src/references.ts': "import { alpha } from '@kit/alpha';\nexport const ref = alpha;\n",
      'packages/test-kit/package.json': { name: '@kit/test-kit' },
      'packages/test-kit/src/index.ts': "import { alpha } from '../../../services/alpha/src/index';\nexport const fixture = alpha;\n",
    });
    const kit = lint(root, 'packages/subgraph-kit');
    expect(kit.status).not.toBe(0);
    expect(brief(kit.violations)).toEqual(['no-package-to-service: packages/subgraph-kit/src/references.ts → @kit/alpha']);
    const testKit = lint(root, 'packages/test-kit');
    expect(testKit.status).not.toBe(0);
    expect(brief(testKit.violations)).toEqual(['no-package-to-service: packages/test-kit/src/index.ts → services/alpha/src/index.ts']);
  });

  it('reports the gateway importing a service, also through its installed workspace link', () => {
    const root = repo({
      'services/alpha/package.json': { name: '@gw/alpha', main: 'src/index.ts' },
      'services/alpha/src/index.ts': 'export const alphaService = 1;\n',
      'gateway/package.json': { name: '@gw/gateway' },
      'gateway/src/test/services.ts': "import { alphaService } from '@gw/alpha';\nexport const services = [alphaService];\n",
    });
    // Unresolved (nothing installed): the bare package name.
    const unresolved = lint(root, 'gateway');
    expect(unresolved.status).not.toBe(0);
    expect(brief(unresolved.violations)).toEqual(['no-gateway-to-service: gateway/src/test/services.ts → @gw/alpha']);
    // Installed as npm links workspaces: node_modules/@gw/alpha → services/alpha, reported by its real path.
    mkdirSync(path.join(root, 'node_modules/@gw'), { recursive: true });
    symlinkSync(path.join(root, 'services/alpha'), path.join(root, 'node_modules/@gw/alpha'), 'dir');
    const linked = lint(root, 'gateway');
    expect(linked.status).not.toBe(0);
    expect(brief(linked.violations)).toEqual(['no-gateway-to-service: gateway/src/test/services.ts → services/alpha/src/index.ts']);
  });
});
