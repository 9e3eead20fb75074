import { ContentLanguageSnapshot, contentLanguage, contentLanguages, directionOf, LANGUAGE_CATALOGUE, negotiateLanguage, searchConfigOf, SEED_CONTENT_LANGUAGES, withContentLanguages, queryLanguage } from './languages';

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

test('a snapshot starts with the seed list, takes what its source answers (German first, unknown codes left out) and keeps its list when the source fails', async () => {
  let answer: () => Promise<string[]> = async () => ['en', 'ti', 'xx', 'de', 'en'];
  const snapshot = new ContentLanguageSnapshot({ load: () => answer() });
  expect(snapshot.codes).toEqual(SEED_CONTENT_LANGUAGES);
  expect(await snapshot.refresh()).toBe(true);
  expect(snapshot.codes).toEqual(['de', 'en', 'ti']);
  answer = async () => {
    throw new Error('the graph is down');
  };
  expect(await snapshot.refresh()).toBe(false);
  expect(snapshot.codes).toEqual(['de', 'en', 'ti']);
});

test('checks read the snapshot in scope: a language added there is accepted and negotiated, a removed one is not; direction and search configuration come from the catalogue', () => {
  const snapshot = new ContentLanguageSnapshot();
  snapshot.replace(['de', 'ti', 'ps']);
  withContentLanguages(snapshot, () => {
    expect(contentLanguage('TI')).toBe('ti');
    expect(negotiateLanguage('ps-AF,ar;q=0.9')).toBe('ps');
    expect(negotiateLanguage('ar')).toBe('de');
    expect(() => contentLanguage('ar')).toThrow(/supported: de, ti, ps/);
    expect(contentLanguages().map((l) => l.nativeName)).toEqual(['Deutsch', 'ትግርኛ', 'پښتو']);
  });
  // Outside the scope: the process's snapshot (the seed list here).
  expect(contentLanguage('ar')).toBe('ar');
  expect(negotiateLanguage('ps', snapshot)).toBe('ps');
  expect(['ps', 'ar', 'ro', 'ti'].map((c) => [directionOf(c), searchConfigOf(c)])).toEqual([
    ['RTL', 'simple'],
    ['RTL', 'arabic'],
    ['LTR', 'romanian'],
    ['LTR', 'simple'],
  ]);
});

test('the catalogue holds each code once, German first, with a search configuration', () => {
  const codes = LANGUAGE_CATALOGUE.map((l) => l.code);
  expect(new Set(codes).size).toBe(codes.length);
  expect(codes[0]).toBe('de');
  for (const code of SEED_CONTENT_LANGUAGES) expect(codes).toContain(code);
  for (const l of LANGUAGE_CATALOGUE) expect(l.code).toMatch(/^[a-z]{2}$/);
});

test('queryLanguage: German without ?lang=, the active language with it, an error naming the codes otherwise', () => {
  const snapshot = new ContentLanguageSnapshot();
  snapshot.replace(['de', 'en', 'ar']);
  withContentLanguages(snapshot, () => {
    expect(queryLanguage(undefined)).toEqual({ language: 'de', asked: false });
    expect(queryLanguage('AR-sy')).toEqual({ language: 'ar', asked: true });
    expect(queryLanguage('tr')).toEqual({ error: 'lang: "tr" is not a content language; supported: de, en, ar' });
    expect(queryLanguage(['en', 'ar'])).toHaveProperty('error');
    expect(queryLanguage('')).toHaveProperty('error');
  });
});
