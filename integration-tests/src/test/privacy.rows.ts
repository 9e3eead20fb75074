import { randomUUID } from 'node:crypto';
import { COORDINATOR, type Row } from '@mitgen/test-kit';

// Privacy export and erasure (partners service with fields of events and newsletter): coordinators
// only. Each call uses an address nobody has, so the coordinator's row erases nothing real.

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
      query: `mutation ($e: String!) { eraseDataSubject(email: $e) { email partners { accountsAnonymised } events { registrationsAnonymised }
        newsletter { subscriptionDeleted } } }`,
      variables: { e: someone(caller) },
    }),
  },
];
