import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '@mitgen/subgraph-kit/runtime';

/** Codes whose message is the gateway's or a subgraph's deliberate answer to the client. */
const MASKED_CODES = new Set(['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);

/** Traces of internals that must never reach a client: socket errors, SQL, stack frames. */
const INTERNALS = /\bE(CONN\w+|HOSTUNREACH|NOTFOUND|PIPE|TIMEDOUT)\b|\bUND_ERR_|\b(relation|column|table|constraint) "|\bduplicate key\b|\bviolates\b|\bsyntax error at or near\b|\bSELECT\b.+\bFROM\b|\n\s+at /i;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Internal addresses: loopback, private ranges and the subgraphs' hosts. */
function internalAddresses(subgraphUrls: string[]): RegExp {
  const hosts = subgraphUrls.map((u) => escape(new URL(u).host));
  return new RegExp(
    `\\b(https?|postgres(ql)?|redis)://(localhost|127\\.|10\\.|192\\.168\\.|172\\.(1[6-9]|2\\d|3[01])\\.|\\[::1\\]|[^/\\s]*\\.internal\\b${hosts.map((h) => `|${h}`).join('')})`,
    'i',
  );
}

/** Extensions the gateway passes to clients; anything else a subgraph or library added is dropped when it looks internal. */
const DROPPED_EXTENSIONS = new Set(['stacktrace', 'exception', 'response', 'serviceName', 'http']);

/**
 * Masks errors at the gateway: no stack traces, SQL, table names or internal URLs reach clients,
 * and every error has a stable `extensions.code`. Unexpected errors become INTERNAL_SERVER_ERROR
 * (logged in full with the request id).
 */
export function formatGatewayError(log: Logger, subgraphUrls: string[]) {
  const addresses = internalAddresses(subgraphUrls);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const ext = formatted.extensions ?? {};
    const code = typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR';
    const service = (ext.service ?? ext.serviceName) as string | undefined;
    const extensions: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ext)) if (!DROPPED_EXTENSIONS.has(k)) extensions[k] = v;
    // graphql-js stops parsing at MAX_TOKENS with a syntax error; give it its own code.
    extensions.code = code === 'GRAPHQL_PARSE_FAILED' && /contains more tha[nt] \d+ tokens/.test(formatted.message) ? 'MAX_TOKENS_EXCEEDED' : code;
    if (service) extensions.service = service;
    if (MASKED_CODES.has(code) || INTERNALS.test(formatted.message) || addresses.test(formatted.message)) {
      log.error({ err: unwrapResolverError(error), code, subgraph: service }, '[gateway] masked an internal error');
      return {
        message: 'Internal server error',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR', ...(service ? { service } : {}) },
      };
    }
    return { ...formatted, extensions };
  };
}

/** graphql-js validation messages end in "Did you mean …?": a map of the schema for guessers. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .+\?$/, '');
}
