import { LoaderRegistry, SOURCE_LANGUAGE, Translations, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { Event } from './event.entity';

// An event's translatable texts (docs/languages.md), apart from the resolvers so that feeds and
// mails can read them without importing GraphQL code.

/** Translations of an event's title and description (`event_translation`, docs/languages.md). */
export const eventTranslations = new Translations<Event, 'title' | 'description'>({
  table: 'event',
  fields: ['title', 'description'],
  required: ['title'],
});

/** An event's texts as the request's language shows them (German per field where there is no translation). */
export async function eventTexts(ctx: SubgraphContext, event: Event): Promise<{ title: string; description: string; language: string }> {
  // German needs no statement.
  if (ctx.language === SOURCE_LANGUAGE) return { title: event.title, description: event.description, language: SOURCE_LANGUAGE };
  const view = await eventTranslations.view(ctx, event);
  return { ...view.text, language: view.language };
}

/** An event's title and description in one language, and which language each turned out in (German where untranslated). */
export interface EventTexts {
  title: string;
  description: string;
  /** The requested language (for the texts the service writes itself around them). */
  language: string;
  titleLanguage: string;
  descriptionLanguage: string;
}

/**
 * Title and description of events in `language` outside a GraphQL request (feeds, mails), field by
 * field with German fallback: one statement for all the events (none for German).
 */
export async function eventTextsIn(ds: DataSource, events: readonly Event[], language: string): Promise<Map<string, EventTexts>> {
  const german = (e: Event): EventTexts => ({ title: e.title, description: e.description, language, titleLanguage: SOURCE_LANGUAGE, descriptionLanguage: SOURCE_LANGUAGE });
  if (language === SOURCE_LANGUAGE) return new Map(events.map((e) => [e.id, german(e)]));
  const loader = eventTranslations.loader({ ds, loaders: new LoaderRegistry() });
  const rows = await loader.loadMany(events.map((e) => e.id));
  return new Map(
    events.map((e, i) => {
      const texts = german(e);
      const mine = rows[i];
      if (mine instanceof Error) throw mine;
      for (const r of mine) {
        if (r.language !== language) continue;
        if (r.field === 'title') Object.assign(texts, { title: r.text, titleLanguage: language });
        if (r.field === 'description') Object.assign(texts, { description: r.text, descriptionLanguage: language });
      }
      return [e.id, texts];
    }),
  );
}
