import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { asPrincipal, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { Resource, ResourceKind } from '../resource/resource.entity';
import { resourcesSubgraph } from '../subgraph';
import { resourceTranslations } from '../resource/resource.translation';
import { demoLookup, TestClock } from '../test/fake-lookup';

// The coordinators' stale report and the refresh of the copies it relies on (provider state, gone
// contacts), with the partners service's answers injected as the lookup and the clock injected.

const clock = new TestClock(new Date('2026-11-26T10:00:00Z'));
const lookup = demoLookup();
let sg: TestSubgraph;
let coordinator: Record<string, string>;
beforeAll(async () => {
  sg = await startTestSubgraph({ ...resourcesSubgraph, prepare: () => ({ lookup }) }, {}, { clock });
  coordinator = await asPrincipal({ role: 'COORDINATOR', subject: stableId('account', 'c') }, 'resources');
});
afterAll(() => sg?.stop());
beforeEach(async () => {
  await sg.ds.query('DELETE FROM resource');
  clock.set('2026-11-26T10:00:00Z');
  lookup.contactsDown = false;
  lookup.down = false;
});

const osnabrueck = stableId('partner', 'frauenberatung-osnabrueck');
const FRESH = new Date('2026-11-01T00:00:00Z');

async function add(title: string, fields: Partial<Resource> = {}): Promise<Resource> {
  return sg.ds.getRepository(Resource).save(
    sg.ds.getRepository(Resource).create({
      title,
      kind: ResourceKind.COUNSELLING,
      providerId: osnabrueck,
      providerName: 'Frauenberatungsstelle Osnabrück',
      status: PublicationStatus.PUBLISHED,
      lastReviewedAt: FRESH,
      ...fields,
    }),
  );
}

const REPORT = `query ($reasons: [StaleReason!], $after: String) {
  staleResources(reasons: $reasons, first: 50, after: $after) {
    totalCount nodes { resource { title } reasons goneContacts { id } referencesCheckedAt }
  }
}`;
async function report(reasons?: string[]): Promise<Record<string, string[]>> {
  const { staleResources } = await gqlOk(sg.url, REPORT, { reasons }, coordinator);
  expect(staleResources.totalCount).toBe(staleResources.nodes.length);
  return Object.fromEntries(staleResources.nodes.map((n: any) => [n.resource.title, n.reasons]));
}
const refresh = async () =>
  (await gqlOk(sg.url, 'mutation { refreshResourceReferences { partners contacts topics resourcesChanged problems checkedAt } }', {}, coordinator))
    .refreshResourceReferences;

test('past validity and not reviewed for 12 months, at their boundaries', async () => {
  await add('Gestern abgelaufen', { validUntil: '2026-11-25' });
  await add('Heute letzter Tag', { validUntil: '2026-11-26' });
  await add('Seit 12 Monaten und einem Tag nicht geprüft', { lastReviewedAt: new Date('2025-11-26T09:59:59Z') });
  await add('Vor knapp 12 Monaten geprüft', { lastReviewedAt: new Date('2025-11-26T10:00:01Z') });
  await add('Nie geprüft', { lastReviewedAt: null });
  await add('Entwurf, abgelaufen', { validUntil: '2026-01-01', status: PublicationStatus.DRAFT });
  await add('Archiviert, abgelaufen', { validUntil: '2026-01-01', status: PublicationStatus.ARCHIVED });
  expect(await report()).toEqual({
    'Entwurf, abgelaufen': ['EXPIRED'],
    'Gestern abgelaufen': ['EXPIRED'],
    'Nie geprüft': ['NOT_REVIEWED'],
    'Seit 12 Monaten und einem Tag nicht geprüft': ['NOT_REVIEWED'],
  });
  // Reviewing resets the clock; a day later in Germany, the last valid day is past.
  const [never] = await sg.ds.getRepository(Resource).findBy({ title: 'Nie geprüft' });
  await gqlOk(sg.url, 'mutation ($id: ID!) { markResourceReviewed(id: $id) { id } }', { id: never.id }, coordinator);
  clock.set('2026-11-26T23:00:00Z'); // 27 November, 00:00 in Berlin
  expect(Object.keys(await report(['EXPIRED'])).sort()).toEqual(['Entwurf, abgelaufen', 'Gestern abgelaufen', 'Heute letzter Tag']);
  expect(await report(['NOT_REVIEWED'])).toEqual({
    'Seit 12 Monaten und einem Tag nicht geprüft': ['NOT_REVIEWED'],
    'Vor knapp 12 Monaten geprüft': ['NOT_REVIEWED'],
  });
});

test('archived providers, providers the graph no longer shows and gone contact persons, after a refresh through the graph', async () => {
  const archivedPartner = lookup.setPartner('geschlossene-beratungsstelle', PublicationStatus.ARCHIVED, 'Geschlossene Beratungsstelle');
  const gonePartner = stableId('partner', 'aufgeloester-verein');
  const goneContact = stableId('contact', 'frauenberatung-osnabrueck/ehemalige-kollegin');
  const presentContact = [...lookup.contacts][0];
  await add('Träger archiviert', { providerId: archivedPartner });
  await add('Träger verschwunden', { providerId: gonePartner, providerName: 'Aufgelöster Verein' });
  await add('Ansprechperson weg', { contactIds: [presentContact, goneContact] });
  await add('Alles in Ordnung', { contactIds: [presentContact] });
  await add('Archiviert, Träger weg', { providerId: gonePartner, status: PublicationStatus.ARCHIVED });
  expect(await report()).toEqual({}); // nothing known before the first check

  const done = await refresh();
  expect(done).toMatchObject({ partners: 3, contacts: 2, problems: [], checkedAt: '2026-11-26T10:00:00.000Z' });
  expect(await report()).toEqual({
    'Ansprechperson weg': ['CONTACT_GONE'],
    'Träger archiviert': ['PROVIDER_ARCHIVED'],
    'Träger verschwunden': ['PROVIDER_NOT_FOUND'],
  });
  const { staleResources } = await gqlOk(sg.url, REPORT, { reasons: ['CONTACT_GONE'] }, coordinator);
  expect(staleResources.nodes).toEqual([
    { resource: { title: 'Ansprechperson weg' }, reasons: ['CONTACT_GONE'], goneContacts: [{ id: goneContact }], referencesCheckedAt: '2026-11-26T10:00:00.000Z' },
  ]);
  // A partner the graph no longer shows keeps its last known name for the search.
  const vanished = await gqlOk(sg.url, '{ resources(filter: { search: "Aufgelöster Verein" }) { nodes { title } } }');
  expect(vanished.resources.nodes).toEqual([{ title: 'Träger verschwunden' }]);

  // The contact person is back (e.g. restored): the next refresh clears the entry.
  lookup.contacts.add(goneContact);
  await refresh();
  expect(Object.keys(await report())).not.toContain('Ansprechperson weg');
});

test('a refresh copies renamed providers into the search and current topic slugs into the resources', async () => {
  await add('Beratung am Hafen', { topicSlugs: ['frauen-und-arbeit', 'gewaltschutz'] });
  lookup.setPartner('frauenberatung-osnabrueck', PublicationStatus.PUBLISHED, 'Frauen- und Mädchenberatung Osnabrück');
  lookup.topics.set('frauen-und-arbeit', 'arbeitsmarktintegration');
  try {
    const done = await refresh();
    expect(done).toMatchObject({ topics: 1, problems: [] });
    expect(done.resourcesChanged).toBeGreaterThanOrEqual(2);
    const found = await gqlOk(sg.url, '{ resources(filter: { search: "Mädchenberatung" }) { nodes { title topics { slug } } } }');
    expect(found.resources.nodes).toEqual([{ title: 'Beratung am Hafen', topics: [{ slug: 'arbeitsmarktintegration' }, { slug: 'gewaltschutz' }] }]);
    expect((await refresh()).resourcesChanged).toBe(0); // nothing left to change
  } finally {
    lookup.setPartner('frauenberatung-osnabrueck', PublicationStatus.PUBLISHED);
    lookup.topics.delete('frauen-und-arbeit');
  }
});

test('when the graph cannot answer for contact persons, providers are still refreshed and nothing is claimed about contacts', async () => {
  const gone = stableId('contact', 'unbekannt');
  await add('Mit Kontakt', { contactIds: [gone] });
  lookup.contactsDown = true;
  const done = await refresh();
  expect(done.problems).toEqual([expect.stringContaining('contact persons')]);
  expect(await report()).toEqual({});
  const stored = await sg.ds.getRepository(Resource).findOneByOrFail({ title: 'Mit Kontakt' });
  expect(stored).toMatchObject({ providerStatus: 'PUBLISHED', missingContactIds: [], referencesCheckedAt: null });
});

test('only coordinators see the stale report and may refresh', async () => {
  const editor = await asPrincipal({ role: 'PARTNER_EDITOR', subject: 'e', partnerId: osnabrueck }, 'resources');
  for (const [headers, code] of [
    [{}, 'UNAUTHENTICATED'],
    [editor, 'FORBIDDEN'],
  ] as const) {
    expect((await gql(sg.url, REPORT, {}, headers)).errors?.[0].extensions?.code).toBe(code);
    expect((await gql(sg.url, 'mutation { refreshResourceReferences { partners } }', {}, headers)).errors?.[0].extensions?.code).toBe(code);
  }
});

test('a translation whose German text changed since is TRANSLATION_OUTDATED, with the outdated language and field; one written after the change is not', async () => {
  const changed = await add('Beratung auf Deutsch', { summary: 'Kurz' });
  const current = await add('Aktuell übersetzt', { summary: 'Kurz' });
  for (const r of [changed, current]) {
    await resourceTranslations.save(sg.ds.manager, r, 'en', { title: 'Counselling', summary: 'Short' }, null);
    await resourceTranslations.save(sg.ds.manager, r, 'ar', { title: 'استشارة' }, null);
  }
  expect(await report()).toEqual({});
  await sg.ds.query("UPDATE resource SET summary = 'Kurz und neu' WHERE id = $1", [changed.id]);
  await sg.ds.query("UPDATE resource SET title = 'Aktuell übersetzt, neu' WHERE id = $1", [current.id]);
  await resourceTranslations.save(sg.ds.manager, { ...current, title: 'Aktuell übersetzt, neu' }, 'en', { title: 'Currently translated' }, null);

  const { staleResources } = await gqlOk(
    sg.url,
    'query ($r: [StaleReason!]) { staleResources(reasons: $r, first: 10) { totalCount nodes { resource { title } reasons outdatedTranslations { language field } } } }',
    { r: ['TRANSLATION_OUTDATED'] },
    coordinator,
  );
  expect(staleResources.totalCount).toBe(2);
  expect(staleResources.nodes).toEqual([
    // The Arabic title of the renamed item was not written again; the English one was.
    { resource: { title: 'Aktuell übersetzt, neu' }, reasons: ['TRANSLATION_OUTDATED'], outdatedTranslations: [{ language: 'ar', field: 'title' }] },
    { resource: { title: 'Beratung auf Deutsch' }, reasons: ['TRANSLATION_OUTDATED'], outdatedTranslations: [{ language: 'en', field: 'summary' }] },
  ]);
  // Other reasons leave the outdated state out of the filter, and a report without filter shows it.
  expect(await report(['EXPIRED'])).toEqual({});
  expect(await report()).toEqual({ 'Aktuell übersetzt, neu': ['TRANSLATION_OUTDATED'], 'Beratung auf Deutsch': ['TRANSLATION_OUTDATED'] });
});
