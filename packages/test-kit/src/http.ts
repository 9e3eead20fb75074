// Real HTTP calls of GraphQL operations, as clients send them.

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
  body: any;
}

/** POSTs a GraphQL operation over real HTTP. */
export async function gql<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, data: body?.data, errors: body?.errors, body };
}

/** Like `gql` but fails the test on any GraphQL error. */
export async function gqlOk<T = any>(url: string, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
  const res = await gql<T>(url, query, variables, headers);
  if (res.errors?.length || res.status !== 200) {
    throw new Error(`GraphQL request failed (${res.status}): ${JSON.stringify(res.errors ?? res.body)}`);
  }
  return res.data as T;
}

/** Representations call on a subgraph's `_entities`. */
export function entitiesQuery(typename: string, selection: string): string {
  return `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`;
}
