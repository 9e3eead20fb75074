// Translations of an entity's German texts (docs/languages.md). One table per translated entity,
// `<entity>_translation`, one row per item, language and field, with a hash of the German text the
// translation was made from: when the German text changes, the hashes differ and the translation
// is `outdated`. Rows load through one DataLoader per table (one statement per list, whatever the
// number of items or languages) and are written with plain SQL, so a service needs no entity class.

import { createHash } from 'node:crypto';
import type DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, ObjectType, registerEnumType, Resolver, Root, type ClassType } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { SubgraphContext } from './context';
import { badInput, forbidden } from './errors';
import { activeContentLanguages, contentLanguage, directionOf, languageOf, searchConfigOf, SOURCE_LANGUAGE } from './languages';
import { groupByKey } from './loaders';

/** Writing direction of a text, for `dir` attributes on web pages. */
export enum TextDirection {
  LTR = 'LTR',
  RTL = 'RTL',
}

registerEnumType(TextDirection, {
  name: 'TextDirection',
  description: 'Writing direction of a text, as the HTML `dir` attribute takes it (lower-cased).',
  valuesConfig: {
    LTR: { description: 'Left to right (German, English, Turkish, Ukrainian, Russian, Kurdish in Latin script).' },
    RTL: { description: 'Right to left (Arabic, Persian).' },
  },
});

/** Hash of a German source text, stored with its translation to tell when the source changed. */
export function sourceHash(text: string | null | undefined): string {
  return createHash('sha256').update(text ?? '').digest('hex').slice(0, 32);
}

/** State of one translated field of an item, for coordinators and the owning partner. */
@Directive('@shareable')
@ObjectType({ description: 'One translated field of an item: its text and whether the German source changed since it was written.' })
export class TranslationState {
  @Field({ description: 'Language of the translation (ISO 639-1 code, e.g. `ar`).' })
  language: string;

  @Field({ description: 'The translated field, e.g. `title`.' })
  field: string;

  @Field({ description: 'The translated text.' })
  text: string;

  @Field({ description: 'True when the German text of the field changed after this translation was written: it needs a look.' })
  outdated: boolean;

  @Field({ description: 'When the translation was last written.' })
  updatedAt: Date;
}

/** A translated field whose German source changed since it was written (stale-data reports). */
@Directive('@shareable')
@ObjectType({ description: 'A translated field whose German text changed after the translation was written: it needs a translator’s look.' })
export class OutdatedTranslation {
  @Field({ description: 'Language of the translation (ISO 639-1 code, e.g. `ar`).' })
  language: string;

  @Field({ description: 'The translated field, e.g. `title`.' })
  field: string;
}

/** A stored translation of one field. */
export interface TranslationRow {
  entityId: string;
  language: string;
  field: string;
  text: string;
  sourceHash: string;
  updatedAt: Date;
}

/** How an item reads in the requested language: per-field texts with German fallback. */
export interface TranslatedView<F extends string> {
  /** The language the item is shown in: the requested one when it has a translation, else German. */
  language: string;
  /** German plus every language with at least one translated field, German first. */
  availableLanguages: string[];
  direction: TextDirection;
  /** Each field in the shown language, German where the field has no translation. */
  text: Record<F, string>;
}

/**
 * The translations of one entity type: its table, key type and translatable fields, and the
 * helpers a service's resolvers need (reading with fallback, outdated state, writing, search).
 */
export class Translations<T, F extends keyof T & string> {
  constructor(
    private readonly o: {
      /** The entity's table, e.g. `resource`; translations go to `<table>_translation`. */
      table: string;
      /** The translatable text fields (property names; also the stored `field` values). */
      fields: readonly F[];
      /** Fields that may not be translated as empty text (a title). */
      required?: readonly F[];
      /** Type of the entity's key column (`uuid` unless said otherwise). */
      keyType?: 'uuid' | 'text';
      /** The key property (`id` unless said otherwise; also its column). */
      key?: keyof T & string;
      /** Columns of fields whose column name differs from the field name (for `outdatedSql`). */
      columns?: Partial<Record<F, string>>;
    },
  ) {}

  /** Name of the translation table. */
  get table(): string {
    return `${this.o.table}_translation`;
  }

  private get keyType(): string {
    return this.o.keyType ?? 'uuid';
  }

  private keyOf(item: T): string {
    return String(item[(this.o.key ?? 'id') as keyof T]);
  }

  /** The migration's statements: the table (rows go with their item) and the index the search uses. */
  migration(keyColumn = 'id'): { up: string[]; down: string[] } {
    const t = this.table;
    return {
      up: [
        `CREATE TABLE ${t} (
           entity_id ${this.keyType} NOT NULL REFERENCES ${this.o.table}(${keyColumn}) ON UPDATE CASCADE ON DELETE CASCADE,
           language text NOT NULL CHECK (language <> '${SOURCE_LANGUAGE}'),
           field text NOT NULL,
           text text NOT NULL,
           source_hash text NOT NULL,
           search tsvector NOT NULL,
           updated_at timestamptz NOT NULL DEFAULT now(),
           updated_by text,
           PRIMARY KEY (entity_id, language, field))`,
        // Searches look up by language and words; the primary key serves the loader.
        `CREATE INDEX ${t}_search_idx ON ${t} USING gin (search)`,
      ],
      down: [`DROP TABLE ${t}`],
    };
  }

  /** The per-request loader of all translations of items by key (one statement per batch). */
  loader(ctx: { ds: DataSource; loaders: SubgraphContext['loaders'] }): DataLoader<string, TranslationRow[]> {
    return ctx.loaders.get<string, TranslationRow[]>(`${this.table}.ofEntity`, async (keys) => {
      const rows: TranslationRow[] = await ctx.ds.query(
        `SELECT entity_id::text AS "entityId", language, field, text, source_hash AS "sourceHash", updated_at AS "updatedAt"
         FROM ${this.table} WHERE entity_id = ANY($1::${this.keyType}[]) ORDER BY language, field`,
        [keys],
      );
      return groupByKey(keys, rows, (r) => r.entityId);
    });
  }

  /** The item as it reads in the request's language; German without a statement when German is asked for. */
  async view(ctx: SubgraphContext, item: T): Promise<TranslatedView<F>> {
    const german = Object.fromEntries(this.o.fields.map((f) => [f, (item[f] as string | null) ?? ''])) as Record<F, string>;
    const rows = await this.loader(ctx).load(this.keyOf(item));
    const available = new Set(rows.map((r) => r.language));
    const wanted = ctx.language;
    const mine = wanted !== SOURCE_LANGUAGE && available.has(wanted) ? rows.filter((r) => r.language === wanted) : [];
    const text = { ...german };
    for (const r of mine) if (r.field in text) text[r.field as F] = r.text;
    const language = mine.length ? wanted : SOURCE_LANGUAGE;
    return {
      language,
      // A language coordinators no longer offer keeps its stored translations, but they are not offered.
      availableLanguages: activeContentLanguages().codes.filter((c) => c === SOURCE_LANGUAGE || available.has(c)),
      direction: directionOf(language) === 'RTL' ? TextDirection.RTL : TextDirection.LTR,
      text,
    };
  }

  /** One field in the request's language (German fallback); no statement when German is asked for. */
  async text(ctx: SubgraphContext, item: T, field: F): Promise<string> {
    if (ctx.language === SOURCE_LANGUAGE) return (item[field] as string | null) ?? '';
    return (await this.view(ctx, item)).text[field];
  }

  /** Every translated field of the item with its outdated state (callers check who may see it). */
  async states(ctx: SubgraphContext, item: T): Promise<TranslationState[]> {
    const rows = await this.loader(ctx).load(this.keyOf(item));
    return rows.map((r) =>
      Object.assign(new TranslationState(), {
        language: r.language,
        field: r.field,
        text: r.text,
        updatedAt: r.updatedAt,
        outdated: r.sourceHash !== sourceHash(item[r.field as F] as string | null),
      }),
    );
  }

  /** The item's outdated translated fields (language, field), through the same loader as `states`. */
  async outdated(ctx: SubgraphContext, item: T): Promise<OutdatedTranslation[]> {
    return (await this.states(ctx, item)).filter((s) => s.outdated).map((s) => Object.assign(new OutdatedTranslation(), { language: s.language, field: s.field }));
  }

  /**
   * SQL condition: the item in `itemAlias` (its key in `keySql`) has a translated field whose
   * German text changed since (the stored hash differs from the hash of the current column), the
   * same rule as `outdated` in `states`, for stale-data reports that filter and page in SQL.
   */
  outdatedSql(itemAlias: string, keySql = `${itemAlias}.${this.o.key ?? 'id'}`): string {
    const column = (f: F) => `${itemAlias}.${this.o.columns?.[f] ?? f}`;
    const german = `CASE tr.field ${this.o.fields.map((f) => `WHEN '${f}' THEN ${column(f)}`).join(' ')} END`;
    return `EXISTS (SELECT 1 FROM ${this.table} tr WHERE tr.entity_id = ${keySql} AND tr.source_hash <> left(encode(sha256(convert_to(coalesce(${german}, ''), 'UTF8')), 'hex'), 32))`;
  }

  /**
   * Writes the given fields of the item's translation into `language` (an argument: BAD_USER_INPUT
   * for German or an unknown code). A string sets the field (an empty one removes it; a required
   * field may not be empty), null or absent leaves it. Each row stores the hash of the German text
   * it was made from.
   */
  async save(
    manager: EntityManager,
    item: T,
    languageArg: string,
    values: Partial<Record<F, string | null>>,
    actorId: string | null,
  ): Promise<void> {
    const language = contentLanguage(languageArg);
    if (language === SOURCE_LANGUAGE) throw badInput('language: German is the source text; change it with the update mutation', 'language');
    const key = this.keyOf(item);
    for (const field of this.o.fields) {
      const value = values[field];
      if (value == null) continue;
      const text = value.trim();
      if (!text) {
        if (this.o.required?.includes(field)) throw badInput(`${field} must not be empty`, field);
        await manager.query(`DELETE FROM ${this.table} WHERE entity_id = $1 AND language = $2 AND field = $3`, [key, language, field]);
        continue;
      }
      await manager.query(
        `INSERT INTO ${this.table} (entity_id, language, field, text, source_hash, search, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, to_tsvector($6::regconfig, $4), now(), $7)
         ON CONFLICT (entity_id, language, field) DO UPDATE
         SET text = EXCLUDED.text, source_hash = EXCLUDED.source_hash, search = EXCLUDED.search, updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [key, language, field, text, sourceHash(item[field] as string | null), searchConfigOf(language), actorId],
      );
    }
  }

  /** Removes the item's translation into `language` (all fields); true when there was one. */
  async remove(manager: EntityManager, item: T, languageArg: string): Promise<boolean> {
    // Also for a language no longer offered: its stored translations can still be cleared away.
    const code = languageArg.trim().toLowerCase();
    const language = languageOf(code) ? code : contentLanguage(languageArg);
    const [, count] = await manager.query(`DELETE FROM ${this.table} WHERE entity_id = $1 AND language = $2`, [this.keyOf(item), language]);
    return Number(count) > 0;
  }

  /**
   * SQL of a search in the translations: true when an item (key in `keySql`) has a translation in
   * the parameter `:lang`'s language whose words match `:query` (web search syntax) under the
   * configuration in `:config`. `rank` is ts_rank of the best matching field, 0 when none. `keys`
   * selects the keys of all such items: combine it with the German match as a union of key sets
   * (`id IN (… UNION …)`), which PostgreSQL answers from both GIN indexes; an OR of the German
   * match and `matches` makes it read every item (docs/languages.md, "Search").
   */
  searchSql(keySql: string): { matches: string; rank: string; keys: string; params: (language: string, query: string) => Record<string, string> } {
    const q = `websearch_to_tsquery(CAST(:config AS regconfig), :query)`;
    return {
      matches: `EXISTS (SELECT 1 FROM ${this.table} tr WHERE tr.entity_id = ${keySql} AND tr.language = :lang AND tr.search @@ ${q})`,
      rank: `coalesce((SELECT max(least(ts_rank(tr.search, ${q}), 1)) FROM ${this.table} tr WHERE tr.entity_id = ${keySql} AND tr.language = :lang AND tr.search @@ ${q}), 0)`,
      keys: `SELECT tr.entity_id FROM ${this.table} tr WHERE tr.search @@ ${q} AND tr.language = :lang`,
      params: (language, query) => ({ lang: language, query, config: searchConfigOf(language) }),
    };
  }
}

/** Applies a query's `language` argument to the rest of the request (BAD_USER_INPUT for an unknown code). */
export function useLanguageArgument(ctx: SubgraphContext, language: string | null | undefined): void {
  if (language != null) ctx.language = contentLanguage(language);
}

/** Description of the `language` argument of queries that return translatable items. */
export const LANGUAGE_ARGUMENT_DESCRIPTION =
  'Content language to show texts in (ISO 639-1 code of one of `contentLanguages`, e.g. de, en, ar); overrides the `Accept-Language` header, German where an item has no translation. An unknown code is BAD_USER_INPUT.';

/**
 * Base resolver that adds `language`, `availableLanguages`, `direction` and `translations` to a
 * translatable type, so every such type offers them in one shape: `@Resolver(() => Topic) class
 * TopicTranslationResolver extends TranslatedResolver(Topic, topicTranslations, { … }) {}`.
 */
export function TranslatedResolver<T extends object, F extends keyof T & string>(
  type: ClassType<T>,
  translations: Translations<T, F>,
  options: {
    /** Who may see `translations` (coordinators and the owning organisation, as the service decides; may look it up). */
    mayReadState: (ctx: SubgraphContext, item: T) => boolean | Promise<boolean>;
    /** Lower-case name of the item in descriptions, e.g. `topic`. */
    noun: string;
    /** Who may read `translations`, for its description and error (default: coordinators and editors of the owning organisation). */
    stateReaders?: string;
  },
) {
  const readers = options.stateReaders ?? 'coordinators and editors of the owning organisation';
  @Resolver(() => type)
  abstract class TranslatedResolverClass {
    @FieldResolver(() => String, {
      description: `Language the texts are shown in (ISO 639-1): the requested one when the ${options.noun} has a translation into it, else \`de\` (German, the source).`,
    })
    async language(@Root() item: T, @Ctx() ctx: SubgraphContext): Promise<string> {
      if (ctx.language === SOURCE_LANGUAGE) return SOURCE_LANGUAGE;
      return (await translations.view(ctx, item)).language;
    }

    @FieldResolver(() => [String], { description: `Languages the ${options.noun} can be read in: \`de\` (always) and every language with a translation.` })
    async availableLanguages(@Root() item: T, @Ctx() ctx: SubgraphContext): Promise<string[]> {
      return (await translations.view(ctx, item)).availableLanguages;
    }

    @FieldResolver(() => TextDirection, { description: 'Writing direction of the shown texts (`RTL` for Arabic and Persian), for the `dir` attribute.' })
    async direction(@Root() item: T, @Ctx() ctx: SubgraphContext): Promise<TextDirection> {
      if (ctx.language === SOURCE_LANGUAGE) return TextDirection.LTR;
      return (await translations.view(ctx, item)).direction;
    }

    @FieldResolver(() => [TranslationState], {
      description: `Every translated field with its text and whether the German source changed since (\`outdated\`); ${readers} only (FORBIDDEN otherwise).`,
    })
    async translations(@Root() item: T, @Ctx() ctx: SubgraphContext): Promise<TranslationState[]> {
      if (!(await options.mayReadState(ctx, item))) throw forbidden(`Only ${readers} may read the translations of a ${options.noun}`);
      return translations.states(ctx, item);
    }
  }
  return TranslatedResolverClass;
}
