import { actsFor, assertActsFor, audit, isUuid, notFound, TranslatedResolver, Translations, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Resource } from './resource.entity';
import { ResourceTranslationInput } from './resource.input';

/** Translations of a resource's title, summary and body (`resource_translation`, docs/languages.md). */
export const resourceTranslations = new Translations<Resource, 'title' | 'summary' | 'body'>({
  table: 'resource',
  fields: ['title', 'summary', 'body'],
  required: ['title'],
});

/** The resource to translate: NOT_FOUND when there is none, FORBIDDEN when it is another organisation's. */
async function resourceToTranslate(ctx: SubgraphContext, id: string): Promise<Resource> {
  const r = isUuid(id) ? await ctx.ds.getRepository(Resource).findOneBy({ id }) : null;
  if (!r) throw notFound('Resource');
  assertActsFor(ctx, r.providerId);
  return r;
}

/** Texts of a resource in the requested language, and the translation mutations. */
@Resolver(() => Resource)
export class ResourceTranslationResolver extends TranslatedResolver(Resource, resourceTranslations, { noun: 'resource', mayReadState: (ctx, r) => actsFor(ctx, r.providerId) }) {
  @FieldResolver(() => String, { description: 'Title of the offer or information, in the requested language (German where it has no translation).' })
  title(@Root() r: Resource, @Ctx() ctx: SubgraphContext) {
    return resourceTranslations.text(ctx, r, 'title');
  }

  @FieldResolver(() => String, { description: 'One or two sentences for lists and teasers (plain text), in the requested language (German where it has no translation).' })
  summary(@Root() r: Resource, @Ctx() ctx: SubgraphContext) {
    return resourceTranslations.text(ctx, r, 'summary');
  }

  @FieldResolver(() => String, {
    description: 'Full description (plain text, paragraphs separated by blank lines), in the requested language (German where it has no translation).',
  })
  body(@Root() r: Resource, @Ctx() ctx: SubgraphContext) {
    return resourceTranslations.text(ctx, r, 'body');
  }

  @Authorized()
  @Mutation(() => Resource, {
    description:
      'Adds or changes the translation of a resource of your organisation (coordinators: any) into one content language. Unknown language or German: BAD_USER_INPUT. The answer shows the resource in the request’s language; ask for `translations` to see the stored texts.',
  })
  async translateResource(
    @Arg('id', () => ID, { description: 'Id of the resource.' }) id: string,
    @Arg('language', { description: 'Language of the translation (ISO 639-1 code of a content language other than `de`).' }) language: string,
    @Arg('input', () => ResourceTranslationInput, { description: 'The translated texts.' }) input: ResourceTranslationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Resource> {
    const r = await resourceToTranslate(ctx, id);
    await ctx.ds.transaction(async (tx) => {
      await resourceTranslations.save(tx, r, language, input, ctx.principal.subject ?? null);
      await audit(tx, ctx, { entityType: 'Resource', entityId: r.id, action: 'TRANSLATE', before: null, after: { language, ...input } });
    });
    return r;
  }

  @Authorized()
  @Mutation(() => Resource, {
    description: 'Removes the translation of a resource of your organisation (coordinators: any) into one language; the resource then reads in German there.',
  })
  async removeResourceTranslation(
    @Arg('id', () => ID, { description: 'Id of the resource.' }) id: string,
    @Arg('language', { description: 'Language of the translation to remove (ISO 639-1 code).' }) language: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Resource> {
    const r = await resourceToTranslate(ctx, id);
    await ctx.ds.transaction(async (tx) => {
      if (await resourceTranslations.remove(tx, r, language)) {
        await audit(tx, ctx, { entityType: 'Resource', entityId: r.id, action: 'REMOVE_TRANSLATION', before: { language }, after: null });
      }
    });
    return r;
  }
}
