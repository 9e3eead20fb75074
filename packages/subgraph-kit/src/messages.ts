// Texts a service writes itself (mail subjects and bodies, page chrome) in the content languages,
// German first and the fallback for every missing key or language (docs/languages.md). i18next does
// the lookup, interpolation and plural rules (Arabic has six plural forms); this module only fixes
// the graph's settings once, so that every service falls back the same way.

import i18next, { type TFunction } from 'i18next';
import { LANGUAGE_CATALOGUE, languageOf, SOURCE_LANGUAGE } from './languages';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A service's texts: language code → key → text with `{{name}}` placeholders (plural keys: `key_one`, `key_other`, …). */
export type MessageCatalogue = Record<string, Record<string, string>>;

/** Looks up a text: in `language`, else German; `{{name}}` placeholders filled from `values` (not HTML-escaped). */
export type Messages = (language: string, key: string, values?: Record<string, unknown>) => string;

/**
 * The lookup for one catalogue. German must hold every key; a key missing in German is a programming
 * error and throws at start, not at send time.
 */
export function messageCatalogue(catalogue: MessageCatalogue): Messages {
  const german = catalogue[SOURCE_LANGUAGE];
  if (!german) throw new Error(`messageCatalogue: the catalogue has no "${SOURCE_LANGUAGE}" texts`);
  for (const [language, texts] of Object.entries(catalogue)) {
    if (!languageOf(language)) throw new Error(`messageCatalogue: "${language}" is not a content language of the catalogue`);
    const extra = Object.keys(texts).filter((key) => !(key in german) && !(key.replace(PLURAL, '_other') in german));
    if (extra.length) throw new Error(`messageCatalogue: "${language}" has keys German lacks: ${extra.join(', ')}`);
    // A plural text must have every form the language has (Arabic 11 is "many"), or i18next would fall back to German.
    const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const plurals = new Set(Object.keys(texts).filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, '')));
    for (const base of plurals) {
      const missing = forms.filter((form) => !(`${base}_${form}` in texts));
      if (missing.length) throw new Error(`messageCatalogue: "${language}" lacks plural forms of "${base}": ${missing.join(', ')}`);
    }
  }
  const instance = i18next.createInstance();
  void instance.init({
    lng: SOURCE_LANGUAGE,
    fallbackLng: SOURCE_LANGUAGE,
    supportedLngs: LANGUAGE_CATALOGUE.map((l) => l.code),
    nonExplicitSupportedLngs: true,
    initAsync: false,
    defaultNS: 'texts',
    ns: ['texts'],
    resources: Object.fromEntries(Object.entries(catalogue).map(([language, texts]) => [language, { texts }])),
    // Mails are escaped where they are built (html.ts); plain-text parts must not carry entities.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map<string, TFunction>();
  return (language, key, values) => {
    const code = languageOf(language) ? language : SOURCE_LANGUAGE;
    let t = fixed.get(code);
    if (!t) {
      t = instance.getFixedT(code, 'texts');
      fixed.set(code, t);
    }
    return t(key, values ?? {}) as string;
  };
}
