// Reads the public graph by GET (cacheable by URL, for browsers and CDNs), without cookies.

/** The gateway's GraphQL endpoint next to this script (`…/embed/mitgen.js` → `…/graphql`). */
const script = document.currentScript as HTMLScriptElement | null;
export const DEFAULT_ENDPOINT = script?.src ? new URL('/graphql', script.src).href : '/graphql';

/** The graph answered with an error, or not at all. */
export class GraphError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * Runs one of the widget's operations (widget-operations.json: fixed texts, so that equal reads
 * give equal URLs, and a gateway with a safelist knows them).
 */
export async function query<T>(endpoint: string, document: string, variables: Record<string, unknown>): Promise<T> {
  const url = new URL(endpoint, location.href);
  url.searchParams.set('query', document);
  url.searchParams.set('variables', JSON.stringify(variables));
  let body: { data?: T; errors?: Array<{ extensions?: { code?: string } }> };
  try {
    // The header makes the request one a cross-site form cannot send (the gateway's CSRF rule).
    const res = await fetch(url.href, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' }, credentials: 'omit', mode: 'cors' });
    body = await res.json();
  } catch {
    throw new GraphError('NETWORK');
  }
  if (body.errors?.length || !body.data) throw new GraphError(body.errors?.[0]?.extensions?.code ?? 'NO_DATA');
  return body.data;
}
