// The network's content languages (docs/languages.md). German is the source of every text; the
// others are translations with German as the fallback. No GraphQL or database imports here: the
// gateway reads this module too (through `runtime`), to key its response cache by language.

import { badInput } from './errors';

/** One content language: ISO 639-1 code, names, writing direction and PostgreSQL text-search configuration. */
export interface ContentLanguage {
  code: string;
  /** English name. */
  name: string;
  /** The language's own name for itself. */
  nativeName: string;
  direction: 'LTR' | 'RTL';
  /** PostgreSQL text-search configuration; `simple` where PostgreSQL has no stemmer for the language. */
  searchConfig: string;
}

/** The source language: every text exists in German, translations fall back to it. */
export const SOURCE_LANGUAGE = 'de';

/**
 * The content languages of the network, German first. Changing the list is a coordinator's decision
 * carried out as a code change (one list for every service, no service reads another's database).
 */
export const CONTENT_LANGUAGES: readonly ContentLanguage[] = [
  { code: 'de', name: 'German', nativeName: 'Deutsch', direction: 'LTR', searchConfig: 'german' },
  { code: 'en', name: 'English', nativeName: 'English', direction: 'LTR', searchConfig: 'english' },
  { code: 'ar', name: 'Arabic', nativeName: 'العربية', direction: 'RTL', searchConfig: 'arabic' },
  { code: 'fa', name: 'Persian (Farsi, Dari)', nativeName: 'فارسی', direction: 'RTL', searchConfig: 'simple' },
  { code: 'tr', name: 'Turkish', nativeName: 'Türkçe', direction: 'LTR', searchConfig: 'turkish' },
  { code: 'uk', name: 'Ukrainian', nativeName: 'Українська', direction: 'LTR', searchConfig: 'simple' },
  { code: 'ru', name: 'Russian', nativeName: 'Русский', direction: 'LTR', searchConfig: 'russian' },
  { code: 'ku', name: 'Kurdish (Kurmancî)', nativeName: 'Kurdî', direction: 'LTR', searchConfig: 'simple' },
];

const BY_CODE = new Map(CONTENT_LANGUAGES.map((l) => [l.code, l]));

/** The codes of the content languages, German first. */
export const CONTENT_LANGUAGE_CODES: readonly string[] = CONTENT_LANGUAGES.map((l) => l.code);

/** The content language with that code, or undefined. */
export function contentLanguageOf(code: string): ContentLanguage | undefined {
  return BY_CODE.get(code);
}

/**
 * A language code a client sent as an argument, normalised (`AR`, `ar-SY` → `ar`); BAD_USER_INPUT
 * listing the supported codes when it is none of the content languages.
 */
export function contentLanguage(code: string, field = 'language'): string {
  const primary = code.trim().toLowerCase().split(/[-_]/)[0];
  if (!BY_CODE.has(primary)) {
    throw badInput(`${field}: "${code.slice(0, 20)}" is not a content language; supported: ${CONTENT_LANGUAGE_CODES.join(', ')}`, field, {
      supportedLanguages: CONTENT_LANGUAGE_CODES,
    });
  }
  return primary;
}

/**
 * The content language a client asks for with an `Accept-Language` header (RFC 9110: quality values,
 * regional variants match their language); German when the header is absent, names none of the
 * content languages, or is garbage — never an error.
 */
export function negotiateLanguage(header: string | string[] | undefined): string {
  const value = (Array.isArray(header) ? header.join(',') : (header ?? '')).slice(0, 500);
  let best = SOURCE_LANGUAGE;
  let bestQ = 0;
  for (const part of value.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (!BY_CODE.has(primary)) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    // The first of equal quality wins (the client's order).
    if (q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}

/** Writing direction of a content language's text (`RTL` for Arabic and Persian). */
export function directionOf(code: string): 'LTR' | 'RTL' {
  return BY_CODE.get(code)?.direction ?? 'LTR';
}

/** PostgreSQL text-search configuration for a content language (`simple` where there is none). */
export function searchConfigOf(code: string): string {
  return BY_CODE.get(code)?.searchConfig ?? 'simple';
}
