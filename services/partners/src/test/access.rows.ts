import { randomUUID } from 'node:crypto';
import { COORDINATOR, OWNER_A, PARTNER_A, PARTNER_B, gqlOk, type MatrixEnv, type Row } from '@mitgen/test-kit';

// The partner directory (partners service). Rows that change partner A leave it published, as the
// demo data has it, so that rows of other areas see the same partner A.

const asCoordinator = <T = any>(env: MatrixEnv, query: string, variables: Record<string, unknown> = {}) =>
  gqlOk<T>(env.url, query, variables, env.callers.headers.coordinator);

async function versionOf(env: MatrixEnv, id: string): Promise<number> {
  return (await asCoordinator(env, 'query ($id: ID!) { partner(id: $id) { version } }', { id })).partner.version;
}

/** A throwaway draft partner made by the coordinator. */
async function throwawayPartner(env: MatrixEnv): Promise<string> {
  const { createPartner } = await asCoordinator(env, 'mutation ($i: CreatePartnerInput!) { createPartner(input: $i) { id } }', {
    i: { name: `Matrix-Partner ${randomUUID()}`, kind: 'OTHER' },
  });
  return createPartner.id;
}

async function throwawayContactOfA(env: MatrixEnv): Promise<string> {
  const { createContactPerson } = await asCoordinator(env, 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { id } }', {
    i: { partnerId: PARTNER_A, name: 'Matrix Person' },
  });
  return createContactPerson.id;
}

async function throwawayCooperationOfA(env: MatrixEnv): Promise<string> {
  const { createCooperation } = await asCoordinator(env, 'mutation ($i: CreateCooperationInput!) { createCooperation(input: $i) { id } }', {
    i: { partnerId: PARTNER_A, otherPartnerId: await throwawayPartner(env) },
  });
  return createCooperation.id;
}

/** A fresh cooperation of partner B with partner A, recorded by B's editor (so it waits for A); an earlier one of the pair is removed first. */
async function cooperationRequestToA(env: MatrixEnv): Promise<string> {
  const { partner } = await asCoordinator(env, 'query ($id: ID!) { partner(id: $id) { cooperations(first: 100) { nodes { id withPartner { id } } } } }', { id: PARTNER_A });
  for (const c of partner.cooperations.nodes) if (c.withPartner?.id === PARTNER_B) await asCoordinator(env, 'mutation ($id: ID!) { deleteCooperation(id: $id) }', { id: c.id });
  const { createCooperation } = await gqlOk(env.url, 'mutation ($i: CreateCooperationInput!) { createCooperation(input: $i) { id } }', { i: { partnerId: PARTNER_B, otherPartnerId: PARTNER_A } }, env.callers.headers.editorB);
  return createCooperation.id;
}

async function throwawayNewsOfA(env: MatrixEnv): Promise<string> {
  const { createNewsItem } = await asCoordinator(env, 'mutation ($i: CreateNewsItemInput!) { createNewsItem(input: $i) { id } }', {
    i: { partnerId: PARTNER_A, title: 'Matrix', text: 'Matrix' },
  });
  return createNewsItem.id;
}

async function throwawayTopic(env: MatrixEnv): Promise<string> {
  const { createTopic } = await asCoordinator(env, 'mutation ($i: CreateTopicInput!) { createTopic(input: $i) { slug } }', {
    i: { name: `Matrix-Thema ${randomUUID().slice(0, 8)}` },
  });
  return createTopic.slug;
}

import { ACCOUNT_ROWS } from './accounts.rows';

const PARTNER_ROWS: Row[] = [
  {
    name: 'createPartner',
    allowed: COORDINATOR,
    op: (_env, caller) => ({
      query: 'mutation ($i: CreatePartnerInput!) { createPartner(input: $i) { id } }',
      variables: { i: { name: `Neuer Partner ${caller} ${randomUUID()}`, kind: 'OTHER' } },
    }),
  },
  {
    name: 'updatePartner (partner A)',
    allowed: OWNER_A,
    op: async (env) => ({
      query: 'mutation ($id: ID!, $i: UpdatePartnerInput!) { updatePartner(id: $id, input: $i) { version } }',
      variables: { id: PARTNER_A, i: { version: await versionOf(env, PARTNER_A), phone: '+49 511 0000100' } },
    }),
  },
  {
    name: 'unpublishPartner (partner A, published again before each call)',
    allowed: OWNER_A,
    op: async (env) => {
      await asCoordinator(env, 'mutation ($id: ID!) { publishPartner(id: $id) { status } }', { id: PARTNER_A });
      return { query: 'mutation ($id: ID!) { unpublishPartner(id: $id) { status } }', variables: { id: PARTNER_A } };
    },
  },
  {
    name: 'publishPartner (partner A, a draft before each call; published afterwards)',
    allowed: COORDINATOR,
    op: async (env) => {
      await asCoordinator(env, 'mutation ($id: ID!) { unpublishPartner(id: $id) { status } }', { id: PARTNER_A });
      return { query: 'mutation ($id: ID!) { publishPartner(id: $id) { status } }', variables: { id: PARTNER_A } };
    },
  },
  {
    name: 'archivePartner',
    allowed: COORDINATOR,
    op: async (env) => ({ query: 'mutation ($id: ID!) { archivePartner(id: $id) { status } }', variables: { id: await throwawayPartner(env) } }),
  },
  {
    name: 'createContactPerson (partner A)',
    allowed: OWNER_A,
    op: () => ({
      query: 'mutation ($i: CreateContactPersonInput!) { createContactPerson(input: $i) { id } }',
      variables: { i: { partnerId: PARTNER_A, name: 'Neue Ansprechperson', email: 'neu@g-mit-niedersachsen.example' } },
    }),
  },
  {
    name: 'updateContactPerson (of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({
      query: 'mutation ($id: ID!, $i: UpdateContactPersonInput!) { updateContactPerson(id: $id, input: $i) { version } }',
      variables: { id: await throwawayContactOfA(env), i: { version: 1, role: 'Beraterin' } },
    }),
  },
  {
    name: 'deleteContactPerson (of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { deleteContactPerson(id: $id) }', variables: { id: await throwawayContactOfA(env) } }),
  },
  {
    name: 'createCooperation (partner A with another partner)',
    allowed: OWNER_A,
    op: async (env) => ({
      query: 'mutation ($i: CreateCooperationInput!) { createCooperation(input: $i) { id } }',
      variables: { i: { partnerId: PARTNER_A, otherPartnerId: await throwawayPartner(env), since: '2024-01-01' } },
    }),
  },
  {
    name: 'updateCooperation (of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({
      query: 'mutation ($id: ID!, $i: UpdateCooperationInput!) { updateCooperation(id: $id, input: $i) { version } }',
      variables: { id: await throwawayCooperationOfA(env), i: { version: 1, description: 'Gemeinsame Fortbildungen' } },
    }),
  },
  {
    name: 'confirmCooperation (recorded by partner B’s editor with partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { confirmCooperation(id: $id) { id } }', variables: { id: await cooperationRequestToA(env) } }),
  },
  {
    name: 'deleteCooperation (of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { deleteCooperation(id: $id) }', variables: { id: await throwawayCooperationOfA(env) } }),
  },
  {
    name: 'createNewsItem (partner A)',
    allowed: OWNER_A,
    op: () => ({
      query: 'mutation ($i: CreateNewsItemInput!) { createNewsItem(input: $i) { id } }',
      variables: { i: { partnerId: PARTNER_A, title: 'Neuigkeit', text: 'Text der Neuigkeit' } },
    }),
  },
  {
    name: 'updateNewsItem (of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({
      query: 'mutation ($id: ID!, $i: UpdateNewsItemInput!) { updateNewsItem(id: $id, input: $i) { version } }',
      variables: { id: await throwawayNewsOfA(env), i: { version: 1, title: 'Geändert' } },
    }),
  },
  {
    name: 'deleteNewsItem (of partner A)',
    allowed: OWNER_A,
    op: async (env) => ({ query: 'mutation ($id: ID!) { deleteNewsItem(id: $id) }', variables: { id: await throwawayNewsOfA(env) } }),
  },
  {
    name: 'createTopic',
    allowed: COORDINATOR,
    op: () => ({
      query: 'mutation ($i: CreateTopicInput!) { createTopic(input: $i) { slug } }',
      variables: { i: { name: `Neues Thema ${randomUUID().slice(0, 8)}` } },
    }),
  },
  {
    name: 'translateTopic (into English)',
    allowed: COORDINATOR,
    op: async (env) => ({
      query: 'mutation ($s: String!) { translateTopic(slug: $s, language: "en", input: { name: "Matrix topic" }) { slug } }',
      variables: { s: await throwawayTopic(env) },
    }),
  },
  {
    name: 'removeTopicTranslation',
    allowed: COORDINATOR,
    op: async (env) => ({ query: 'mutation ($s: String!) { removeTopicTranslation(slug: $s, language: "en") { slug } }', variables: { s: await throwawayTopic(env) } }),
  },
  {
    // Somali is added and removed again by the next row, so other rows see the seed list.
    name: 'addContentLanguage (Somali)',
    allowed: COORDINATOR,
    op: () => ({ query: 'mutation { addContentLanguage(code: "so") { code } }' }),
  },
  {
    name: 'removeContentLanguage (Somali)',
    allowed: COORDINATOR,
    op: () => ({ query: 'mutation { removeContentLanguage(code: "so") { code } }' }),
  },
  {
    name: 'translatePartner (partner A, into Arabic)',
    allowed: OWNER_A,
    op: () => ({ query: 'mutation ($id: ID!) { translatePartner(id: $id, language: "ar", input: { description: "وصف" }) { id } }', variables: { id: PARTNER_A } }),
  },
  {
    name: 'removePartnerTranslation (partner A)',
    allowed: OWNER_A,
    op: () => ({ query: 'mutation ($id: ID!) { removePartnerTranslation(id: $id, language: "tr") { id } }', variables: { id: PARTNER_A } }),
  },
  {
    name: 'updateTopic',
    allowed: COORDINATOR,
    op: async (env) => ({
      query: 'mutation ($s: String!, $i: UpdateTopicInput!) { updateTopic(slug: $s, input: $i) { slug } }',
      variables: { s: await throwawayTopic(env), i: { version: 1, description: 'Beschreibung' } },
    }),
  },
  {
    name: 'mergeTopics',
    allowed: COORDINATOR,
    op: async (env) => ({
      query: 'mutation ($s: String!, $into: String!) { mergeTopics(source: $s, into: $into) { slug } }',
      variables: { s: await throwawayTopic(env), into: await throwawayTopic(env) },
    }),
  },
  {
    name: 'query Partner.auditLog',
    allowed: COORDINATOR,
    op: () => ({ query: 'query ($id: ID!) { partner(id: $id) { auditLog { totalCount } } }', variables: { id: PARTNER_A } }),
  },
  {
    name: 'query Topic.auditLog',
    allowed: COORDINATOR,
    op: () => ({ query: '{ topic(slug: "gleichstellung") { auditLog { totalCount } } }' }),
  },
];

/** The partners service's rows of the access matrix: accounts and API keys, then the partner directory. */
export const ACCESS_ROWS: Row[] = [...ACCOUNT_ROWS, ...PARTNER_ROWS];
