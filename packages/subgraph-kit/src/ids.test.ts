import { isUuid, slugify, stableId } from './ids';

describe('slugify', () => {
  test('turns German names into stable URL-safe slugs', () => {
    expect(slugify('Männer- und Jungenarbeit')).toBe('maenner-und-jungenarbeit');
    expect(slugify('Straße der Vielfalt')).toBe('strasse-der-vielfalt');
    expect(slugify('Öffentlichkeit & Übergänge')).toBe('oeffentlichkeit-uebergaenge');
    expect(slugify('  Café Olé!  ')).toBe('cafe-ole');
  });

  test('cuts long names without a trailing dash', () => {
    const slug = slugify('a'.repeat(79) + ' bbbb');
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('stableId', () => {
  test('is deterministic, differs by kind and name, and is a valid UUID', () => {
    expect(stableId('partner', 'vnb-ev')).toBe(stableId('partner', 'vnb-ev'));
    expect(stableId('partner', 'vnb-ev')).not.toBe(stableId('event', 'vnb-ev'));
    expect(isUuid(stableId('partner', 'x'))).toBe(true);
  });
});

test('isUuid rejects what the database would refuse', () => {
  expect(isUuid('0e9b1c8e-3f57-4b7e-9a1e-9d1c2a3b4c5d')).toBe(true);
  expect(isUuid('0e9b1c8e')).toBe(false);
  expect(isUuid("' OR 1=1 --")).toBe(false);
  expect(isUuid(42)).toBe(false);
});
