import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import { badInput } from './errors';

// Checks of client input that hold for every argument of every subgraph, before any resolver runs.

const NUL = '\u0000';

/** The keys leading to the first string with the NUL character in a JSON-like value, if any. */
function nulPath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

/** The argument or input field a node stands in (nearest of its parent and ancestors that names one). */
function fieldOf(parent: ASTNode | readonly ASTNode[] | undefined, ancestors: readonly (ASTNode | readonly ASTNode[])[]): string | undefined {
  // graphql-js hands the parent apart from the ancestors.
  const chain = parent ? [...ancestors, parent] : ancestors;
  for (let i = chain.length - 1; i >= 0; i--) {
    const a = chain[i];
    if (!Array.isArray(a) && ((a as ASTNode).kind === Kind.ARGUMENT || (a as ASTNode).kind === Kind.OBJECT_FIELD)) return (a as { name: { value: string } }).name.value;
  }
  return undefined;
}

interface Finding {
  /** Argument or input field named in the error (undefined: none could be told). */
  field: string | undefined;
}

const literalFindings = new WeakMap<DocumentNode, Finding | null>();

/** A string literal with NUL in the document (memoized per document). */
function literalWithNul(document: DocumentNode): Finding | null {
  let found = literalFindings.get(document);
  if (found === undefined) {
    found = null;
    visit(document, {
      [Kind.STRING](node, _key, parent, _path, ancestors) {
        if (!found && node.value.includes(NUL)) found = { field: fieldOf(parent, ancestors) };
      },
    });
    literalFindings.set(document, found);
  }
  return found;
}

/** A variable value with NUL: the innermost input field of its path, or the argument the variable is given to. */
function variableWithNul(document: DocumentNode, variables: Record<string, unknown> | undefined): Finding | null {
  const path = nulPath(variables ?? {});
  if (!path) return null;
  const inner = path.slice(1).filter((k): k is string => typeof k === 'string');
  if (inner.length) return { field: inner[inner.length - 1] };
  let field: string | undefined;
  visit(document, {
    [Kind.VARIABLE](node, _key, parent, _path, ancestors) {
      if (field || node.name.value !== path[0] || (parent as ASTNode | undefined)?.kind === Kind.VARIABLE_DEFINITION) return;
      field = fieldOf(parent, ancestors);
    },
  });
  return { field };
}

/**
 * Refuses text with the NUL character (U+0000) in any argument, literal or variable, as
 * BAD_USER_INPUT naming the argument or input field: PostgreSQL cannot store it in text, so it
 * would otherwise fail deep inside a statement as a server error.
 */
export function inputChecksPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const found = variableWithNul(document, request.variables) ?? literalWithNul(document);
          if (found) throw badInput(`${found.field ?? 'text'} must not contain the NUL character (U+0000)`, found.field, { http: { status: 400 } });
        },
      };
    },
  };
}
