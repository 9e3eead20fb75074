import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@mitgen/registry';
import { asPrincipal, gql, gqlOk, startTestSubgraph, undoMigrationsThrough, type TestSubgraph } from '@mitgen/test-kit';
import { partnersSubgraph } from '../subgraph';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from './account.service';

// The sign-in lock: failures count per address, an address with or without an account locks the
// same way, the lock says so and until when, and no password is checked while it holds.

let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
let sg: TestSubgraph;
let coordinator: Record<string, string>;
beforeAll(async () => {
  sg = await startTestSubgraph(partnersSubgraph, { SEED_DEMO: 'true' }, { clock });
  coordinator = await asPrincipal({ role: 'COORDINATOR', subject: '00000000-0000-4000-8000-000000000000' }, 'partners');
});
afterAll(() => sg?.stop());
afterEach(() => void (offsetMs = 0));

const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const attempt = async (e: string, p: string) => {
  const res = await gql(sg.url, LOGIN, { e, p });
  return { code: res.errors?.[0]?.extensions?.code ?? 'OK', message: res.errors?.[0]?.message, lockedUntil: res.errors?.[0]?.extensions?.lockedUntil as string | undefined };
};

async function editor(email: string): Promise<string> {
  const { createAccount } = await gqlOk(
    sg.url,
    'mutation ($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
    { i: { email, displayName: 'Lock Test', role: 'PARTNER_EDITOR', partnerId: (await gqlOk(sg.url, '{ partners(first: 1) { nodes { id } } }')).partners.nodes[0].id, password: 'right-password-123' } },
    coordinator,
  );
  return createAccount.id;
}

test(`after ${MAX_FAILED_LOGINS} wrong passwords the address is locked: the owner is told until when, also with the right password`, async () => {
  await editor('lock-1@partner.example');
  for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await attempt('lock-1@partner.example', `wrong-${i}`)).code).toBe('UNAUTHENTICATED');
  const locking = await attempt('Lock-1@Partner.example', 'wrong-last'); // any letter case is the same address
  expect(locking.code).toBe('ACCOUNT_LOCKED');
  const until = new Date(locking.lockedUntil!).getTime();
  expect(until - clock.now().getTime()).toBeGreaterThan((LOCK_MINUTES - 1) * 60_000);
  const owner = await attempt('lock-1@partner.example', 'right-password-123');
  expect(owner.code).toBe('ACCOUNT_LOCKED');
  expect(owner.message).toContain(new Date(until).toISOString());
  // No password is checked while the lock holds: the right one and a wrong one get the same answer.
  expect(await attempt('lock-1@partner.example', 'wrong-again')).toEqual(owner);
});

test('an address without an account locks exactly like one with an account (nothing tells them apart)', async () => {
  await editor('lock-2@partner.example');
  const withAccount: string[] = [];
  const without: string[] = [];
  for (let i = 0; i <= MAX_FAILED_LOGINS; i++) {
    withAccount.push((await attempt('lock-2@partner.example', `wrong-${i}`)).code);
    without.push((await attempt('nobody-here@partner.example', `wrong-${i}`)).code);
  }
  expect(withAccount).toEqual(without);
  expect(without.slice(-2)).toEqual(['ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
  // Only a hash of the address is stored.
  const rows: { email_hash: Buffer }[] = await sg.ds.query('SELECT email_hash FROM sign_in_failure');
  expect(rows.length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(await sg.ds.query('SELECT * FROM sign_in_failure'))).not.toContain('nobody-here');
});

test('when the lock ends the right password works, and the count starts again', async () => {
  await editor('lock-3@partner.example');
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) await attempt('lock-3@partner.example', `wrong-${i}`);
  expect((await attempt('lock-3@partner.example', 'right-password-123')).code).toBe('ACCOUNT_LOCKED');
  offsetMs = (LOCK_MINUTES + 1) * 60_000;
  // One wrong password after the lock does not lock again at once.
  expect((await attempt('lock-3@partner.example', 'wrong-after')).code).toBe('UNAUTHENTICATED');
  expect((await attempt('lock-3@partner.example', 'right-password-123')).code).toBe('OK');
  expect(await sg.ds.query('SELECT count(*)::int AS n FROM sign_in_failure WHERE failures > 0 AND last_failure_at > $1', [clock.now()])).toEqual([{ n: 0 }]);
});

test('a coordinator lifts a lock with enableAccount', async () => {
  const id = await editor('lock-4@partner.example');
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) await attempt('lock-4@partner.example', `wrong-${i}`);
  expect((await attempt('lock-4@partner.example', 'right-password-123')).code).toBe('ACCOUNT_LOCKED');
  await gqlOk(sg.url, 'mutation ($id: ID!) { enableAccount(id: $id) { id } }', { id }, coordinator);
  expect((await attempt('lock-4@partner.example', 'right-password-123')).code).toBe('OK');
});

test('the migration moves existing account locks into the per-address table, and back', async () => {
  await editor('lock-5@partner.example');
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) await attempt('lock-5@partner.example', `wrong-${i}`);
  await undoMigrationsThrough(sg, 'SignInFailures1768100200000');
  const [back] = await sg.ds.query(`SELECT failed_logins, locked_until FROM account WHERE email = 'lock-5@partner.example'`);
  expect(back.failed_logins).toBe(MAX_FAILED_LOGINS);
  expect(back.locked_until).not.toBeNull();
  await sg.ds.runMigrations({ transaction: 'all' });
  expect((await attempt('lock-5@partner.example', 'right-password-123')).code).toBe('ACCOUNT_LOCKED');
});

test("the README states the lock as the code has it: how many failures, and for how long", () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  const count = `(?:${MAX_FAILED_LOGINS}|${words[MAX_FAILED_LOGINS] ?? MAX_FAILED_LOGINS})`;
  expect(readme).toMatch(new RegExp(`\\*\\*${count} failed sign-ins with one address lock that address for ${LOCK_MINUTES} minutes\\*\\*`, 'i'));
});
