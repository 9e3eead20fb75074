// The network's content languages (docs/languages.md). German is the source of every text; the
// others are translations with German as the fallback. The kit knows the *catalogue* of languages
// the software can handle; which of them the network offers (the *active list*) is coordinators'
// data, kept by the partners service, and every process holds a snapshot of it (refreshed through
// the graph), so that checking a code stays synchronous and costs no round trip. No GraphQL or
// database imports here: the gateway reads this module too (through `runtime`).

import { AsyncLocalStorage } from 'node:async_hooks';
import { badInput } from './errors';
import type { Logger } from './logger';

/** One language the software can handle: ISO 639-1 code, names, writing direction and PostgreSQL text-search configuration. */
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

const L = (code: string, name: string, nativeName: string, searchConfig = 'simple', direction: 'LTR' | 'RTL' = 'LTR'): ContentLanguage => ({
  code,
  name,
  nativeName,
  direction,
  searchConfig,
});

/**
 * Every language coordinators can make a content language: the languages PostgreSQL has a stemmer
 * for and the common languages of migration in Germany (`simple` search where there is no stemmer).
 * Adding one here is a code change; offering it is a coordinator's decision (`addContentLanguage`).
 */
export const LANGUAGE_CATALOGUE: readonly ContentLanguage[] = [
  L('de', 'German', 'Deutsch', 'german'),
  L('en', 'English', 'English', 'english'),
  L('ar', 'Arabic', 'العربية', 'arabic', 'RTL'),
  L('fa', 'Persian (Farsi, Dari)', 'فارسی', 'simple', 'RTL'),
  L('tr', 'Turkish', 'Türkçe', 'turkish'),
  L('uk', 'Ukrainian', 'Українська'),
  L('ru', 'Russian', 'Русский', 'russian'),
  L('ku', 'Kurdish (Kurmancî)', 'Kurdî'),
  // Common languages of migration and refuge in Germany.
  L('ti', 'Tigrinya', 'ትግርኛ'),
  L('so', 'Somali', 'Soomaali'),
  L('ps', 'Pashto', 'پښتو', 'simple', 'RTL'),
  L('ur', 'Urdu', 'اردو', 'simple', 'RTL'),
  L('am', 'Amharic', 'አማርኛ'),
  L('sq', 'Albanian', 'Shqip'),
  L('ro', 'Romanian', 'Română', 'romanian'),
  L('pl', 'Polish', 'Polski'),
  L('bg', 'Bulgarian', 'Български'),
  L('sr', 'Serbian', 'Srpski', 'serbian'),
  L('hr', 'Croatian', 'Hrvatski'),
  L('bs', 'Bosnian', 'Bosanski'),
  L('mk', 'Macedonian', 'Македонски'),
  L('el', 'Greek', 'Ελληνικά', 'greek'),
  L('hu', 'Hungarian', 'Magyar', 'hungarian'),
  L('cs', 'Czech', 'Čeština'),
  L('sk', 'Slovak', 'Slovenčina'),
  L('vi', 'Vietnamese', 'Tiếng Việt'),
  L('zh', 'Chinese', '中文'),
  L('ka', 'Georgian', 'ქართული'),
  L('hy', 'Armenian', 'Հայերեն', 'armenian'),
  L('az', 'Azerbaijani', 'Azərbaycanca'),
  L('he', 'Hebrew', 'עברית', 'simple', 'RTL'),
  L('hi', 'Hindi', 'हिन्दी', 'hindi'),
  L('ta', 'Tamil', 'தமிழ்', 'tamil'),
  L('ne', 'Nepali', 'नेपाली', 'nepali'),
  L('id', 'Indonesian', 'Bahasa Indonesia', 'indonesian'),
  L('yi', 'Yiddish', 'ייִדיש', 'yiddish', 'RTL'),
  // Further languages PostgreSQL has a stemmer for.
  L('es', 'Spanish', 'Español', 'spanish'),
  L('fr', 'French', 'Français', 'french'),
  L('it', 'Italian', 'Italiano', 'italian'),
  L('pt', 'Portuguese', 'Português', 'portuguese'),
  L('nl', 'Dutch', 'Nederlands', 'dutch'),
  L('da', 'Danish', 'Dansk', 'danish'),
  L('sv', 'Swedish', 'Svenska', 'swedish'),
  L('no', 'Norwegian', 'Norsk', 'norwegian'),
  L('fi', 'Finnish', 'Suomi', 'finnish'),
  L('lt', 'Lithuanian', 'Lietuvių', 'lithuanian'),
  L('eu', 'Basque', 'Euskara', 'basque'),
  L('ca', 'Catalan', 'Català', 'catalan'),
  L('ga', 'Irish', 'Gaeilge', 'irish'),
];

const CATALOGUE = new Map(LANGUAGE_CATALOGUE.map((l) => [l.code, l]));

/** The content languages the network starts with, German first (the seed of the active list). */
export const SEED_CONTENT_LANGUAGES: readonly string[] = ['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ku'];

/** The catalogue entry of a language code, or undefined (also for languages that are not offered). */
export function languageOf(code: string): ContentLanguage | undefined {
  return CATALOGUE.get(code);
}

/** The primary language subtag of a code or tag, lower-cased (`ar-SY` → `ar`). */
function primaryOf(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0];
}

/**
 * A process's copy of the active list (German first, then in the coordinators' order), replaced
 * as a whole by `refresh`: from the graph (`contentLanguageSource`), falling back to the seed list
 * while nothing answered yet. Reads are synchronous.
 */
export class ContentLanguageSnapshot {
  private list: readonly string[] = SEED_CONTENT_LANGUAGES;
  private set = new Set(SEED_CONTENT_LANGUAGES);
  private timer?: NodeJS.Timeout;
  private running = false;
  private loaded = false;

  constructor(
    private readonly o: {
      /** Reads the active codes (the graph's `contentLanguages`, or the partners service's table). */
      load?: () => Promise<string[]>;
      /** Milliseconds between refreshes. */
      refreshMs?: number;
      log?: Logger;
      /** Who holds the snapshot (in log lines). */
      holder?: string;
    } = {},
  ) {}

  /** The active codes, German first. */
  get codes(): readonly string[] {
    return this.list;
  }

  /** Whether the code is an active content language. */
  has(code: string): boolean {
    return this.set.has(code);
  }

  /** Replaces the list; codes outside the catalogue are left out, German is always first. */
  replace(codes: readonly string[]): void {
    const known = codes.filter((c) => c !== SOURCE_LANGUAGE && CATALOGUE.has(c));
    this.list = [SOURCE_LANGUAGE, ...new Set(known)];
    this.set = new Set(this.list);
  }

  /** Loads the list once more; keeps the current one (and says so in the log) when the source cannot answer. */
  async refresh(): Promise<boolean> {
    if (!this.o.load) return false;
    try {
      this.replace(await this.o.load());
      this.loaded = true;
      return true;
    } catch (e) {
      this.o.log?.warn({ err: (e as Error).message }, `[${this.o.holder ?? 'languages'}] could not load the content languages; keeping ${this.list.join(', ')}`);
      return false;
    }
  }

  /** Loads now and every `refreshMs` (every 5 s at most until the first load succeeded); the timer does not keep the process alive. */
  start(): this {
    if (!this.o.load || this.running) return this;
    this.running = true;
    const every = this.o.refreshMs ?? 60_000;
    const next = () => {
      if (!this.running) return;
      this.timer = setTimeout(() => void this.refresh().then(next), this.loaded ? every : Math.min(every, 5_000));
      this.timer.unref();
    };
    void this.refresh().then(next);
    return this;
  }

  /** Stops refreshing. */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }
}

// The snapshot of the process (a service or the gateway); requests of a subgraph run with their
// service's snapshot (several services share a process in tests).
let processSnapshot = new ContentLanguageSnapshot();
const scope = new AsyncLocalStorage<ContentLanguageSnapshot>();

/** Makes `snapshot` the one `contentLanguage()`/`negotiateLanguage()` read outside a request scope (a service's at its start). */
export function useContentLanguageSnapshot(snapshot: ContentLanguageSnapshot): void {
  processSnapshot = snapshot;
}

/** Runs `fn` (a request) with `snapshot` as the active list. */
export function withContentLanguages<T>(snapshot: ContentLanguageSnapshot, fn: () => T): T {
  return scope.run(snapshot, fn);
}

/** The snapshot of the active list in effect here (the request's service, else the process's). */
export function activeContentLanguages(): ContentLanguageSnapshot {
  return scope.getStore() ?? processSnapshot;
}

/** The active content languages with their catalogue entries, German first. */
export function contentLanguages(): ContentLanguage[] {
  return activeContentLanguages().codes.map((c) => CATALOGUE.get(c)!);
}

/** The active content language with that code, or undefined. */
export function contentLanguageOf(code: string): ContentLanguage | undefined {
  return activeContentLanguages().has(code) ? CATALOGUE.get(code) : undefined;
}

/**
 * A language code a client sent as an argument, normalised (`AR`, `ar-SY` → `ar`); BAD_USER_INPUT
 * listing the supported codes when it is none of the active content languages.
 */
export function contentLanguage(code: string, field = 'language'): string {
  const primary = primaryOf(code);
  const active = activeContentLanguages();
  if (!active.has(primary)) {
    throw badInput(`${field}: "${code.slice(0, 20)}" is not a content language; supported: ${active.codes.join(', ')}`, field, {
      supportedLanguages: [...active.codes],
    });
  }
  return primary;
}

/**
 * The content language a feed or page asks for with `?lang=` (Express's parsed query value; `ar-SY`
 * counts as `ar`): German when absent (`asked` false), else the language, else an error message
 * naming the supported codes for an HTTP 400 (also for an empty or repeated parameter).
 */
export function queryLanguage(value: unknown): { language: string; asked: boolean } | { error: string } {
  if (value === undefined) return { language: SOURCE_LANGUAGE, asked: false };
  const active = activeContentLanguages();
  const primary = typeof value === 'string' ? primaryOf(value) : '';
  if (active.has(primary)) return { language: primary, asked: true };
  return { error: `lang: "${String(value).slice(0, 20)}" is not a content language; supported: ${active.codes.join(', ')}` };
}

/**
 * The content language a client asks for with an `Accept-Language` header (RFC 9110: quality values,
 * regional variants match their language); German when the header is absent, names none of the
 * active content languages, or is garbage — never an error.
 */
export function negotiateLanguage(header: string | string[] | undefined, active: ContentLanguageSnapshot = activeContentLanguages()): string {
  const value = (Array.isArray(header) ? header.join(',') : (header ?? '')).slice(0, 500);
  let best = SOURCE_LANGUAGE;
  let bestQ = 0;
  for (const part of value.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (!active.has(primary)) continue;
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

/** Writing direction of a language's text (`RTL` for Arabic, Persian, …); from the catalogue, so stored texts of a language no longer offered keep theirs. */
export function directionOf(code: string): 'LTR' | 'RTL' {
  return CATALOGUE.get(code)?.direction ?? 'LTR';
}

/** PostgreSQL text-search configuration for a language (`simple` where there is none); from the catalogue. */
export function searchConfigOf(code: string): string {
  return CATALOGUE.get(code)?.searchConfig ?? 'simple';
}

/** The source of a snapshot that reads the active list through the graph (the partners service answers `contentLanguages`). */
export function contentLanguagesThroughGraph(graph: { query<T>(query: string): Promise<T> }): () => Promise<string[]> {
  return async () => {
    const data = await graph.query<{ contentLanguages: { code: string }[] }>('query ContentLanguageSnapshot { contentLanguages { code } }');
    return data.contentLanguages.map((l) => l.code);
  };
}
