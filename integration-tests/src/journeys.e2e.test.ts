import { stableId } from '@mitgen/subgraph-kit';
import { gqlOk, linksOf, waitForMail, type FiledMail } from '@mitgen/test-kit';
import { coordinatorToken, PARTNER_A } from './test/principals';
import { startStack, type TestStack } from './test/stack';

// The public's journeys on the default install (no PUBLIC_WEB_URL, no SMTP_URL): every kind of mail
// the graph sends is read from the mail folder as `.eml`, every link in it is opened, each page
// answers 200, and what the page offers (confirm, change sessions, cancel, preferences, unsubscribe)
// is done through its form and checked in the graph.

let stack: TestStack;
let origin: string;
let coordinator: Record<string, string>;
beforeAll(async () => {
  stack = await startStack({}, {}, { MAIL_WORKER: 'true' });
  // PUBLIC_API_URL of the stack: the address mails link to.
  origin = `http://127.0.0.1:${new URL(stack.url).port}`;
  coordinator = { authorization: `Bearer ${await coordinatorToken(stack.url)}` };
});
afterAll(() => stack?.stop());

interface Page {
  url: string;
  status: number;
  type: string;
  text: string;
}

async function open(url: string, init?: RequestInit): Promise<Page> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  return { url, status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** A POST form of a page: its target and the values a browser would send as they are. */
interface Form {
  action: string;
  values: [string, string][];
  /** Every checkbox of the form (checked or not), by name. */
  checkboxes: { name: string; value: string; checked: boolean }[];
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1]?.replace(/&amp;/g, '&');

function formsOf(html: string): Form[] {
  return [...html.matchAll(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/g)].map(([, action, inner]) => {
    const form: Form = { action: action.replace(/&amp;/g, '&'), values: [], checkboxes: [] };
    for (const [tag] of inner.matchAll(/<input [^>]*>/g)) {
      const name = attr(tag, 'name')!;
      const type = attr(tag, 'type');
      const value = attr(tag, 'value') ?? '';
      const checked = / checked\b/.test(tag);
      if (type === 'checkbox') form.checkboxes.push({ name, value, checked });
      if ((type === 'checkbox' || type === 'radio') && !checked) continue;
      form.values.push([name, value]);
    }
    // A select sends its selected option, else its first.
    for (const [, tag, options] of inner.matchAll(/(<select [^>]*>)([\s\S]*?)<\/select>/g)) {
      const all = [...options.matchAll(/<option [^>]*>/g)].map(([o]) => o);
      const chosen = all.find((o) => / selected\b/.test(o)) ?? all[0];
      if (chosen) form.values.push([attr(tag, 'name')!, attr(chosen, 'value') ?? '']);
    }
    return form;
  });
}

/** The form that holds a field with this name and value (e.g. `aktion=absagen`). */
function formWith(page: Page, name: string, value?: string): Form {
  const form = formsOf(page.text).find((f) => f.values.some(([n, v]) => n === name && (value === undefined || v === value)) || f.checkboxes.some((c) => c.name === name));
  if (!form) throw new Error(`no form with ${name}${value ? `=${value}` : ''} on ${page.url}:\n${page.text}`);
  return form;
}

/** Sends a form as a browser does (urlencoded), with some values replaced. */
async function submit(form: Form, replace: Record<string, string | string[]> = {}): Promise<Page> {
  const body = new URLSearchParams();
  for (const [n, v] of form.values) if (!(n in replace)) body.append(n, v);
  for (const [n, v] of Object.entries(replace)) for (const x of [v].flat()) body.append(n, x);
  const res = await open(new URL(form.action, origin).toString(), { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return res;
}

/**
 * Opens every link of a mail: links into the graph's own site must answer 200 (HTML pages, or a
 * calendar file); no link may point at any other local address (the old default, localhost:3000,
 * served nothing). Returns the pages by URL.
 */
async function followAll(mail: FiledMail): Promise<Map<string, Page>> {
  const links = linksOf(mail);
  expect(links.length).toBeGreaterThan(0);
  const pages = new Map<string, Page>();
  for (const link of links) {
    const url = new URL(link);
    if (url.origin !== origin) {
      expect([link, url.hostname]).not.toEqual([link, expect.stringMatching(/^(localhost|127\.0\.0\.1|\[::1\])$/)]);
      continue;
    }
    const page = await open(link);
    expect([link, page.status]).toEqual([link, 200]);
    expect(page.type).toMatch(/^(text\/html|text\/calendar)/);
    pages.set(link, page);
  }
  return pages;
}

/** The page of the first link whose path starts with `path`. */
function pageAt(pages: Map<string, Page>, path: string): Page {
  for (const [url, page] of pages) if (new URL(url).pathname.startsWith(path)) return page;
  throw new Error(`no link to ${path} among ${[...pages.keys()].join(', ')}`);
}

const tokenIn = (page: Page) => new URL(page.url).searchParams.get('token')!;

const nextDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

test('registration mails: confirmation, session place, waiting list, promotion, cancellation, reminder and event cancellation all link to working pages', async () => {
  const title = `Werkstatt Links ${Date.now()}`;
  const { createEvent: created } = await gqlOk(
    stack.url,
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id slug sessions { id title } } }',
    {
      i: {
        title,
        kind: 'WORKSHOP',
        startsAt: nextDays(10, 8),
        endsAt: nextDays(10, 12),
        city: 'Hannover',
        capacity: 2,
        waitlistEnabled: true,
        organizerIds: [PARTNER_A],
        sessions: [
          { title: 'Thementisch A', capacity: 1 },
          { title: 'Thementisch B', capacity: 10 },
        ],
      },
    },
    coordinator,
  );
  await gqlOk(stack.url, 'mutation ($id: ID!) { publishEvent(id: $id) { status } }', { id: created.id }, coordinator);
  const [tableA] = created.sessions;
  const eventPath = `/veranstaltungen/${created.slug}`;

  // Ada registers on the event page (the gateway's form) with table A: a seat and a confirmation.
  const eventPage = await open(origin + eventPath);
  expect(eventPage.status).toBe(200);
  expect(eventPage.text).toContain(title);
  const registered = await submit(formWith(eventPage, 'einwilligung'), { name: 'Ada Link', email: 'ada@journey.example', sitzung: tableA.id, einwilligung: 'ja' });
  expect(registered.status).toBe(200);
  expect(registered.text).toContain('Sie sind für');
  expect(registered.text).toContain('Thementisch A: Platz reserviert');

  const adaConfirmed = await waitForMail(stack.mailDir, { to: 'ada@journey.example', subject: /^Anmeldung bestätigt/ });
  const adaPages = await followAll(adaConfirmed);
  const adaManage = pageAt(adaPages, '/anmeldung');
  expect(adaManage.text).toContain('Ihr Platz ist reserviert.');
  expect(pageAt(adaPages, eventPath).text).toContain(title); // the calendar entry's link

  // Ben wants table A too: a seat at the event, a waiting place at the table.
  const ben = await gqlOk(
    stack.url,
    'mutation ($i: RegisterForEventInput!) { registerForEvent(input: $i) { status sessions { status waitlistPosition } } }',
    { i: { eventId: created.id, name: 'Ben Link', email: 'ben@journey.example', sessionIds: [tableA.id], consent: true } },
  );
  expect(ben.registerForEvent).toEqual({ status: 'CONFIRMED', sessions: [{ status: 'WAITLISTED', waitlistPosition: 1 }] });
  const benPages = await followAll(await waitForMail(stack.mailDir, { to: 'ben@journey.example', subject: /^Anmeldung bestätigt/ }));
  expect(pageAt(benPages, '/anmeldung').text).toContain('Thementisch A: Warteliste, Platz 1');

  // Cem gets a waiting place at the event.
  const cem = await submit(formWith(eventPage, 'einwilligung'), { name: 'Cem Link', email: 'cem@journey.example', einwilligung: 'ja' });
  expect(cem.text).toContain('Sie stehen auf der Warteliste');
  const cemPages = await followAll(await waitForMail(stack.mailDir, { to: 'cem@journey.example', subject: /^Warteliste/ }));
  const cemManage = pageAt(cemPages, '/anmeldung');
  expect(cemManage.text).toContain('Sie stehen auf der Warteliste.');

  // Ada gives up table A on her page: Ben moves up there and gets a mail.
  const changed = await submit(formWith(adaManage, 'aktion', 'sitzungen'), { sitzung: [] });
  expect(changed.status).toBe(200);
  expect(changed.text).toContain('Ihre Auswahl ist gespeichert.');
  const benPlace = await waitForMail(stack.mailDir, { to: 'ben@journey.example', subject: /^Platz frei: Thementisch A/ });
  expect(pageAt(await followAll(benPlace), '/anmeldung').text).toContain('Thementisch A: Platz reserviert');

  // Ada cancels on her page: she gets a receipt, Cem moves up.
  const cancelled = await submit(formWith(adaManage, 'aktion', 'absagen'));
  expect(cancelled.status).toBe(200);
  expect(cancelled.text).toContain('ist abgesagt');
  const ada = await gqlOk(stack.url, 'query ($t: String!) { registration(token: $t) { status } }', { t: tokenIn(adaManage) });
  expect(ada.registration.status).toBe('CANCELLED');
  const receipt = await waitForMail(stack.mailDir, { to: 'ada@journey.example', subject: /^Abmeldung bestätigt/ });
  expect(pageAt(await followAll(receipt), eventPath).text).toContain('Anmelden');
  const promoted = await waitForMail(stack.mailDir, { to: 'cem@journey.example', subject: /^Sie sind nachgerückt/ });
  expect(pageAt(await followAll(promoted), '/anmeldung').text).toContain('Ihr Platz ist reserviert.');

  // Cem registers again (lost the mail): a reminder with a fresh manage link.
  await submit(formWith(eventPage, 'einwilligung'), { name: 'Cem Link', email: 'cem@journey.example', einwilligung: 'ja' });
  const reminder = await waitForMail(stack.mailDir, { to: 'cem@journey.example', subject: /^Ihre Anmeldung/ });
  expect(pageAt(await followAll(reminder), '/anmeldung').text).toContain('Ihr Platz ist reserviert.');

  // The organisers call the event off: everyone registered is told, with links that still work.
  await gqlOk(stack.url, 'mutation ($id: ID!) { cancelEvent(id: $id, reason: "Krankheit") { status } }', { id: created.id }, coordinator);
  const off = await waitForMail(stack.mailDir, { to: 'ben@journey.example', subject: /^Abgesagt/ });
  expect(pageAt(await followAll(off), eventPath).text).toContain('Diese Veranstaltung wurde abgesagt.');
});

test('newsletter mails: sign-up, confirmation, preferences, an edition and unsubscribing, all through the pages the links open', async () => {
  const email = 'nora@journey.example';
  const subscriber = async () =>
    (
      await gqlOk(stack.url, 'query ($s: String!) { newsletterSubscribers(first: 1, filter: { search: $s }) { nodes { status name } } }', { s: email }, coordinator)
    ).newsletterSubscribers.nodes[0];

  // Sign up on the gateway's page.
  const signUp = await open(`${origin}/newsletter`);
  expect(signUp.status).toBe(200);
  const asked = await submit(formWith(signUp, 'email'), { email });
  expect(asked.status).toBe(200);
  expect(asked.text).toContain('Bestätigungslink');

  // The confirmation mail: opening its link confirms nothing (scanners open links); the button does.
  const confirmation = await waitForMail(stack.mailDir, { to: email, subject: /bestätigen Sie Ihre Anmeldung/ });
  const pages = await followAll(confirmation);
  expect(pageAt(pages, '/impressum').text).toContain('Impressum');
  const confirmPage = pageAt(pages, '/newsletter/confirm');
  expect((await subscriber()).status).toBe('PENDING');
  const confirmed = await submit(formWith(confirmPage, 'token'));
  expect(confirmed.status).toBe(200);
  expect(confirmed.text).toContain('Anmeldung bestätigt');
  expect((await subscriber()).status).toBe('CONFIRMED');

  // The confirmed page leads to the preferences, which save.
  const preferencesHref = confirmed.text.match(/href="(\/newsletter\/preferences\?token=[^"]+)"/)![1].replace(/&amp;/g, '&');
  const preferences = await open(origin + preferencesHref);
  expect(preferences.status).toBe(200);
  const saved = await submit(formWith(preferences, 'thema'), { name: 'Nora Link', thema: ['gewaltschutz', 'empowerment'] });
  expect(saved.status).toBe(200);
  expect(saved.text).toContain('Ihre Einstellungen sind gespeichert.');
  expect(await subscriber()).toEqual({ status: 'CONFIRMED', name: 'Nora Link' });

  // An edition with an event, a resource and a partner: every link opens.
  const editionTitle = `Journey ${Date.now()}`;
  const { createNewsletterEdition: edition } = await gqlOk(
    stack.url,
    'mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }',
    {
      i: {
        title: editionTitle,
        intro: 'Hallo',
        items: [
          { kind: 'EVENT', id: stableId('event', 'fachtag-2019') },
          { kind: 'RESOURCE', id: stableId('resource', 'Handreichung: Gleichstellung in der Migrationsgesellschaft') },
          { kind: 'PARTNER', id: stableId('partner', 'frauenberatung-osnabrueck') },
        ],
        audienceTopics: ['gewaltschutz'],
      },
    },
    coordinator,
  );
  await gqlOk(stack.url, 'mutation ($id: ID!) { sendNewsletterEdition(id: $id) { status } }', { id: edition.id }, coordinator);
  const mail = await waitForMail(stack.mailDir, { to: email, subject: new RegExp(`^MitGeN-Newsletter: ${editionTitle}`) });
  const editionPages = await followAll(mail);
  expect(pageAt(editionPages, '/veranstaltungen/fachtag-2019').text).toContain('Geschlechtergleichstellung im gesellschaftlichen Wandel');
  expect(pageAt(editionPages, '/partner/frauenberatung-osnabrueck').text).toContain('Osnabrück');
  expect(pageAt(editionPages, '/newsletter/preferences').text).toContain('Nora Link');
  // The one-click link (List-Unsubscribe) shows a button on GET; its POST unsubscribes.
  const oneClick = pageAt(editionPages, '/newsletter/unsubscribe/');
  expect(oneClick.text).toContain('Abbestellen');
  expect((await subscriber()).status).toBe('CONFIRMED');
  const left = await submit(formWith(pageAt(editionPages, '/newsletter/preferences'), 'List-Unsubscribe'));
  expect(left.status).toBe(200);
  expect(left.text).toContain('nicht mehr');
  expect((await subscriber()).status).toBe('UNSUBSCRIBED');
});

test('without a token, or with a wrong one, the pages say so in German and change nothing', async () => {
  for (const path of ['/anmeldung', '/newsletter/confirm', '/newsletter/preferences']) {
    const page = await open(origin + path);
    expect([path, page.status]).toEqual([path, 400]);
    expect(page.text).toContain('Link unvollständig');
  }
  const wrong = await open(`${origin}/anmeldung?token=gibt-es-nicht`);
  expect(wrong.status).toBe(404);
  expect(wrong.text).toContain('Link nicht gültig');
  const confirm = await submit({ action: '/newsletter/confirm', values: [['token', 'gibt-es-nicht']], checkboxes: [] });
  expect(confirm.status).toBe(404);
  expect((await open(`${origin}/veranstaltungen/gibt-es-nicht`)).status).toBe(404);
  expect((await open(`${origin}/ressourcen/keine-id`)).status).toBe(404);
});

test('the pages load nothing from other hosts and need no JavaScript', async () => {
  const res = await fetch(`${origin}/veranstaltungen`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  expect(res.headers.get('content-security-policy')).not.toMatch(/script-src/);
  const text = await res.text();
  expect(text).toMatch(/^<!doctype html>\n<html lang="de">/);
  expect(text).not.toMatch(/<script|https?:\/\//);
});

test('an edition goes out in each subscriber’s language: the Arabic mail has the Arabic translation the resources service holds, right to left; German and untranslated languages get German texts', async () => {
  const COUNSELLING = stableId('resource', 'Mehrsprachige Beratung bei häuslicher Gewalt');
  const stamp = Date.now();
  const to = (language: string) => `e2e-${language}-${stamp}@example.org`;
  // Confirmed subscribers in Arabic, German and Kurdish (the graph has no Kurdish translation of the resource).
  await stack.subgraphs.newsletter.ds.query(
    `INSERT INTO subscriber (email, status, confirmed_at, language, topic_slugs) SELECT e, 'CONFIRMED', now(), l, '{gewaltschutz}' FROM unnest($1::text[], $2::text[]) AS t(e, l)`,
    [['ar', 'de', 'ku'].map(to), ['ar', 'de', 'ku']],
  );
  const { createNewsletterEdition: e } = await gqlOk(
    stack.url,
    'mutation ($i: CreateNewsletterEditionInput!) { createNewsletterEdition(input: $i) { id } }',
    { i: { title: 'Mehrsprachig', intro: 'Neu übersetzt.', items: [{ kind: 'RESOURCE', id: COUNSELLING }], audienceTopics: ['gewaltschutz'] } },
    coordinator,
  );
  await gqlOk(stack.url, 'mutation ($id: ID!) { sendNewsletterEdition(id: $id) { status } }', { id: e.id }, coordinator);
  const subject = /^MitGeN-Newsletter: Mehrsprachig$/;
  const [ar, de, ku] = await Promise.all(['ar', 'de', 'ku'].map((l) => waitForMail(stack.mailDir, { to: to(l), subject })));
  expect(ar.html).toContain('<html lang="ar" dir="rtl">');
  expect(ar.html).toContain('استشارة متعددة اللغات في حالات العنف المنزلي');
  expect(ar.html).toContain('إلغاء الاشتراك في النشرة');
  expect(de.html).toContain('<html lang="de" dir="ltr">');
  expect(de.html).toContain('Mehrsprachige Beratung bei häuslicher Gewalt');
  expect(de.html).toContain('Newsletter abbestellen');
  expect(ku.html).toContain('<html lang="ku" dir="ltr">');
  expect(ku.html).toContain('Mehrsprachige Beratung bei häuslicher Gewalt');
  expect(ku.html).toContain('Abonetiya nûçenameyê betal bike');
});
