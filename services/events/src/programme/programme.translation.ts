import { audit, isUuid, notFound, TranslatedResolver, Translations } from '@mitgen/subgraph-kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { EventsContext } from '../context';
import { assertOrganiser, isOrganiser } from '../event/event.access';
import { organizerIdsOf } from '../event/event.loader';
import { eventTransaction, lockEvent } from '../registration/capacity';
import { ProgrammeItem } from './programme.entity';
import { ProgrammeItemTranslationInput } from './programme.input';

/** Translations of programme item titles (`programme_item_translation`, docs/languages.md). */
export const programmeItemTranslations = new Translations<ProgrammeItem, 'title'>({
  table: 'programme_item',
  fields: ['title'],
  required: ['title'],
});

/**
 * Carries the translations of an event's programme over when `updateEvent` writes the programme
 * anew (its items get new ids): an item keeps the translations of an old item with the same German
 * title. Call with the old items' translations read before they were deleted.
 */
export async function keptProgrammeTranslations(tx: EntityManager, eventId: string): Promise<(tx: EntityManager) => Promise<void>> {
  const t = programmeItemTranslations.table;
  const rows: unknown[] = await tx.query(
    `SELECT p.title, tr.language, tr.field, tr.text, tr.source_hash, tr.search::text AS search, tr.updated_at, tr.updated_by
       FROM ${t} tr JOIN programme_item p ON p.id = tr.entity_id WHERE p.event_id = $1`,
    [eventId],
  );
  return async (after) => {
    if (!rows.length) return;
    await after.query(
      `INSERT INTO ${t} (entity_id, language, field, text, source_hash, search, updated_at, updated_by)
       SELECT p.id, x.language, x.field, x.text, x.source_hash, x.search::tsvector, x.updated_at, x.updated_by
         FROM programme_item p
         JOIN json_to_recordset($2::json) AS x(title text, language text, field text, text text, source_hash text, search text, updated_at timestamptz, updated_by text)
           ON x.title = p.title
        WHERE p.event_id = $1
       ON CONFLICT DO NOTHING`,
      [eventId, JSON.stringify(rows)],
    );
  };
}

/** The programme item to translate: NOT_FOUND when there is none, then the organiser check of its event. */
async function itemToTranslate(ctx: EventsContext, id: string): Promise<ProgrammeItem> {
  const item = isUuid(id) ? await ctx.ds.getRepository(ProgrammeItem).findOneBy({ id }) : null;
  if (!item) throw notFound('ProgrammeItem');
  assertOrganiser(ctx, await organizerIdsOf(ctx).load(item.eventId));
  return item;
}

/**
 * Runs a translation change of an item under its event's lock (`updateEvent` writes the programme
 * anew under the same lock): NOT_FOUND when the item went meanwhile.
 */
async function underEventLock(ctx: EventsContext, item: ProgrammeItem, work: (tx: EntityManager, current: ProgrammeItem) => Promise<void>): Promise<ProgrammeItem> {
  return eventTransaction(ctx, item.eventId, async (tx) => {
    await lockEvent(tx, item.eventId);
    const current = await tx.getRepository(ProgrammeItem).findOneBy({ id: item.id });
    if (!current) throw notFound('ProgrammeItem');
    await work(tx, current);
    return current;
  });
}

/** Titles of programme items in the requested language, and the translation mutations. */
@Resolver(() => ProgrammeItem)
export class ProgrammeItemTranslationResolver extends TranslatedResolver(ProgrammeItem, programmeItemTranslations, {
  noun: 'programme item',
  mayReadState: async (ctx, item) => isOrganiser(ctx, await organizerIdsOf(ctx).load(item.eventId)),
}) {
  @FieldResolver(() => String, { description: 'Title, e.g. `Keynote: Geschlechtergleichstellung im Wandel`, in the requested language (German where it has no translation).' })
  title(@Root() item: ProgrammeItem, @Ctx() ctx: EventsContext) {
    return programmeItemTranslations.text(ctx, item, 'title');
  }

  @Authorized()
  @Mutation(() => ProgrammeItem, {
    description:
      'Adds or changes the translation of a programme item’s title into one content language (coordinators; editors of an organising partner of its event). Unknown language, German or an empty title: BAD_USER_INPUT. Replacing the programme with `updateEvent` keeps the translations of items whose German title stays the same.',
  })
  async translateProgrammeItem(
    @Arg('id', () => ID, { description: 'Id of the programme item.' }) id: string,
    @Arg('language', { description: 'Language of the translation (ISO 639-1 code of a content language other than `de`).' }) language: string,
    @Arg('input', () => ProgrammeItemTranslationInput, { description: 'The translated title.' }) input: ProgrammeItemTranslationInput,
    @Ctx() ctx: EventsContext,
  ): Promise<ProgrammeItem> {
    const item = await itemToTranslate(ctx, id);
    return underEventLock(ctx, item, async (tx, current) => {
      await programmeItemTranslations.save(tx, current, language, input, ctx.principal.subject ?? null);
      await audit(tx, ctx, { entityType: 'Event', entityId: current.eventId, action: 'TRANSLATE', before: null, after: { programmeItemId: current.id, language, ...input } });
    });
  }

  @Authorized()
  @Mutation(() => ProgrammeItem, {
    description: 'Removes the translation of a programme item’s title into one language (coordinators; editors of an organising partner of its event).',
  })
  async removeProgrammeItemTranslation(
    @Arg('id', () => ID, { description: 'Id of the programme item.' }) id: string,
    @Arg('language', { description: 'Language of the translation to remove (ISO 639-1 code).' }) language: string,
    @Ctx() ctx: EventsContext,
  ): Promise<ProgrammeItem> {
    const item = await itemToTranslate(ctx, id);
    return underEventLock(ctx, item, async (tx, current) => {
      if (await programmeItemTranslations.remove(tx, current, language)) {
        await audit(tx, ctx, {
          entityType: 'Event',
          entityId: current.eventId,
          action: 'REMOVE_TRANSLATION',
          before: { programmeItemId: current.id, language },
          after: null,
        });
      }
    });
  }
}
