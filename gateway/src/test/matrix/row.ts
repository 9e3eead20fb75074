import { CALLERS, type Caller, type Callers } from '../principals';

/** What a row's operation may use: the gateway URL and the signed-in callers. */
export interface MatrixEnv {
  url: string;
  callers: Callers;
}

/** One operation of the access matrix and who may run it. */
export interface Row {
  name: string;
  allowed: Caller[];
  /** The operation and variables for one caller (fresh data per call where it changes something). */
  op: (env: MatrixEnv, caller: Caller) => Promise<Operation> | Operation;
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

export const EVERYONE: Caller[] = CALLERS;
/** Signed-in accounts (not anonymous callers, not API keys). */
export const ACCOUNTS: Caller[] = ['editorA', 'editorB', 'coordinator'];
export const COORDINATOR: Caller[] = ['coordinator'];
/** The coordinator and the editor of partner A (rows acting on partner A's data). */
export const OWNER_A: Caller[] = ['editorA', 'coordinator'];
