import { randomUUID } from 'node:crypto';
import { stableId, type Principal } from '@mitgen/subgraph-kit';
import { asPrincipal, gql, gqlOk, type GraphQLResponse } from '@mitgen/test-kit';

// Callers of the partners subgraph in tests, with principals signed like the gateway signs them.

/** Partner A and B as in the gateway's access matrix (demo partners). */
export const PARTNER_A = stableId('partner', 'g-mit-niedersachsen');
export const PARTNER_B = stableId('partner', 'frauenberatung-osnabrueck');
export const DRAFT_PARTNER = stableId('partner', 'interkulturelles-frauencafe-hildesheim');
export const COORDINATOR_ID = '00000000-0000-4000-8000-00000000c001';

export type Caller = 'anonymous' | 'apiKey' | 'editorA' | 'editorB' | 'coordinator' | Principal;

const PRINCIPALS: Record<Exclude<Caller, Principal | 'anonymous'>, Principal> = {
  apiKey: { role: 'API_CLIENT', subject: '00000000-0000-4000-8000-00000000a001', partnerId: PARTNER_A },
  editorA: { role: 'PARTNER_EDITOR', subject: '00000000-0000-4000-8000-00000000e00a', partnerId: PARTNER_A },
  editorB: { role: 'PARTNER_EDITOR', subject: '00000000-0000-4000-8000-00000000e00b', partnerId: PARTNER_B },
  coordinator: { role: 'COORDINATOR', subject: COORDINATOR_ID },
};

/** An editor of any partner. */
export const editorOf = (partnerId: string): Principal => ({ role: 'PARTNER_EDITOR', subject: randomUUID(), partnerId });

/** Headers of a caller; signed anew each time because principal tokens live 60 seconds. */
export function headersOf(caller: Caller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return Promise.resolve({});
  return asPrincipal(typeof caller === 'string' ? PRINCIPALS[caller] : caller, 'partners');
}

/** Runs an operation as a caller. */
export async function as<T = any>(url: string, caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  return gql<T>(url, query, variables, await headersOf(caller));
}

/** Runs an operation as a caller and fails on errors. */
export async function asOk<T = any>(url: string, caller: Caller, query: string, variables?: Record<string, unknown>): Promise<T> {
  return gqlOk<T>(url, query, variables, await headersOf(caller));
}

/** The error code of a response ('OK' when none). */
export const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code ?? 'OK';
