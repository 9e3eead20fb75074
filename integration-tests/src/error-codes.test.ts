import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ApolloServerErrorCode, ApolloServerValidationErrorCode } from '@apollo/server/errors';
import { REPO_ROOT } from '@mitgen/registry';

// Every `extensions.code` a client can receive is documented in docs/gateway.md ("Error codes"),
// and the table names no code that nothing produces. The codes are read from the source: the
// kit's and the gateway's code constants, `domainError(…)`, `limitError(…)`, `sendError(…)` and
// `code: …` in errors, plus the codes of Apollo Server itself.

/** Source files that run in the gateway or a subgraph (tests left out). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'test' || name === 'node_modules' || name === 'dist' ? [] : sources(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts') ? [file] : [];
  });
}

const ROOTS = ['gateway/src', 'packages/subgraph-kit/src', ...readdirSync(path.join(REPO_ROOT, 'services')).map((s) => `services/${s}/src`)];

/** Apollo's codes that this gateway can produce (persisted queries are on, so never "not supported"). */
const APOLLO_CODES = [...Object.values(ApolloServerErrorCode), ...Object.values(ApolloServerValidationErrorCode)].filter((c) => c !== 'PERSISTED_QUERY_NOT_SUPPORTED');

/** Codes that are produced but never reach a client: mapped or masked on the way out. */
const NEVER_SENT = new Set([
  'UNAUTHORIZED', // type-graphql's @Authorized refusal, answered as FORBIDDEN (kit formatError)
  'INVALID_GRAPHQL', // Apollo Gateway's value completion, answered as REFERENCE_NOT_FOUND (gateway value-completion.ts)
  'DOWNSTREAM_SERVICE_ERROR', // masked as INTERNAL_SERVER_ERROR by the gateway
]);

function codesInSource(): Set<string> {
  const files = ROOTS.flatMap((r) => sources(path.join(REPO_ROOT, r)));
  const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const constants = new Map<string, string>();
  for (const t of text.values()) for (const m of t.matchAll(/\bconst ([A-Z][A-Z_]+) = '([A-Z][A-Z_]+)'/g)) constants.set(m[1], m[2]);
  const codes = new Set<string>();
  const take = (value: string) => {
    const code = value.startsWith("'") ? value.slice(1, -1) : constants.get(value);
    if (code && !NEVER_SENT.has(code)) codes.add(code);
  };
  for (const t of text.values()) {
    // Code constants: `export const ErrorCode = { … }`, `LimitCode`.
    for (const block of t.matchAll(/\bconst \w*Code = \{([^}]*)\}/g)) for (const m of block[1].matchAll(/:\s*'([A-Z][A-Z_]+)'/g)) take(`'${m[1]}'`);
    for (const m of t.matchAll(/\b(?:domainError|limitError)\(\s*('[A-Z][A-Z_]+'|[A-Z][A-Z_]+)\s*,/g)) take(m[1]);
    for (const m of t.matchAll(/\bsendError\(\s*\w+\s*,\s*\d+\s*,\s*('[A-Z][A-Z_]+'|[A-Z][A-Z_]+)/g)) take(m[1]);
    for (const m of t.matchAll(/\bcode:\s*('[A-Z][A-Z_]+'|[A-Z][A-Z_]+\b)/g)) take(m[1]);
  }
  for (const c of APOLLO_CODES) codes.add(c);
  return codes;
}

function codesInTable(): Set<string> {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/gateway.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Error codes'));
  const table = section.slice(0, section.indexOf('\n## '));
  const codes = new Set<string>();
  for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
    const first = row.split('|')[1];
    for (const m of first.matchAll(/`([A-Z][A-Z_]+)`/g)) codes.add(m[1]);
  }
  return codes;
}

test('the scan finds codes of every kind of source (kit, services, gateway, Apollo)', () => {
  const codes = codesInSource();
  for (const c of ['NOT_FOUND', 'EVENT_FULL', 'REFERENCES_UNAVAILABLE', 'MAX_COST_EXCEEDED', 'PAYLOAD_TOO_LARGE', 'SERVICE_UNAVAILABLE', 'REFERENCE_NOT_FOUND', 'GRAPHQL_PARSE_FAILED']) {
    expect(codes).toContain(c);
  }
});

test('docs/gateway.md lists every error code a client can receive, and no other', () => {
  const inSource = [...codesInSource()].sort();
  const inTable = [...codesInTable()].sort();
  expect({ undocumented: inSource.filter((c) => !inTable.includes(c)), notProduced: inTable.filter((c) => !inSource.includes(c)) }).toEqual({ undocumented: [], notProduced: [] });
});
