import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { entryOf, loadRegistry, registerSubgraph, REPO_ROOT, RegistryError, settingPrefix } from './index';

const tmpFile = (text: string) => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mitgen-registry-')), 'supergraph.yaml');
  writeFileSync(file, text);
  return file;
};

const TWO = `# comment that must survive
federation_version: =2.14.4
subgraphs:
  partners:
    routing_url: http://localhost:4001/graphql
    schema:
      file: ./services/partners/schema.graphql
  open-data:
    routing_url: http://localhost:4009/graphql
    schema:
      file: ./services/open-data/schema.graphql
`;

describe('registry of subgraphs', () => {
  test('the repository registry lists every service folder that has a schema', () => {
    const registry = loadRegistry(path.join(REPO_ROOT, 'supergraph.yaml'));
    expect(registry.subgraphs.map((s) => s.name)).toEqual(expect.arrayContaining(['partners', 'resources', 'events', 'newsletter']));
    for (const s of registry.subgraphs) {
      expect(readFileSync(path.join(REPO_ROOT, s.schemaFile), 'utf8')).toMatch(/@link\(url: "https:\/\/specs.apollo.dev\/federation/);
      expect(s.dir).toBe(`services/${s.name}`);
    }
  });

  test('settings, folder, port and database derive from the name and the routing URL', () => {
    expect(entryOf('open-data', 'http://localhost:4009/graphql', './services/open-data/schema.graphql')).toEqual({
      name: 'open-data',
      dir: 'services/open-data',
      schemaFile: 'services/open-data/schema.graphql',
      routingUrl: 'http://localhost:4009/graphql',
      port: 4009,
      urlSetting: 'OPEN_DATA_URL',
      timeoutSetting: 'OPEN_DATA_TIMEOUT_MS',
      portSetting: 'OPEN_DATA_PORT',
      database: 'mitgen_open_data',
    });
    expect(settingPrefix('partners')).toBe('PARTNERS');
  });

  test('a broken registry is refused with every problem listed', () => {
    const file = tmpFile(`federation_version: "1.0"
subgraphs:
  Bad_Name:
    routing_url: http://localhost:4002/graphql
    schema: { file: ./a/schema.graphql }
  c:
    routing_url: ftp://x
    schema: { file: ./c/schema.graphql }
  b:
    routing_url: http://localhost:4001/graphql
    schema: {}
`);
    let message = '';
    try {
      loadRegistry(file);
    } catch (e) {
      expect(e).toBeInstanceOf(RegistryError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/federation_version/);
    expect(message).toMatch(/Bad_Name/);
    expect(message).toMatch(/subgraphs\.c\.routing_url/);
    expect(message).toMatch(/subgraphs\.b\.schema\.file/);
  });

  test('two subgraphs on one port are refused', () => {
    const file = tmpFile(TWO.replace('4009', '4001'));
    expect(() => loadRegistry(file)).toThrow(/port 4001 is already used by partners/);
  });

  test('registering a subgraph adds it at the next free port and keeps comments', () => {
    const file = tmpFile(TWO);
    const entry = registerSubgraph('projects', { file });
    expect(entry).toMatchObject({ name: 'projects', port: 4010, dir: 'services/projects', urlSetting: 'PROJECTS_URL' });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# comment that must survive/);
    expect(loadRegistry(file).subgraphs.map((s) => s.name)).toEqual(['partners', 'open-data', 'projects']);
    expect(() => registerSubgraph('projects', { file })).toThrow(/already registered/);
    expect(() => registerSubgraph('Projects!', { file })).toThrow(/not a valid subgraph name/);
  });
});
