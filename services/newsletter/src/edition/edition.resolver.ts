import { AuditEntryConnection, auditLog, badInput, Connection, PageArgs } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { NewsletterContext } from '../context';
import { EventRef } from '../event/event.reference';
import { PartnerRef } from '../partner/partner.reference';
import { ResourceRef } from '../resource/resource.reference';
import { TopicRef } from '../topic/topic.reference';
import { Edition, EditionItemKind, type EditionItemData } from './edition.entity';
import { CreateNewsletterEditionInput, NewsletterDelivery, NewsletterEditionFilter, NewsletterPreview, UpdateNewsletterEditionInput } from './edition.input';
import { deliveryOf } from './edition.loader';
import {
  createEdition,
  deleteEdition,
  editionById,
  listEditions,
  previewEdition,
  scheduleEdition,
  sendEdition,
  unscheduleEdition,
  updateEdition,
} from './edition.service';
import { MAX_SUGGESTIONS, NewsletterSuggestions, suggest } from './suggestion';

@ObjectType({ description: 'One item of an edition, in order.' })
export class NewsletterItem {
  @Field(() => EditionItemKind, { description: 'What the item shows.' })
  kind: EditionItemKind;

  @Field(() => EventRef, { nullable: true, description: 'The event, for EVENT items.' })
  event: EventRef | null;

  @Field(() => ResourceRef, { nullable: true, description: 'The resource, for RESOURCE items.' })
  resource: ResourceRef | null;

  @Field(() => PartnerRef, { nullable: true, description: 'The partner, for PARTNER items.' })
  partner: PartnerRef | null;

  @Field(() => String, { nullable: true, description: 'Heading of a TEXT item, or the heading that replaces the record’s title.' })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'Body of a TEXT item, or the note under a record.' })
  text: string | null;

  @Field(() => String, { nullable: true, description: 'Link of a TEXT item.' })
  url: string | null;
}

@ObjectType({ description: 'A page of newsletter editions, newest first.' })
export class NewsletterEditionConnection extends Connection(Edition) {}

const itemOf = (i: EditionItemData): NewsletterItem => ({
  kind: i.kind,
  event: i.kind === EditionItemKind.EVENT && i.refId ? EventRef.of(i.refId) : null,
  resource: i.kind === EditionItemKind.RESOURCE && i.refId ? ResourceRef.of(i.refId) : null,
  partner: i.kind === EditionItemKind.PARTNER && i.refId ? PartnerRef.of(i.refId) : null,
  title: i.title ?? null,
  text: i.text ?? null,
  url: i.url ?? null,
});

const idArg = { description: 'Id of the edition.' };

/** Editions: composing, previewing, scheduling and sending (coordinators only). */
@Resolver(() => Edition)
export class EditionResolver {
  @Authorized('COORDINATOR')
  @Query(() => NewsletterEditionConnection, { description: 'Newsletter editions, newest first (coordinators only).' })
  newsletterEditions(
    @Arg('filter', () => NewsletterEditionFilter, { nullable: true, description: 'Conditions the editions must meet.' }) filter: NewsletterEditionFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: NewsletterContext,
  ) {
    return listEditions(ctx, filter ?? {}, page);
  }

  @Authorized('COORDINATOR')
  @Query(() => Edition, { nullable: true, description: 'One edition by id (coordinators only).' })
  newsletterEdition(@Arg('id', () => ID, idArg) id: string, @Ctx() ctx: NewsletterContext) {
    return editionById(ctx, id);
  }

  @Authorized('COORDINATOR')
  @Query(() => NewsletterSuggestions, {
    description: 'What is new since the last sent edition (upcoming events and resources added), by topic, read through the graph (coordinators only).',
  })
  newsletterSuggestions(
    @Arg('since', () => Date, { nullable: true, description: 'Suggest records created after this time instead of after the last sent edition.' }) since: Date | null,
    @Arg('first', () => Int, { defaultValue: 10, description: `Largest number of events and of resources per topic (1 to ${MAX_SUGGESTIONS}).` }) first: number,
    @Ctx() ctx: NewsletterContext,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > MAX_SUGGESTIONS) throw badInput(`first must be between 1 and ${MAX_SUGGESTIONS}`, 'first');
    return suggest(ctx, since, first);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Edition, { description: 'Creates a draft edition (coordinators only).' })
  createNewsletterEdition(
    @Arg('input', () => CreateNewsletterEditionInput, { description: 'Title, intro, items and audience.' }) input: CreateNewsletterEditionInput,
    @Ctx() ctx: NewsletterContext,
  ) {
    return createEdition(ctx, input);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Edition, { description: 'Changes a draft or scheduled edition (coordinators only); CONFLICT when it changed since `version`.' })
  updateNewsletterEdition(
    @Arg('id', () => ID, idArg) id: string,
    @Arg('input', () => UpdateNewsletterEditionInput, { description: 'The changes and the version they apply to.' }) input: UpdateNewsletterEditionInput,
    @Ctx() ctx: NewsletterContext,
  ) {
    return updateEdition(ctx, id, input);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => ID, { description: 'Deletes a draft or scheduled edition (coordinators only); returns its id.' })
  deleteNewsletterEdition(@Arg('id', () => ID, idArg) id: string, @Ctx() ctx: NewsletterContext) {
    return deleteEdition(ctx, id);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Edition, { description: 'Schedules an edition to be sent automatically at `sendAt` (coordinators only); refused while items have problems.' })
  scheduleNewsletterEdition(
    @Arg('id', () => ID, idArg) id: string,
    @Arg('sendAt', () => Date, { description: 'When to send (UTC, in the future).' }) sendAt: Date,
    @Ctx() ctx: NewsletterContext,
  ) {
    return scheduleEdition(ctx, id, sendAt);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Edition, { description: 'Takes a scheduled edition back to draft (coordinators only).' })
  unscheduleNewsletterEdition(@Arg('id', () => ID, idArg) id: string, @Ctx() ctx: NewsletterContext) {
    return unscheduleEdition(ctx, id);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Edition, {
    description:
      'Sends an edition now to its audience (coordinators only): freezes it and queues one mail per recipient. Calling it again (double click) changes nothing; no subscriber ever gets an edition twice.',
  })
  sendNewsletterEdition(@Arg('id', () => ID, idArg) id: string, @Ctx() ctx: NewsletterContext) {
    return sendEdition(ctx, id);
  }

  @FieldResolver(() => [NewsletterItem], { description: `Items in order (at most 30).` })
  items(@Root() e: Edition): NewsletterItem[] {
    return e.items.map(itemOf);
  }

  @FieldResolver(() => [TopicRef], { description: 'Topics the edition is for; empty: every confirmed subscriber.' })
  audienceTopics(@Root() e: Edition): TopicRef[] {
    return e.audienceTopicSlugs.map(TopicRef.of);
  }

  @FieldResolver(() => NewsletterDelivery, { description: 'Sending progress: total, queued, sent, failed, pending.' })
  async delivery(@Root() e: Edition, @Ctx() ctx: NewsletterContext): Promise<NewsletterDelivery> {
    const counts = await deliveryOf(ctx).load(e.id);
    return { total: e.recipientsTotal ?? 0, ...counts };
  }

  @FieldResolver(() => NewsletterPreview, {
    description:
      'The mail as subscribers in a language get it, with a sample name and links: rendered through the graph for drafts, the frozen mail once sending started (German where the edition was not rendered in that language). Reads the graph: ask for it on one edition at a time.',
  })
  preview(
    @Root() e: Edition,
    @Ctx() ctx: NewsletterContext,
    @Arg('language', () => String, { nullable: true, description: 'Content language of the mail (de, en, ar, fa, tr, uk, ru, ku); German when absent.' }) language?: string | null,
  ) {
    return previewEdition(ctx, e, language ?? undefined);
  }

  @FieldResolver(() => AuditEntryConnection, { description: 'Who created, changed, scheduled and sent this edition, newest first.' })
  auditLog(@Root() e: Edition, @Args() page: PageArgs, @Ctx() ctx: NewsletterContext) {
    return auditLog(ctx, 'NewsletterEdition', e.id, page);
  }
}
