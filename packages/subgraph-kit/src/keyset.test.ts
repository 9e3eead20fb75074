import { GraphQLError } from 'graphql';
import { checkFirst } from './connection';
import { decodeCursor, encodeCursor } from './keyset';

test('cursors round-trip their sort values', () => {
  const values = ['Zentrum für Ärztinnen', '2026-01-01T00:00:00.000Z', 'b5e7…'];
  expect(decodeCursor(encodeCursor(values), 3)).toEqual(values);
});

test('a foreign or broken cursor is BAD_USER_INPUT, not a server error', () => {
  for (const bad of ['nonsense', encodeCursor(['only-one']), Buffer.from('{"a":1}').toString('base64url')]) {
    let error: unknown;
    try {
      decodeCursor(bad, 2);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  }
});

test('first is limited to the server-side maximum', () => {
  expect(checkFirst(100)).toBe(100);
  expect(() => checkFirst(101)).toThrow(/between 0 and 100/);
  expect(() => checkFirst(-1)).toThrow(/between 0 and 100/);
});
