import { messageCatalogue } from './messages';

const t = messageCatalogue({
  de: { confirmed: 'Anmeldung bestätigt: {{title}}', waiting_one: '{{count}} Person wartet', waiting_other: '{{count}} Personen warten', only: 'Nur Deutsch' },
  ar: { confirmed: 'تم تأكيد التسجيل: {{title}}', waiting_one: 'شخص واحد ينتظر', waiting_two: 'شخصان ينتظران', waiting_few: '{{count}} أشخاص ينتظرون', waiting_many: '{{count}} شخصًا ينتظرون', waiting_zero: 'لا أحد ينتظر', waiting_other: '{{count}} شخص ينتظرون' },
  en: { confirmed: 'Registration confirmed: {{title}}' },
});

describe('messageCatalogue', () => {
  it('answers in the asked language and fills placeholders without escaping', () => {
    expect(t('en', 'confirmed', { title: 'Fachtag <2027>' })).toBe('Registration confirmed: Fachtag <2027>');
    expect(t('ar', 'confirmed', { title: 'Fachtag' })).toBe('تم تأكيد التسجيل: Fachtag');
  });

  it('falls back to German for a missing key, a language without texts and an unknown code', () => {
    expect(t('en', 'only')).toBe('Nur Deutsch');
    expect(t('uk', 'confirmed', { title: 'X' })).toBe('Anmeldung bestätigt: X');
    expect(t('xx', 'confirmed', { title: 'X' })).toBe('Anmeldung bestätigt: X');
  });

  it("uses each language's plural rules", () => {
    expect(t('de', 'waiting', { count: 1 })).toBe('1 Person wartet');
    expect(t('de', 'waiting', { count: 3 })).toBe('3 Personen warten');
    expect(t('ar', 'waiting', { count: 2 })).toBe('شخصان ينتظران');
    expect(t('ar', 'waiting', { count: 5 })).toBe('5 أشخاص ينتظرون');
    expect(t('ar', 'waiting', { count: 11 })).toBe('11 شخصًا ينتظرون');
    expect(t('ar', 'waiting', { count: 100 })).toBe('100 شخص ينتظرون');
  });

  it('refuses a catalogue without German, with a non-content language, or with keys German lacks', () => {
    expect(() => messageCatalogue({ en: { a: 'A' } })).toThrow(/no "de"/);
    expect(() => messageCatalogue({ de: { a: 'A' }, xx: { a: 'A' } })).toThrow(/not a content language/);
    expect(() => messageCatalogue({ de: { a: 'A' }, en: { b: 'B' } })).toThrow(/German lacks: b/);
    expect(() => messageCatalogue({ de: { n_one: 'eins', n_other: 'viele' }, ar: { n_one: 'واحد', n_other: 'كثير' } })).toThrow(/lacks plural forms of "n": few, many, two, zero/);
  });
});
