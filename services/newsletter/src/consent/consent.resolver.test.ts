import { gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { newsletterSubgraph } from '../subgraph';
import { CONSENT_TEXT_VERSION } from './consent.resolver';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(newsletterSubgraph, { MAIL_WORKER: 'false' });
});
afterAll(() => sg?.stop());

test('the consent text for sign-up forms is public and versioned', async () => {
  const { newsletterConsentText } = await gqlOk(sg.url, '{ newsletterConsentText { version text } }');
  expect(newsletterConsentText.version).toBe(CONSENT_TEXT_VERSION);
  expect(newsletterConsentText.text).toMatch(/widerrufen/);
});

test('the subscriber table allows one subscription per address whatever its letter case', async () => {
  await sg.ds.query("INSERT INTO subscriber (email) VALUES ('Anna@Example.org')");
  await expect(sg.ds.query("INSERT INTO subscriber (email) VALUES ('anna@example.ORG')")).rejects.toThrow(/duplicate key/);
});
