import { REFERENCE_NOT_FOUND, valueCompletionErrors } from './value-completion';

// Apollo Gateway's findings as it reports them for a reference whose `_entities` answer was null.
const finding = (path: (string | number)[], type = 'Partner.name') => ({
  message: `Cannot return null for non-nullable field ${type}.`,
  path,
  extensions: { code: 'INVALID_GRAPHQL' },
});

test('a null that stopped at a nullable reference is the documented answer: nothing reported', () => {
  const data = { events: { nodes: [{ organizers: [{ name: 'A' }, null] }, { provider: null }] } };
  expect(valueCompletionErrors([finding(['events', 'nodes', 0, 'organizers', 1, 'name'])], data)).toEqual([]);
  expect(valueCompletionErrors([finding(['events', 'nodes', 1, 'provider', 'name'])], data)).toEqual([]);
});

test('a null that spread beyond the reference is REFERENCE_NOT_FOUND at the missing value', () => {
  // `topics: [Topic!]!` of the first resource is gone with the entry, so the resource is null.
  const data = { resources: { nodes: [null, { topics: [] }] } };
  const errors = valueCompletionErrors([finding(['resources', 'nodes', 0, 'topics', 1, 'name'], 'Topic.name')], data);
  expect(errors.map((e) => ({ path: e.path, code: e.extensions.code, message: e.message }))).toEqual([
    { path: ['resources', 'nodes', 0, 'topics', 1, 'name'], code: REFERENCE_NOT_FOUND, message: expect.stringMatching(/no longer available/) },
  ]);
  // Up to the root: data itself null.
  expect(valueCompletionErrors([finding(['partner', 'name'])], null).map((e) => e.extensions.code)).toEqual([REFERENCE_NOT_FOUND]);
});

test('anything else is an internal error, and no findings are no errors', () => {
  const other = { message: 'Int cannot represent non-integer value: "x"', path: ['events', 'totalCount'] };
  expect(valueCompletionErrors([other], { events: null }).map((e) => e.extensions.code)).toEqual(['INTERNAL_SERVER_ERROR']);
  expect(valueCompletionErrors(undefined, {})).toEqual([]);
});
