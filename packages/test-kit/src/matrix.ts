import { stableId } from '@mitgen/subgraph-kit';

// The access matrix: who may run which operation, checked through the gateway with real sign-ins
// and a real API key (integration-tests/src/access.e2e.test.ts). Each subgraph owns the rows of
// its operations in `src/test/access.rows.ts` (export `ACCESS_ROWS`); the matrix finds them through
// the registry, and every mutation of the supergraph must have a row.

/** The callers of the access matrix. */
export type Caller = 'anonymous' | 'apiKey' | 'editorA' | 'editorB' | 'coordinator';
export const CALLERS: Caller[] = ['anonymous', 'apiKey', 'editorA', 'editorB', 'coordinator'];

/** Partner A and B of the matrix (from the demo data); editor A edits partner A, the API key is A's. */
export const PARTNER_A = stableId('partner', 'g-mit-niedersachsen');
export const PARTNER_B = stableId('partner', 'frauenberatung-osnabrueck');

/** Headers and ids of the signed-in callers. */
export interface Callers {
  headers: Record<Caller, Record<string, string>>;
  ids: { editorA: string; editorB: string; apiKey: string };
  apiKey: string;
}

/** What a row's operation may use: the gateway URL and the signed-in callers. */
export interface MatrixEnv {
  url: string;
  callers: Callers;
}

/** An operation of a row, with its variables. */
export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

/** One operation of the access matrix and who may run it; `name` starts with the mutation's name (or `query …`). */
export interface Row {
  name: string;
  allowed: Caller[];
  /** The operation and variables for one caller (fresh data per call where it changes something). */
  op: (env: MatrixEnv, caller: Caller) => Promise<Operation> | Operation;
}

export const EVERYONE: Caller[] = CALLERS;
/** Signed-in accounts (not anonymous callers, not API keys). */
export const ACCOUNTS: Caller[] = ['editorA', 'editorB', 'coordinator'];
export const COORDINATOR: Caller[] = ['coordinator'];
/** The coordinator and the editor of partner A (rows acting on partner A's data). */
export const OWNER_A: Caller[] = ['editorA', 'coordinator'];
