import { contentLanguage, directionOf, negotiateLanguage, searchConfigOf } from './languages';

test('Accept-Language picks the best content language by quality; German when none or garbage', () => {
  expect(negotiateLanguage('ar-SY,ar;q=0.9,de;q=0.5')).toBe('ar');
  expect(negotiateLanguage('fr-FR,fr;q=0.9,uk;q=0.8,en;q=0.7')).toBe('uk');
  expect(negotiateLanguage('en;q=0.4, fa;q=0.6')).toBe('fa');
  expect(negotiateLanguage('TR')).toBe('tr');
  expect(negotiateLanguage(undefined)).toBe('de');
  expect(negotiateLanguage('')).toBe('de');
  expect(negotiateLanguage('fr, it')).toBe('de');
  expect(negotiateLanguage('%%%;q=x,,,;;')).toBe('de');
  expect(negotiateLanguage('en;q=0')).toBe('de');
});

test('a language argument is normalised, an unknown code is BAD_USER_INPUT listing the supported ones', () => {
  expect(contentLanguage(' AR ')).toBe('ar');
  expect(contentLanguage('ku-Latn')).toBe('ku');
  let error: any;
  try {
    contentLanguage('xx');
  } catch (e) {
    error = e;
  }
  expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'language', supportedLanguages: ['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ku'] });
});

test('Arabic and Persian are written right to left; languages without a PostgreSQL stemmer search with `simple`', () => {
  expect(['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ku'].map(directionOf)).toEqual(['LTR', 'LTR', 'RTL', 'RTL', 'LTR', 'LTR', 'LTR', 'LTR']);
  expect(['ar', 'fa', 'uk', 'ku', 'xx'].map(searchConfigOf)).toEqual(['arabic', 'simple', 'simple', 'simple', 'simple']);
});
