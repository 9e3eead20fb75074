import { actsFor, assertActsFor, audit, IsPlainText, isUuid, notFound, TranslatedResolver, Translations, type SubgraphContext } from '@mitgen/subgraph-kit';
import { IsOptional, MaxLength } from 'class-validator';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { Partner } from './partner.entity';
import { partnerById } from './partner.loader';

/** Translations of a partner profile's description (`partner_translation`, docs/languages.md). */
export const partnerTranslations = new Translations<Partner, 'description'>({ table: 'partner', fields: ['description'] });

@InputType({ description: 'A translation of a partner profile into one content language: a given text is stored (an empty one removes it), null or absent leaves it.' })
export class PartnerTranslationInput {
  @Field(() => String, { nullable: true, description: 'Translated description of what the organisation does (plain text, at most 5000 characters).' })
  @IsOptional()
  @MaxLength(5000)
  @IsPlainText()
  description?: string | null;
}

async function partnerToTranslate(ctx: SubgraphContext, id: string): Promise<Partner> {
  const p = isUuid(id) ? await partnerById(ctx).load(id) : null;
  if (!p) throw notFound('Partner');
  assertActsFor(ctx, p.id);
  return p;
}

/** A partner profile's description in the requested language, and the translation mutations. */
@Resolver(() => Partner)
export class PartnerTranslationResolver extends TranslatedResolver(Partner, partnerTranslations, { noun: 'partner profile', mayReadState: (ctx, p) => actsFor(ctx, p.id) }) {
  @FieldResolver(() => String, { description: 'What the organisation does, in plain text (never HTML), in the requested language (German where it has no translation).' })
  description(@Root() p: Partner, @Ctx() ctx: SubgraphContext) {
    return partnerTranslations.text(ctx, p, 'description');
  }

  @Authorized()
  @Mutation(() => Partner, {
    description: 'Adds or changes the translation of a partner profile into one content language (coordinators; editors for their own organisation). Unknown language or German: BAD_USER_INPUT.',
  })
  async translatePartner(
    @Arg('id', () => ID, { description: 'Id of the partner.' }) id: string,
    @Arg('language', { description: 'Language of the translation (ISO 639-1 code of a content language other than `de`).' }) language: string,
    @Arg('input', () => PartnerTranslationInput, { description: 'The translated texts.' }) input: PartnerTranslationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Partner> {
    const p = await partnerToTranslate(ctx, id);
    await ctx.ds.transaction(async (tx) => {
      await partnerTranslations.save(tx, p, language, input, ctx.principal.subject ?? null);
      await audit(tx, ctx, { entityType: 'Partner', entityId: p.id, action: 'TRANSLATE', before: null, after: { language, ...input } });
    });
    return p;
  }

  @Authorized()
  @Mutation(() => Partner, { description: 'Removes the translation of a partner profile into one language (coordinators; editors for their own organisation).' })
  async removePartnerTranslation(
    @Arg('id', () => ID, { description: 'Id of the partner.' }) id: string,
    @Arg('language', { description: 'Language of the translation to remove (ISO 639-1 code).' }) language: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Partner> {
    const p = await partnerToTranslate(ctx, id);
    await ctx.ds.transaction(async (tx) => {
      if (await partnerTranslations.remove(tx, p, language)) {
        await audit(tx, ctx, { entityType: 'Partner', entityId: p.id, action: 'REMOVE_TRANSLATION', before: { language }, after: null });
      }
    });
    return p;
  }
}
