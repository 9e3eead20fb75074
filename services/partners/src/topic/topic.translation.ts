import { audit, IsPlainText, notFound, TranslatedResolver, Translations, type SubgraphContext } from '@mitgen/subgraph-kit';
import { IsOptional, MaxLength } from 'class-validator';
import { Arg, Authorized, Ctx, Field, FieldResolver, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { Topic } from './topic.entity';
import { topicBySlug } from './topic.loader';

/** Translations of a topic's name and description (`topic_translation`, docs/languages.md). */
export const topicTranslations = new Translations<Topic, 'name' | 'description'>({
  table: 'topic',
  key: 'slug',
  keyType: 'text',
  fields: ['name', 'description'],
  required: ['name'],
});

@InputType({
  description:
    'A translation of a topic’s German texts into one content language: a given text is stored (an empty one removes that field’s translation; the name cannot be empty), null or absent leaves it.',
})
export class TopicTranslationInput {
  @Field(() => String, { nullable: true, description: 'Translated display name (at most 120 characters).' })
  @IsOptional()
  @MaxLength(120)
  @IsPlainText()
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Translated description (plain text, at most 1000 characters).' })
  @IsOptional()
  @MaxLength(1000)
  @IsPlainText()
  description?: string | null;
}

async function topicToTranslate(ctx: SubgraphContext, slug: string): Promise<Topic> {
  const topic = await topicBySlug(ctx).load(slug);
  if (!topic) throw notFound('Topic');
  return topic;
}

/** A topic's texts in the requested language, and the translation mutations (coordinators). */
@Resolver(() => Topic)
export class TopicTranslationResolver extends TranslatedResolver(Topic, topicTranslations, {
  noun: 'topic',
  // Only coordinators translate topics.
  stateReaders: 'coordinators',
  mayReadState: (ctx) => ctx.principal.role === 'COORDINATOR',
}) {
  @FieldResolver(() => String, { description: 'Display name, e.g. `Gewaltschutz`, in the requested language (German where it has no translation).' })
  name(@Root() t: Topic, @Ctx() ctx: SubgraphContext) {
    return topicTranslations.text(ctx, t, 'name');
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the topic area covers, in the requested language (German where it has no translation).' })
  async description(@Root() t: Topic, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await topicTranslations.text(ctx, t, 'description')) || null;
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Topic, {
    description: 'Adds or changes the translation of a topic area into one content language (coordinators only). Unknown language or German: BAD_USER_INPUT.',
  })
  async translateTopic(
    @Arg('slug', { description: 'Slug of the topic (old slugs work too).' }) slug: string,
    @Arg('language', { description: 'Language of the translation (ISO 639-1 code of a content language other than `de`).' }) language: string,
    @Arg('input', () => TopicTranslationInput, { description: 'The translated texts.' }) input: TopicTranslationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Topic> {
    const t = await topicToTranslate(ctx, slug);
    await ctx.ds.transaction(async (tx) => {
      await topicTranslations.save(tx, t, language, input, ctx.principal.subject ?? null);
      await audit(tx, ctx, { entityType: 'Topic', entityId: t.slug, action: 'TRANSLATE', before: null, after: { language, ...input } });
    });
    return t;
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Topic, { description: 'Removes the translation of a topic area into one language (coordinators only); it then reads in German there.' })
  async removeTopicTranslation(
    @Arg('slug', { description: 'Slug of the topic (old slugs work too).' }) slug: string,
    @Arg('language', { description: 'Language of the translation to remove (ISO 639-1 code).' }) language: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Topic> {
    const t = await topicToTranslate(ctx, slug);
    await ctx.ds.transaction(async (tx) => {
      if (await topicTranslations.remove(tx, t, language)) {
        await audit(tx, ctx, { entityType: 'Topic', entityId: t.slug, action: 'REMOVE_TRANSLATION', before: { language }, after: null });
      }
    });
    return t;
  }
}
