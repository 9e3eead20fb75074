import { gql, gqlOk, PARTNER_A, PARTNER_B, type Callers } from '@mitgen/test-kit';

export { CALLERS, PARTNER_A, PARTNER_B, type Caller, type Callers } from '@mitgen/test-kit';

export const ADMIN = { email: 'admin@mitgen.local', password: 'mitgen-admin-dev' };
export const EDITOR_PASSWORD = 'editor-password-123';

/** Signs in as the coordinator. */
export async function coordinatorToken(url: string): Promise<string> {
  return (await gqlOk(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN.email, p: ADMIN.password })).login.token;
}

/**
 * Creates (through the gateway, as the coordinator) an editor for partner A, one for partner B
 * and an API key for partner A, and signs them in: the headers of each caller of the matrix.
 */
export async function setUpCallers(url: string, suffix = ''): Promise<Callers> {
  const coordinator = { authorization: `Bearer ${await coordinatorToken(url)}` };
  const createEditor = async (name: string, partnerId: string) => {
    const email = `${name}${suffix}@partner.example`;
    const { createAccount } = await gqlOk(
      url,
      `mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }`,
      { i: { email, displayName: name, role: 'PARTNER_EDITOR', partnerId, password: EDITOR_PASSWORD } },
      coordinator,
    );
    const { login } = await gqlOk(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: EDITOR_PASSWORD });
    return { id: createAccount.id as string, headers: { authorization: `Bearer ${login.token}` } };
  };
  const a = await createEditor('editor-a', PARTNER_A);
  const b = await createEditor('editor-b', PARTNER_B);
  const { createApiKey } = await gqlOk(
    url,
    'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id } } }',
    { i: { partnerId: PARTNER_A, name: `Website${suffix}` } },
    coordinator,
  );
  return {
    headers: { anonymous: {}, apiKey: { 'x-api-key': createApiKey.key }, editorA: a.headers, editorB: b.headers, coordinator },
    ids: { editorA: a.id, editorB: b.id, apiKey: createApiKey.apiKey.id },
    apiKey: createApiKey.key,
  };
}

/** The error code of a response, or 'OK' when there was none. */
export async function outcome(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<string> {
  const res = await gql(url, query, variables, headers);
  return res.errors?.[0]?.extensions?.code ?? 'OK';
}
