import { gqlOk } from '@mitgen/test-kit';
import { coordinator, signUp, startNewsletter, type NewsletterSubgraph } from '../test/helpers';

// The coordinators' subscriber search with German names as people type them (issue 16): spellings
// without umlauts find those with umlauts and the other way round.

let sg: NewsletterSubgraph;
beforeAll(async () => {
  sg = await startNewsletter();
});
afterAll(() => sg?.stop());

test('the subscriber search finds "Müller" as "Mueller" and "Mueller" as "Müller"; ss finds ß', async () => {
  for (const [name, email] of [
    ['Jürgen Müller', 'jm@example.org'],
    ['Anna Mueller', 'am@example.org'],
    ['Paul Groß', 'pg@example.org'],
    ['Özlem Yılmaz', 'oezlem.yilmaz@example.org'],
  ]) {
    const res = await signUp(sg, { email, name });
    expect(res.errors).toBeUndefined();
  }
  const q = 'query ($s: String) { newsletterSubscribers(first: 100, filter: { search: $s }) { nodes { name } } }';
  const found = async (s: string) => (await gqlOk(sg.url, q, { s }, await coordinator())).newsletterSubscribers.nodes.map((n: { name: string }) => n.name).sort();
  expect(await found('Mueller')).toEqual(['Anna Mueller', 'Jürgen Müller']);
  expect(await found('MÜLLER')).toEqual(['Anna Mueller', 'Jürgen Müller']);
  expect(await found('gross')).toEqual(['Paul Groß']);
  expect(await found('Özlem')).toEqual(['Özlem Yılmaz']); // the name, and the address spelt without umlaut
  expect(await found('oezlem.yilmaz@')).toEqual(['Özlem Yılmaz']);
  expect(await found('_')).toEqual([]);
});
