import { randomUUID } from 'node:crypto';
import { COORDINATOR, EVERYONE, gqlOk, type MatrixEnv, type Row } from '@mitgen/test-kit';

// Newsletter (newsletter service). The public token operations are open to everyone: a wrong
// token is bad input, never an authorization question. Editions and subscriber data: coordinators.

const UNKNOWN_TOKEN = 'matrix-unknown-token';
const future = () => new Date(Date.now() + 7 * 24 * 3600_000).toISOString();

/** A fresh draft edition without items (rendering it needs no other service), made by the coordinator. */
async function draftEdition(env: MatrixEnv): Promise<string> {
  const { createNewsletterEdition } = await gqlOk(
    env.url,
    'mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }',
    { i: { title: `Matrix ${randomUUID()}`, intro: 'Nur für den Test.' } },
    env.callers.headers.coordinator,
  );
  return createNewsletterEdition.id;
}

async function scheduledEdition(env: MatrixEnv): Promise<string> {
  const id = await draftEdition(env);
  await gqlOk(
    env.url,
    'mutation ($id: ID!, $at: DateTimeISO!) { scheduleNewsletterEdition(id: $id, sendAt: $at) { id } }',
    { id, at: future() },
    env.callers.headers.coordinator,
  );
  return id;
}

export const ACCESS_ROWS: Row[] = [
  {
    name: 'subscribeToNewsletter',
    allowed: EVERYONE,
    op: (_env, caller) => ({
      query: 'mutation ($i: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $i) { message } }',
      variables: { i: { email: `matrix-${caller}-${randomUUID()}@beispiel.de` } },
    }),
  },
  {
    name: 'confirmSubscription (unknown token: bad input, after no role check)',
    allowed: EVERYONE,
    op: () => ({ query: 'mutation ($t: String!) { confirmSubscription(token: $t) { manageToken } }', variables: { t: UNKNOWN_TOKEN } }),
  },
  {
    name: 'updateNewsletterSubscription (unknown token)',
    allowed: EVERYONE,
    op: () => ({
      query: 'mutation ($t: String!) { updateNewsletterSubscription(token: $t, input: { language: "de" }) { language } }',
      variables: { t: UNKNOWN_TOKEN },
    }),
  },
  {
    name: 'unsubscribe (unknown token)',
    allowed: EVERYONE,
    op: () => ({ query: 'mutation ($t: String!) { unsubscribe(token: $t) { status } }', variables: { t: UNKNOWN_TOKEN } }),
  },
  {
    name: 'query newsletterSubscription (unknown token)',
    allowed: EVERYONE,
    op: () => ({ query: 'query ($t: String!) { newsletterSubscription(token: $t) { status } }', variables: { t: UNKNOWN_TOKEN } }),
  },
  {
    name: 'createNewsletterEdition',
    allowed: COORDINATOR,
    op: () => ({
      query: 'mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }',
      variables: { i: { title: `Matrix ${randomUUID()}` } },
    }),
  },
  {
    name: 'updateNewsletterEdition',
    allowed: COORDINATOR,
    op: async (env) => ({
      query: 'mutation ($id: ID!) { updateNewsletterEdition(id: $id, input: { version: 1, title: "Geänderter Titel" }) { version } }',
      variables: { id: await draftEdition(env) },
    }),
  },
  {
    name: 'deleteNewsletterEdition',
    allowed: COORDINATOR,
    op: async (env) => ({ query: 'mutation ($id: ID!) { deleteNewsletterEdition(id: $id) }', variables: { id: await draftEdition(env) } }),
  },
  {
    name: 'scheduleNewsletterEdition',
    allowed: COORDINATOR,
    op: async (env) => ({
      query: 'mutation ($id: ID!, $at: DateTimeISO!) { scheduleNewsletterEdition(id: $id, sendAt: $at) { status } }',
      variables: { id: await draftEdition(env), at: future() },
    }),
  },
  {
    name: 'unscheduleNewsletterEdition',
    allowed: COORDINATOR,
    op: async (env) => ({ query: 'mutation ($id: ID!) { unscheduleNewsletterEdition(id: $id) { status } }', variables: { id: await scheduledEdition(env) } }),
  },
  {
    name: 'sendNewsletterEdition',
    allowed: COORDINATOR,
    op: async (env) => ({ query: 'mutation ($id: ID!) { sendNewsletterEdition(id: $id) { status } }', variables: { id: await draftEdition(env) } }),
  },
  { name: 'query newsletterSubscribers', allowed: COORDINATOR, op: () => ({ query: '{ newsletterSubscribers { totalCount nodes { email consent { ipAddress } } } }' }) },
  { name: 'query newsletterSubscriberCounts', allowed: COORDINATOR, op: () => ({ query: '{ newsletterSubscriberCounts { total } }' }) },
  { name: 'query newsletterSubscribersCsv', allowed: COORDINATOR, op: () => ({ query: '{ newsletterSubscribersCsv }' }) },
  { name: 'query newsletterEditions', allowed: COORDINATOR, op: () => ({ query: '{ newsletterEditions { totalCount nodes { title delivery { total } } } }' }) },
];
