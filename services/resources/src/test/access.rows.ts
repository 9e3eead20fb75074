import { COORDINATOR, OWNER_A, PARTNER_A, gqlOk, type MatrixEnv, type Row } from '@mitgen/test-kit';

/**
 * A fresh draft of partner A, made by A's editor: an editor's own organisation needs no lookup through
 * the graph, so this works whatever GRAPH_URL the stack's resources service has.
 */
async function draftOfA(env: MatrixEnv): Promise<{ id: string; version: number }> {
  const { createResource } = await gqlOk(
    env.url,
    'mutation ($i: CreateResourceInput!) { createResource(input: $i) { id version } }',
    { i: { title: 'Matrix-Angebot', kind: 'INFORMATION' } },
    env.callers.headers.editorA,
  );
  return createResource;
}

const onDraftOfA = (mutation: string): Row['op'] => async (env) => ({
  query: `mutation ($id: ID!) { ${mutation}(id: $id) { id } }`,
  variables: { id: (await draftOfA(env)).id },
});

/** The resource pool (resources service): editors for their own organisation, coordinators for all. */
export const ACCESS_ROWS: Row[] = [
  {
    // The coordinator's provider is checked through the graph: allowed means "not refused for access".
    name: 'createResource (for partner A)',
    allowed: OWNER_A,
    op: () => ({
      query: 'mutation ($i: CreateResourceInput!) { createResource(input: $i) { id } }',
      variables: { i: { title: 'Neues Angebot', kind: 'COUNSELLING', providerId: PARTNER_A } },
    }),
  },
  {
    name: 'updateResource (partner A’s resource)',
    allowed: OWNER_A,
    op: async (env) => {
      const { id, version } = await draftOfA(env);
      return { query: 'mutation ($id: ID!, $i: UpdateResourceInput!) { updateResource(id: $id, input: $i) { id } }', variables: { id, i: { version, summary: 'Geändert' } } };
    },
  },
  { name: 'publishResource (partner A’s resource)', allowed: OWNER_A, op: onDraftOfA('publishResource') },
  { name: 'archiveResource (partner A’s resource)', allowed: OWNER_A, op: onDraftOfA('archiveResource') },
  { name: 'markResourceReviewed (partner A’s resource)', allowed: OWNER_A, op: onDraftOfA('markResourceReviewed') },
  {
    name: 'translateResource (partner A’s resource, into Arabic)',
    allowed: OWNER_A,
    op: async (env) => ({
      query: 'mutation ($id: ID!, $i: ResourceTranslationInput!) { translateResource(id: $id, language: "ar", input: $i) { id } }',
      variables: { id: (await draftOfA(env)).id, i: { title: 'عرض' } },
    }),
  },
  {
    name: 'removeResourceTranslation (partner A’s resource)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { removeResourceTranslation(id: $id, language: "ar") { id } }', variables: { id: (await draftOfA(env)).id } }),
  },
  { name: 'refreshResourceReferences', allowed: COORDINATOR, op: () => ({ query: 'mutation { refreshResourceReferences { partners problems } }' }) },
  { name: 'query staleResources', allowed: COORDINATOR, op: () => ({ query: '{ staleResources { totalCount } }' }) },
];
