import { contentLanguages, dependOnCacheTag, TextDirection, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Arg, Authorized, Ctx, Directive, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { addContentLanguage, removeContentLanguage } from './content-language.service';

@ObjectType({ description: 'A language the network offers its texts in (German is the source, the others are translations).' })
export class ContentLanguage {
  @Field({ description: 'ISO 639-1 code, e.g. `ar`: the value of `language` arguments and `Accept-Language`.' })
  code: string;

  @Field({ description: 'English name, e.g. `Arabic`.' })
  name: string;

  @Field({ description: 'The language’s name for itself, e.g. `العربية` (for language pickers).' })
  nativeName: string;

  @Field(() => TextDirection, { description: 'Writing direction of its texts (`RTL` for Arabic, Persian, …).' })
  direction: TextDirection;
}

/** The active list as the API shows it (this service's snapshot, reloaded after every change). */
function activeList(): ContentLanguage[] {
  return contentLanguages().map((l) =>
    Object.assign(new ContentLanguage(), { code: l.code, name: l.name, nativeName: l.nativeName, direction: l.direction === 'RTL' ? TextDirection.RTL : TextDirection.LTR }),
  );
}

@Resolver(() => ContentLanguage)
export class ContentLanguageResolver {
  // A short list (the kit's catalogue bounds it), so a plain list rather than a connection.
  @Directive('@cacheControl(maxAge: 300)')
  @Query(() => [ContentLanguage], {
    description:
      'The content languages of the network, German first: texts can be translated into them and asked for in them (`language` arguments, `Accept-Language`). Coordinators maintain the list.',
  })
  contentLanguages(): ContentLanguage[] {
    dependOnCacheTag('ContentLanguage');
    return activeList();
  }

  @Authorized('COORDINATOR')
  @Mutation(() => [ContentLanguage], {
    description:
      'Offers one more content language (coordinators only): a language the graph can handle (ISO 639-1 code; another code is BAD_USER_INPUT listing the known ones). Every service accepts it within CONTENT_LANGUAGES_REFRESH_SECONDS. Returns the new list.',
  })
  async addContentLanguage(@Arg('code', { description: 'ISO 639-1 code of the language, e.g. `ti` (Tigrinya).' }) code: string, @Ctx() ctx: SubgraphContext): Promise<ContentLanguage[]> {
    await addContentLanguage(ctx, code);
    return activeList();
  }

  @Authorized('COORDINATOR')
  @Mutation(() => [ContentLanguage], {
    description:
      'Stops offering a content language (coordinators only): its translations are kept but no longer shown or offered, and asking for it gives German. German cannot be removed (BAD_USER_INPUT). Returns the new list.',
  })
  async removeContentLanguage(@Arg('code', { description: 'ISO 639-1 code of the language.' }) code: string, @Ctx() ctx: SubgraphContext): Promise<ContentLanguage[]> {
    await removeContentLanguage(ctx, code);
    return activeList();
  }
}
