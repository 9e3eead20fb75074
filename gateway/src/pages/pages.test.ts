import { parse, validate } from 'graphql';
import { apiSchema } from '../compose';
import { html, paragraphs, safeUrl } from './html';
import { PAGE_OPERATIONS } from './queries';
import { eventView, preferencesView, subscribeView } from './views';

test('every operation of the pages is valid against the committed supergraph', () => {
  const schema = apiSchema();
  for (const [name, query] of Object.entries(PAGE_OPERATIONS)) {
    expect([name, validate(schema, parse(query)).map((e) => e.message)]).toEqual([name, []]);
  }
});

test('values are escaped, nested HTML is kept, and only http(s) links pass', () => {
  const name = '<script>alert(1)</script>"&';
  expect(html`<p title="${name}">${name}</p>${html`<b>ok</b>`}`.value).toBe(
    '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;</p><b>ok</b>',
  );
  expect(paragraphs('a<b>\n\nzwei\nZeilen').value).toBe('<p>a&lt;b&gt;</p>\n<p>zwei<br>Zeilen</p>');
  expect(safeUrl('javascript:alert(1)')).toBeNull();
  expect(safeUrl('https://example.org/x')).toBe('https://example.org/x');
});

test('an event page asks for consent and labels every field of its form', () => {
  const { body } = eventView({
    id: 'e1',
    slug: 'fachtag',
    title: 'Fachtag <Test>',
    kind: 'FACHTAG',
    startsAt: '2027-09-10T08:00:00.000Z',
    endsAt: '2027-09-10T14:30:00.000Z',
    venueName: 'Pavillon',
    city: 'Hannover',
    online: false,
    status: 'PUBLISHED',
    registrationState: 'OPEN',
    description: 'Text',
    seatsLeft: 3,
    organizers: [{ name: 'VNB e.V.', slug: 'vnb-ev' }, null],
    topics: [],
    programme: [],
    sessions: [{ id: 's1', title: 'Thementisch 1', description: '', startsAt: null, endsAt: null, room: null, seatsLeft: 0 }],
    documentation: [],
  });
  expect(body.value).toContain('Freitag, 10. September 2027, 10:00–16:30 Uhr');
  expect(body.value).toContain('<a href="/partner/vnb-ev">VNB e.V.</a>');
  expect(body.value).toMatch(/<input type="checkbox" name="einwilligung" value="ja" required>/);
  // Every input sits inside its label.
  const inputs = body.value.match(/<input [^>]*>/g)!;
  const labelled = body.value.match(/<label>[^<]*<input [^>]*>/g)!;
  expect(labelled.length).toBe(inputs.length);
  expect(body.value).toContain('Thementisch 1 – ausgebucht');
});

test('the newsletter pages offer every content language by its own name, the current or browser language selected', () => {
  const prefs = preferencesView('t0k', { email: 'a@example.org', name: null, language: 'ar', status: 'CONFIRMED', topics: [] }, []).body.value;
  expect(prefs.match(/<option [^>]*>[^<]*<\/option>/g)).toEqual([
    '<option value="de" lang="de">Deutsch</option>',
    '<option value="en" lang="en">English</option>',
    '<option value="ar" lang="ar" selected>العربية</option>',
    '<option value="fa" lang="fa">فارسی</option>',
    '<option value="tr" lang="tr">Türkçe</option>',
    '<option value="uk" lang="uk">Українська</option>',
    '<option value="ru" lang="ru">Русский</option>',
    '<option value="ku" lang="ku">Kurdî</option>',
  ]);
  expect(prefs).toContain('<select name="sprache">');
  const signUp = subscribeView({ version: 'v1', text: 'Einwilligung' }, [], undefined, '', 'uk').body.value;
  expect(signUp).toContain('<option value="uk" lang="uk" selected>Українська</option>');
  // A stored code that is no content language shows German.
  expect(preferencesView('t0k', { email: 'a@example.org', language: 'fr', status: 'CONFIRMED', topics: [] }, []).body.value).toContain('<option value="de" lang="de" selected>Deutsch</option>');
});
