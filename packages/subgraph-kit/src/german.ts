// German text in searches and lists, one rule for the whole graph (docs/resources.md, "Search"):
// people type "Fluechtlinge" for "Flüchtlinge", look for "Schutz" in "Gewaltschutz" and expect
// "Göttingen" before "Grafschaft Bentheim". The rule lives here twice, in TypeScript for what callers
// send and in SQL (created by each service's migrations) for what the database indexes; the kit's
// test checks that both give the same text.

/** Collation of every name and title a list is sorted by: ICU's German order (ä with a, ß with ss). */
export const GERMAN_COLLATION = 'de-x-icu';

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Folds text for matching: lower case, ä→ae, ö→oe, ü→ue, ß→ss, other accents dropped (é→e), final
 * sigma as sigma. "Flüchtlinge", "FLUECHTLINGE" and "Fluechtlinge" all become "fluechtlinge".
 * The SQL function `german_fold` of `GERMAN_SEARCH_SQL` does the same.
 */
export function foldGerman(text: string): string {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[äöüß]/g, (c) => UMLAUTS[c])
      // What is left of accents after decomposition (é, ñ, and the dot JavaScript keeps on a lower-cased İ).
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC')
      .replace(/ς/g, 'σ')
  );
}

/**
 * German stop words (PostgreSQL's `german` dictionary) that contain an umlaut or ß, folded. Folded,
 * the dictionary no longer knows them; the search text turns them into "und", a stop word it knows,
 * so that they are dropped as before and phrases keep their word distances.
 */
const FOLDED_STOP_WORDS = ['dass', 'fuer', 'koennen', 'koennte', 'ueber', 'waehrend', 'wuerde', 'wuerden'];
// [[:alnum:]] of PostgreSQL's builtin C.UTF-8 collation: alphabetic characters and ASCII digits.
const STOP_WORD = new RegExp(`(?<![\\p{Alphabetic}0-9_])(${FOLDED_STOP_WORDS.join('|')})(?![\\p{Alphabetic}0-9_])`, 'gu');

/** The text a German full-text search looks for: `foldGerman`, stop words kept as stop words (SQL: `german_search_text`). */
export function germanSearchText(text: string): string {
  return foldGerman(text).replace(STOP_WORD, 'und');
}

/** A LIKE pattern (backslash escapes) finding the folded text anywhere, for `german_fold(column) LIKE pattern`. */
export function germanContainsPattern(text: string): string {
  return `%${foldGerman(text.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * SQL of a search over a column made by `german_search_vector`, for the search text (from
 * `germanSearchText`) in the parameter `param` (web search syntax: "phrase", -word, or).
 * `matches`: whole words (German stemming) or parts of words ("Schutz" in "Gewaltschutz");
 * `wholeWords`: whole words only; `rank`: a real, every whole-word match above every part-only match.
 */
export function germanSearchSql(vector: string, param: string): { matches: string; wholeWords: string; rank: string } {
  const whole = `websearch_to_tsquery('german', ${param})`;
  const parts = `german_parts_query(${whole})`;
  // ts_rank is at most 1 (least() makes sure): whole-word matches rank in [2, 3], the others in [0, 1].
  return {
    matches: `${vector} @@ (${whole} || ${parts})`,
    wholeWords: `${vector} @@ ${whole}`,
    rank: `(CASE WHEN ${vector} @@ ${whole} THEN 2 + least(ts_rank(${vector}, ${whole}), 1) ELSE least(ts_rank(${vector}, ${parts}), 1) END)::real`,
  };
}

/**
 * The SQL side of the rule, for a migration (`up` in order, `down` to undo it). Frozen: a change of
 * the rule is a new constant and a new migration, so that older migrations stay as they ran.
 *
 * - `german_fold(text)`: `foldGerman`. `lower` under the builtin `pg_c_utf8` collation, so the result
 *   does not depend on the server's locale.
 * - `german_search_text(text)`: `germanSearchText`.
 * - `german_search_vector(text)`: the `german` configuration (stemming) over the search text, plus
 *   every ending of 4 or more letters of each word as a lexeme marked `~`, at the word's position
 *   ("gewaltschutz" also gives "~schutz", "~gewaltschutz"), so that a prefix query on the marked
 *   lexemes finds parts of compound words through the same GIN index.
 * - `german_parts_query(tsquery)`: the query for parts: each word of 4 or more letters becomes a
 *   prefix query on the marked lexemes; operators (phrases, negation, or) stay as they are.
 */
export const GERMAN_SEARCH_SQL_V1: { up: string[]; down: string[] } = {
  up: [
    `CREATE FUNCTION german_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
     RETURN translate(normalize(regexp_replace(normalize(
       replace(replace(replace(replace(lower(normalize(t, NFC) COLLATE pg_c_utf8), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
       NFD), '[\\u0300-\\u036f]', '', 'g'), NFC), 'ς', 'σ')`,
    `CREATE FUNCTION german_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
     RETURN regexp_replace(german_fold(t) COLLATE pg_c_utf8,
       '(?<![[:alnum:]_])(${FOLDED_STOP_WORDS.join('|')})(?![[:alnum:]_])', 'und', 'g')`,
    `CREATE FUNCTION german_search_vector(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
     BEGIN ATOMIC
       SELECT coalesce(string_agg(
           '''' || replace(replace(p.lexeme, '\\', '\\\\'), '''', '''''') || ''':' || array_to_string(u.positions, ','), ' ')::tsvector,
         ''::tsvector)
       FROM unnest(to_tsvector('german', german_search_text(coalesce(t, '')))) u,
         LATERAL (SELECT u.lexeme
                  UNION ALL
                  SELECT '~' || substr(u.lexeme, i) FROM generate_series(1, length(u.lexeme) - 3) i WHERE length(u.lexeme) <= 64) p(lexeme);
     END`,
    // On the text form of the query, cut into quoted lexemes ('' inside is a quote) and what lies
    // between them; lexemes of 4+ characters without quote or backslash become '~lexeme':*.
    `CREATE FUNCTION german_parts_query(q tsquery) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
     BEGIN ATOMIC
       SELECT coalesce(string_agg(
           CASE WHEN t.m[1] ~ '^''[^''\\\\]{4,}''$' THEN '''~' || substr(t.m[1], 2) || ':*' ELSE t.m[1] END, '' ORDER BY t.n),
         '')::tsquery
       FROM regexp_matches(q::text, '''(?:[^'']|'''')*''|[^'']+', 'g') WITH ORDINALITY t(m, n);
     END`,
  ],
  down: [
    'DROP FUNCTION german_parts_query(tsquery)',
    'DROP FUNCTION german_search_vector(text)',
    'DROP FUNCTION german_search_text(text)',
    'DROP FUNCTION german_fold(text)',
  ],
};
