import { randomUUID } from 'node:crypto';
import { erasureMutationName } from '@mitgen/subgraph-kit';
import { COORDINATOR, type Row } from '@mitgen/test-kit';
import { ERASURE_PARTICIPANTS } from './participants';

// Privacy export and erasure (partners service with fields of events and newsletter): coordinators
// only. Each call uses an address nobody has, so the coordinator's row erases nothing real. The
// erasure mutation of each participating service is for the erasure coordinator alone (a
// principal the partners service signs for itself): every caller of the matrix is refused, the
// coordinator included.

const someone = (caller: string) => `matrix-${caller}-${randomUUID()}@beispiel.de`;

export const PRIVACY_ROWS: Row[] = [
  {
    name: 'query dataSubject',
    allowed: COORDINATOR,
    op: (_env, caller) => ({
      query: `query ($e: String!) { dataSubject(email: $e) { email account { id } contactPersons { totalCount } registrations { totalCount }
        registrationMails { totalCount } newsletterSubscription { status } newsletterConsentProofs { totalCount } newsletterMails { totalCount } } }`,
      variables: { e: someone(caller) },
    }),
  },
  {
    name: 'eraseDataSubject',
    allowed: COORDINATOR,
    op: (_env, caller) => ({
      query: 'mutation ($e: String!) { eraseDataSubject(email: $e) { id status services { service status } } }',
      variables: { e: someone(caller) },
    }),
  },
  {
    name: 'query erasureRequests',
    allowed: COORDINATOR,
    op: () => ({ query: '{ erasureRequests(first: 5) { totalCount nodes { id status } } }' }),
  },
  {
    name: 'query erasureRequest',
    allowed: COORDINATOR,
    op: () => ({ query: 'query ($id: ID!) { erasureRequest(id: $id) { id } }', variables: { id: randomUUID() } }),
  },
  ...ERASURE_PARTICIPANTS.map(
    (service): Row => ({
      name: `${erasureMutationName(service)} (erasure coordinator only)`,
      allowed: [],
      op: (_env, caller) => ({
        query: `mutation ($r: ID!, $e: String!) { ${erasureMutationName(service)}(requestId: $r, email: $e) { service counts { what count } } }`,
        variables: { r: randomUUID(), e: someone(caller) },
      }),
    }),
  ),
];
