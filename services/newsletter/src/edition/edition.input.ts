import { IsPlainText, IsSlug, IsWebUrl } from '@mitgen/subgraph-kit';
import { ArrayMaxSize, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EditionItemKind, EditionStatus } from './edition.entity';

/** Largest number of items in one edition (keeps one edition one readable mail). */
export const MAX_ITEMS = 30;

@InputType({ description: 'One item of an edition: a reference to an event, resource or partner, or free text.' })
export class NewsletterItemInput {
  @Field(() => EditionItemKind, { description: 'What the item shows.' })
  kind: EditionItemKind;

  @Field(() => ID, { nullable: true, description: 'Id of the event, resource or partner (required for those kinds).' })
  @IsOptional()
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'Heading: required for TEXT; replaces the record’s own title otherwise.' })
  @IsOptional()
  @MaxLength(200)
  @IsPlainText()
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Text (plain; blank lines separate paragraphs): the body of a TEXT item, a short note under a referenced record.' })
  @IsOptional()
  @MaxLength(5000)
  @IsPlainText()
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'Link of a TEXT item (https URL).' })
  @IsOptional()
  @IsWebUrl()
  url?: string | null;
}

@InputType({ description: 'A new newsletter edition (created as a draft).' })
export class CreateNewsletterEditionInput {
  @Field({ description: 'Title (also the mail subject after “MitGeN-Newsletter: ”).' })
  @MinLength(3)
  @MaxLength(200)
  @IsPlainText()
  title: string;

  @Field(() => String, { nullable: true, description: 'Introductory text (plain text; blank lines separate paragraphs).' })
  @IsOptional()
  @MaxLength(10000)
  @IsPlainText()
  intro?: string | null;

  @Field(() => [NewsletterItemInput], { nullable: true, description: `Items in order (at most ${MAX_ITEMS}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  items?: NewsletterItemInput[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Topics (slugs) the edition is for: it goes to confirmed subscribers who chose one of them or chose no topic. Empty or absent: every confirmed subscriber.',
  })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsSlug({ each: true })
  audienceTopics?: string[] | null;
}

@InputType({ description: 'Changes to a draft or scheduled edition; absent fields stay as they are.' })
export class UpdateNewsletterEditionInput {
  @Field(() => Int, { description: 'The `version` you read; a concurrent change makes the update fail with CONFLICT instead of being overwritten.' })
  version: number;

  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOptional()
  @MinLength(3)
  @MaxLength(200)
  @IsPlainText()
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New introductory text.' })
  @IsOptional()
  @MaxLength(10000)
  @IsPlainText()
  intro?: string | null;

  @Field(() => [NewsletterItemInput], { nullable: true, description: 'New items (replace all items).' })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  items?: NewsletterItemInput[] | null;

  @Field(() => [String], { nullable: true, description: 'New audience topics (slugs); an empty list means every confirmed subscriber.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsSlug({ each: true })
  audienceTopics?: string[] | null;
}

@InputType({ description: 'Narrows the list of editions.' })
export class NewsletterEditionFilter {
  @Field(() => EditionStatus, { nullable: true, description: 'Only editions in this status.' })
  @IsOptional()
  status?: EditionStatus | null;
}

@ObjectType({ description: 'How far the sending of an edition got (counted from the mail outbox).' })
export class NewsletterDelivery {
  @Field(() => Int, { description: 'Recipients: counted when sending started, exact once every mail is queued; 0 before sending.' })
  total: number;

  @Field(() => Int, { description: 'Mails queued in the outbox so far.' })
  queued: number;

  @Field(() => Int, { description: 'Mails the mail server accepted.' })
  sent: number;

  @Field(() => Int, { description: 'Mails that failed for good after all retries.' })
  failed: number;

  @Field(() => Int, { description: 'Queued mails still waiting (or being retried).' })
  pending: number;
}

@ObjectType({ description: 'An edition rendered as subscribers will receive it (with a sample name and sample links).' })
export class NewsletterPreview {
  @Field({ description: 'Mail subject.' })
  subject: string;

  @Field({ description: 'HTML part of the mail.' })
  html: string;

  @Field({ description: 'Plain-text part of the mail.' })
  text: string;

  @Field(() => [String], { description: 'Items that cannot be shown (missing or not public); an edition with problems cannot be sent or scheduled.' })
  problems: string[];
}
