import { gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { eventsSubgraph } from '../subgraph';
import { as, makeEvent, register } from '../test/helpers';

// German names as people type them (issue 16): the organisers' registration search with and without
// umlauts, and the attendee list and organisation counts in German alphabetical order.

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsSubgraph);
});
afterAll(() => sg?.stop());

const PEOPLE = [
  { name: 'Zeynep Arslan', organisation: 'Verein Zukunft' },
  { name: 'Özlem Yılmaz', organisation: 'Ärztinnenbund' },
  { name: 'Olga Petrova', organisation: 'Arbeit und Leben' },
  { name: 'Jürgen Müller', organisation: 'Stadt Göttingen' },
  { name: 'Anna Mueller', organisation: 'Grafschaft Bentheim' },
  { name: 'Paul Groß', organisation: 'Gleichstellungsbüro Goslar' },
];

async function eventWithPeople() {
  const { event } = await makeEvent(sg, { capacity: 20 });
  for (const [i, p] of PEOPLE.entries()) {
    const res = await register(sg.url, { eventId: event.id, ...p, email: `p${i}.${event.slug}@example.org` });
    expect(res.errors).toBeUndefined();
  }
  return event;
}

test('the registration search finds "Müller" as "Mueller" and "Mueller" as "Müller"; ss finds ß', async () => {
  const event = await eventWithPeople();
  const LIST = `query ($id: ID!, $f: RegistrationFilter) { event(id: $id) { registrations(filter: $f, first: 20) { nodes { name } } } }`;
  const found = async (search: string) =>
    (await gqlOk(sg.url, LIST, { id: event.id, f: { search } }, await as.coordinator())).event.registrations.nodes.map((r: { name: string }) => r.name).sort();
  expect(await found('Mueller')).toEqual(['Anna Mueller', 'Jürgen Müller']);
  expect(await found('MÜLLER')).toEqual(['Anna Mueller', 'Jürgen Müller']);
  expect(await found('gross')).toEqual(['Paul Groß']);
  expect(await found('Goettingen')).toEqual(['Jürgen Müller']);
  expect(await found('Özlem')).toEqual(['Özlem Yılmaz']);
  expect(await found('50%')).toEqual([]);
});

test('the attendee list is in German alphabetical order, and organisations with equal counts too', async () => {
  const event = await eventWithPeople();
  const { event: exported } = await gqlOk(
    sg.url,
    'query ($id: ID!) { event(id: $id) { attendeeListCsv registrationStats { byOrganisation { organisation } } } }',
    { id: event.id },
    await as.coordinator(),
  );
  const names = (exported.attendeeListCsv as string).slice(1).split('\r\n').slice(1).filter(Boolean).map((l) => l.split(';')[0]);
  expect(names).toEqual(['Anna Mueller', 'Jürgen Müller', 'Olga Petrova', 'Özlem Yılmaz', 'Paul Groß', 'Zeynep Arslan']);
  expect(exported.registrationStats.byOrganisation.map((o: { organisation: string }) => o.organisation)).toEqual([
    'Arbeit und Leben',
    'Ärztinnenbund',
    'Gleichstellungsbüro Goslar',
    'Grafschaft Bentheim',
    'Stadt Göttingen',
    'Verein Zukunft',
  ]);
});
