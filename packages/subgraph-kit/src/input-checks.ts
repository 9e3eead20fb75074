import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';
import { badInput } from './errors';

// Checks of client input that hold for every argument of every subgraph, before any resolver runs.

const NUL = '\u0000';

/** Whether a JSON-like value holds a string with the NUL character anywhere. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

const literalsWithNul = new WeakMap<DocumentNode, boolean>();

function documentHoldsNul(document: DocumentNode): boolean {
  let found = literalsWithNul.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      [Kind.STRING](node) {
        if (node.value.includes(NUL)) found = true;
      },
    });
    literalsWithNul.set(document, found);
  }
  return found;
}

/**
 * Refuses text with the NUL character (U+0000) in any argument, literal or variable, as
 * BAD_USER_INPUT: PostgreSQL cannot store it in text, so it would otherwise fail deep inside a
 * statement as a server error.
 */
export function inputChecksPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (holdsNul(request.variables) || documentHoldsNul(document)) {
            throw badInput('Text must not contain the NUL character (U+0000)', undefined, { http: { status: 400 } });
          }
        },
      };
    },
  };
}
