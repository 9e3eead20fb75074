import { audit, isUuid, notFound, TranslatedResolver } from '@mitgen/subgraph-kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { EventsContext } from '../context';
import { eventTransaction } from '../registration/capacity';
import { assertOrganiser, isOrganiser } from './event.access';
import { Event } from './event.entity';
import { EventTranslationInput } from './event.input';
import { eventById, organizerIdsOf } from './event.loader';
import { eventTranslations } from './event.texts';

/** The event to translate: NOT_FOUND when there is none, then the organiser check (as for changing it). */
export async function eventToTranslate(ctx: EventsContext, id: string): Promise<Event> {
  const event = isUuid(id) ? await eventById(ctx).load(id) : null;
  if (!event) throw notFound('Event');
  assertOrganiser(ctx, await organizerIdsOf(ctx).load(event.id));
  return event;
}

/** Texts of an event in the requested language, and the translation mutations. */
@Resolver(() => Event)
export class EventTranslationResolver extends TranslatedResolver(Event, eventTranslations, {
  noun: 'event',
  mayReadState: async (ctx, e) => isOrganiser(ctx, await organizerIdsOf(ctx).load(e.id)),
}) {
  @FieldResolver(() => String, { description: 'Title of the event, in the requested language (German where it has no translation).' })
  title(@Root() e: Event, @Ctx() ctx: EventsContext) {
    return eventTranslations.text(ctx, e, 'title');
  }

  @FieldResolver(() => String, { description: 'Description in plain text, in the requested language (German where it has no translation).' })
  description(@Root() e: Event, @Ctx() ctx: EventsContext) {
    return eventTranslations.text(ctx, e, 'description');
  }

  @Authorized()
  @Mutation(() => Event, {
    description:
      'Adds or changes the translation of an event into one content language (coordinators; editors of an organising partner). Unknown language or German: BAD_USER_INPUT. The answer shows the event in the request’s language; ask for `translations` to see the stored texts.',
  })
  async translateEvent(
    @Arg('id', () => ID, { description: 'Id of the event.' }) id: string,
    @Arg('language', { description: 'Language of the translation (ISO 639-1 code of a content language other than `de`).' }) language: string,
    @Arg('input', () => EventTranslationInput, { description: 'The translated texts.' }) input: EventTranslationInput,
    @Ctx() ctx: EventsContext,
  ): Promise<Event> {
    const event = await eventToTranslate(ctx, id);
    await eventTransaction(ctx, event.id, async (tx) => {
      await eventTranslations.save(tx, event, language, input, ctx.principal.subject ?? null);
      await audit(tx, ctx, { entityType: 'Event', entityId: event.id, action: 'TRANSLATE', before: null, after: { language, ...input } });
    });
    return event;
  }

  @Authorized()
  @Mutation(() => Event, {
    description: 'Removes the translation of an event into one language (coordinators; editors of an organising partner); the event then reads in German there.',
  })
  async removeEventTranslation(
    @Arg('id', () => ID, { description: 'Id of the event.' }) id: string,
    @Arg('language', { description: 'Language of the translation to remove (ISO 639-1 code).' }) language: string,
    @Ctx() ctx: EventsContext,
  ): Promise<Event> {
    const event = await eventToTranslate(ctx, id);
    await eventTransaction(ctx, event.id, async (tx) => {
      if (await eventTranslations.remove(tx, event, language)) {
        await audit(tx, ctx, { entityType: 'Event', entityId: event.id, action: 'REMOVE_TRANSLATION', before: { language }, after: null });
      }
    });
    return event;
  }
}
