import { IsSlug, SINGLE_LINE_TEXT } from '@mitgen/subgraph-kit';
import { ArrayMaxSize, IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { SubscriberStatus } from './subscriber.entity';

const singleLine = { message: 'name must be one line of text' };

@InputType({ description: 'A newsletter sign-up, as a sign-up form sends it.' })
export class SubscribeToNewsletterInput {
  @Field({ description: 'E-mail address; a confirmation mail goes there (double opt-in). Throwaway-mail addresses are refused.' })
  @MaxLength(254)
  email: string;

  @Field(() => String, { nullable: true, description: 'Name for the greeting in newsletter mails (optional).' })
  @IsOptional()
  @MaxLength(100)
  @Matches(SINGLE_LINE_TEXT, singleLine)
  name?: string | null;

  @Field(() => [String], { nullable: true, description: 'Topics of interest (slugs from `topics`); none means everything.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsSlug({ each: true })
  topics?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Language of the newsletter and of the mails about the subscription: a content language code (`languages` in docs/languages.md: de, en, ar, fa, tr, uk, ru, ku). Absent: the language the request asks for with `Accept-Language`, else `de`. Unknown codes are refused, listing the supported ones.',
  })
  @IsOptional()
  @MaxLength(20)
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'Version of the consent text the form showed (`newsletterConsentText.version`); the current one when absent.' })
  @IsOptional()
  @MaxLength(40)
  consentTextVersion?: string | null;
}

@InputType({ description: 'Changes to a subscription’s preferences; absent fields stay as they are.' })
export class NewsletterPreferencesInput {
  @Field(() => String, { nullable: true, description: 'Name for the greeting; an empty string removes it.' })
  @IsOptional()
  @MaxLength(100)
  @Matches(SINGLE_LINE_TEXT, singleLine)
  name?: string | null;

  @Field(() => [String], { nullable: true, description: 'Topics of interest (slugs); an empty list means everything.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsSlug({ each: true })
  topics?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Language of the newsletter and of mails about the subscription: a content language code (de, en, ar, fa, tr, uk, ru, ku).' })
  @IsOptional()
  @MaxLength(20)
  language?: string | null;
}

@InputType({ description: 'Narrows the subscriber list; all given conditions must hold.' })
export class NewsletterSubscriberFilter {
  @Field(() => SubscriberStatus, { nullable: true, description: 'Only subscribers in this status.' })
  @IsOptional()
  status?: SubscriberStatus | null;

  @Field(() => String, { nullable: true, description: 'Only subscribers interested in this topic (slug); subscribers who chose no topic are not included.' })
  @IsOptional()
  @IsSlug()
  topic?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the e-mail address or name (case-insensitive).' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}
