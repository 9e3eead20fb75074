import { gql, gqlOk, startTestSubgraph, undoMigrationsThrough, type TestSubgraph } from '@mitgen/test-kit';
import { eventsSubgraph } from '../subgraph';
import { as, makeEvent, register } from '../test/helpers';

// Attendee lists as a file: a signed link from the graph, good for ten minutes, that a browser opens
// without any sign-in header.

let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraph, { MAIL_WORKER: 'false', PUBLIC_API_URL: 'https://graph.mitgen.example' }, { clock });
});
afterAll(() => sg?.stop());

const DOWNLOAD = 'query ($id: ID!, $s: [RegistrationStatus!]) { event(id: $id) { attendeeListDownload(status: $s) { url expiresAt filename } } }';
/** The link's path on the subgraph (the gateway passes `/exports/*` through unchanged). */
const local = (url: string) => new URL(new URL(url).pathname, sg.url).toString();

test('an organiser gets a link that downloads the list as a CSV file; others get no link', async () => {
  const { event } = await makeEvent(sg, { capacity: 1 });
  await register(sg.url, { eventId: event.id, name: 'Dilara Beispiel', email: 'dilara@example.org' });
  await register(sg.url, { eventId: event.id, name: 'Jonas Warte', email: 'jonas@example.org' });

  const { event: answer } = await gqlOk(sg.url, DOWNLOAD, { id: event.id }, await as.editorA());
  const { url, expiresAt, filename } = answer.attendeeListDownload;
  expect(url).toMatch(/^https:\/\/graph\.mitgen\.example\/exports\/attendees\//);
  expect(filename).toBe(`teilnehmende-${event.slug}.csv`);
  expect(new Date(expiresAt).getTime() - clock.now().getTime()).toBeGreaterThan(9 * 60_000);

  const res = await fetch(local(url));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const csv = await res.text();
  expect(csv.split('\r\n')[0]).toMatch(/^\uFEFF?Name;E-Mail;/);
  expect(csv).toContain('dilara@example.org');
  expect(csv).toContain('jonas@example.org');

  // Only the states asked for.
  const { event: waiting } = await gqlOk(sg.url, DOWNLOAD, { id: event.id, s: ['WAITLISTED'] }, await as.coordinator());
  const onlyWaiting = await (await fetch(local(waiting.attendeeListDownload.url))).text();
  expect(onlyWaiting).toContain('jonas@example.org');
  expect(onlyWaiting).not.toContain('dilara@example.org');

  for (const caller of [as.editorB, as.apiKeyA, as.anonymous]) {
    const refused = await gql(sg.url, DOWNLOAD, { id: event.id }, await caller());
    expect(refused.data.event.attendeeListDownload).toBeNull();
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(refused.errors?.[0].extensions?.code);
  }
});

test('a changed, foreign or expired link downloads nothing', async () => {
  const { event } = await makeEvent(sg);
  await register(sg.url, { eventId: event.id, name: 'Anke Beispiel', email: 'anke@example.org' });
  const { event: answer } = await gqlOk(sg.url, DOWNLOAD, { id: event.id }, await as.coordinator());
  const url: string = local(answer.attendeeListDownload.url);
  expect((await fetch(url)).status).toBe(200);

  const [eventId, codes, expiry, signature] = new URL(url).pathname.split('/').pop()!.split('.');
  const { event: other } = await makeEvent(sg);
  const tampered = [
    [other.id, codes, expiry, signature], // another event with this signature
    [eventId, 'cwxa', expiry, signature], // more states
    [eventId, codes, String(Number(expiry) + 3600), signature], // longer
    [eventId, codes, expiry, `${signature.slice(0, -2)}AA`],
    ['nicht-gueltig'],
  ];
  for (const parts of tampered) {
    const res = await fetch(new URL(`/exports/attendees/${parts.join('.')}`, sg.url));
    expect([parts.join('.'), res.status]).toEqual([parts.join('.'), 404]);
    expect(await res.text()).not.toContain('anke@example.org');
  }

  offsetMs = 11 * 60_000;
  try {
    const late = await fetch(url);
    expect(late.status).toBe(404);
    expect(await late.text()).toContain('abgelaufen');
  } finally {
    offsetMs = 0;
  }
});

test('the download key migration reverts and applies again with a new key: old links stop working', async () => {
  const { event } = await makeEvent(sg);
  const { event: answer } = await gqlOk(sg.url, DOWNLOAD, { id: event.id }, await as.coordinator());
  const [{ secret: before }] = await sg.ds.query(`SELECT secret FROM signing_key WHERE name = 'downloads'`);
  expect(before).toHaveLength(32);
  await undoMigrationsThrough(sg, 'DownloadKey1768100000000');
  expect(await sg.ds.query(`SELECT to_regclass('signing_key') AS t`)).toEqual([{ t: null }]);
  await sg.ds.runMigrations({ transaction: 'all' });
  const [{ secret: after }] = await sg.ds.query(`SELECT secret FROM signing_key WHERE name = 'downloads'`);
  expect(after.equals(before)).toBe(false);
  // This instance keeps the key it read; a fresh instance reads the new one and refuses the old link.
  const fresh = await startTestSubgraph(eventsSubgraph, { MAIL_WORKER: 'false', DATABASE_URL: sg.env.DATABASE_URL, MIGRATIONS_RUN: 'false' });
  try {
    expect((await fetch(new URL(new URL(answer.attendeeListDownload.url).pathname, fresh.url))).status).toBe(404);
  } finally {
    await fresh.stop();
  }
});
