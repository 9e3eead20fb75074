// Input that no field of any schema accepts, refused for the whole request before GraphQL parses it:
// text with NUL characters (PostgreSQL cannot store them) or lone UTF-16 surrogates (no character at
// all; stored as U+FFFD or refused by JSON columns), and nesting deep enough to overflow the stack of
// the parser or of variable coercion. The gateway and every subgraph run the same check.

/** Deepest nesting of brackets in the operation text and of values in the request body. */
export const MAX_INPUT_NESTING = 64;

export type InputProblemKind = 'NUL_CHARACTER' | 'LONE_SURROGATE' | 'TOO_DEEPLY_NESTED';

/** What is wrong with a request's input and where. */
export interface InputProblem {
  kind: InputProblemKind;
  /** Where in the request: `query`, `variables.input.name`, … */
  where: string;
  /** The input field at fault, as BAD_USER_INPUT's `field` names it elsewhere: `name` for `variables.input.name`, the variable for a variable that is text itself. */
  field: string;
  message: string;
}

const NUL = '\u0000';
/** A GraphQL string escape that stands for U+0000: `\u0000`, `\u{0}`, `\u{000000}`. */
const NUL_ESCAPE = /\\u(0000|\{0+\})/i;

/** The input field of a place in the request: the path below the variable (or the variable itself). */
const fieldOf = (where: string) => {
  const m = /^variables\.([^.[]+)(?:\.(.+))?/.exec(where);
  return m ? (m[2] ?? m[1]) : where;
};

function textProblem(text: string, where: string): InputProblem | undefined {
  if (text.includes(NUL)) {
    return { kind: 'NUL_CHARACTER', where, field: fieldOf(where), message: `${where} contains a NUL character (U+0000), which text may not contain` };
  }
  // String.prototype.isWellFormed (Node 20; not in the ES2023 typings yet).
  if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed()) {
    return {
      kind: 'LONE_SURROGATE',
      where,
      field: fieldOf(where),
      message: `${where} is not valid Unicode: it contains a lone UTF-16 surrogate (half of a character pair, U+D800–U+DFFF)`,
    };
  }
  return undefined;
}

const nested = (where: string, depth: number): InputProblem => ({
  kind: 'TOO_DEEPLY_NESTED',
  where,
  field: fieldOf(where),
  message: `${where} is nested more than ${MAX_INPUT_NESTING} levels deep (${depth} or more); no input of this API needs that`,
});

const pathOf = (parent: string, key: string | number) => (typeof key === 'number' ? `${parent}.${key}` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`);

/** Every string (values and keys) of a JSON value, and its depth, without recursion. */
function valueProblem(value: unknown, where: string): InputProblem | undefined {
  const stack: Array<{ v: unknown; where: string; depth: number }> = [{ v: value, where, depth: 1 }];
  while (stack.length) {
    const { v, where: at, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v, at);
      if (p) return p;
    } else if (v && typeof v === 'object') {
      if (depth > MAX_INPUT_NESTING) return nested(at.split('.').slice(0, 2).join('.'), depth);
      if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, where: pathOf(at, i), depth: depth + 1 }));
      else {
        for (const [k, item] of Object.entries(v)) {
          const p = textProblem(k, `${at} (a key)`);
          if (p) return p;
          stack.push({ v: item, where: pathOf(at, k), depth: depth + 1 });
        }
      }
    }
  }
  return undefined;
}

/** Nesting of `{`, `[` and `(` in a GraphQL document, outside strings and comments. */
function documentNesting(query: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '#') {
      while (i < query.length && query[i] !== '\n' && query[i] !== '\r') i++;
    } else if (c === '"') {
      if (query.startsWith('"""', i)) {
        const end = query.indexOf('"""', i + 3);
        i = end < 0 ? query.length : end + 2;
      } else {
        for (i++; i < query.length && query[i] !== '"' && query[i] !== '\n'; i++) if (query[i] === '\\') i++;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      if (++depth > max) max = depth;
      if (max > MAX_INPUT_NESTING) return max;
    } else if (c === '}' || c === ']' || c === ')') depth--;
  }
  return max;
}

/**
 * The first problem of a GraphQL request body (`query`, `operationName`, `variables`, `extensions`),
 * or undefined. Linear in the size of the body; parses nothing.
 */
export function findInputProblem(body: unknown): InputProblem | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { query, ...rest } = body as Record<string, unknown>;
  if (typeof query === 'string') {
    const p = textProblem(query, 'query');
    if (p) return p;
    if (NUL_ESCAPE.test(query)) return { kind: 'NUL_CHARACTER', where: 'query', field: 'query', message: 'query contains the escape of a NUL character (\\u0000), which text may not contain' };
    const depth = documentNesting(query);
    if (depth > MAX_INPUT_NESTING) return nested('query', depth);
  }
  for (const [key, value] of Object.entries(rest)) {
    const p = valueProblem(value, key);
    if (p) return p;
  }
  return undefined;
}
