import { startTestSubgraph, undoMigrationsThrough, type TestSubgraph } from '@mitgen/test-kit';
import { eventsSubgraph } from '../subgraph';
import { makeEvent } from '../test/helpers';

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraph, { MAIL_WORKER: 'false' });
});
afterAll(() => sg?.stop());

const columns = async () =>
  (await sg.ds.query(`SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'registration' AND column_name IN ('name', 'email', 'anonymised_at') ORDER BY column_name`)) as {
    column_name: string;
    is_nullable: string;
  }[];

test('the privacy migration reverts (anonymised rows get placeholders) and applies again', async () => {
  const { event } = await makeEvent(sg);
  const [row] = await sg.ds.query(
    `INSERT INTO registration (event_id, name, email, status, consent_at, anonymised_at) VALUES ($1, NULL, NULL, 'ATTENDED', now(), now()) RETURNING id`,
    [event.id],
  );
  const before = await columns();
  expect(before).toEqual([
    { column_name: 'anonymised_at', is_nullable: 'YES' },
    { column_name: 'email', is_nullable: 'YES' },
    { column_name: 'name', is_nullable: 'YES' },
  ]);
  // Without a name or address, a registration must be anonymised.
  await expect(sg.ds.query(`INSERT INTO registration (event_id, name, email, status, consent_at) VALUES ($1, NULL, NULL, 'CONFIRMED', now())`, [event.id])).rejects.toThrow(
    /registration_anonymised_check/,
  );

  await undoMigrationsThrough(sg, 'RegistrationPrivacy1767700000000');
  expect(await columns()).toEqual([
    { column_name: 'email', is_nullable: 'NO' },
    { column_name: 'name', is_nullable: 'NO' },
  ]);
  expect(await sg.ds.query('SELECT name, email FROM registration WHERE id = $1', [row.id])).toEqual([{ name: '', email: `anonymised-${row.id}@registration.invalid` }]);

  await sg.ds.runMigrations({ transaction: 'all' });
  expect(await columns()).toEqual(before);
});
