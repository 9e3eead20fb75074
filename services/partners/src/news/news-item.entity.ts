import { VersionedEntity } from '@mitgen/subgraph-kit';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@Directive('@cacheControl(maxAge: 60)')
@ObjectType({ description: 'A news item about the work of a partner organisation (Neuigkeit), e.g. a new counselling offer.' })
@Entity()
export class NewsItem extends VersionedEntity {
  /** The partner the news is about; resolved by `NewsItem.partner`. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @Field({ description: 'Headline.' })
  @Column({ type: 'text' })
  title: string;

  @Field({ description: 'The news in plain text (never HTML; paragraphs separated by blank lines).' })
  @Column({ type: 'text' })
  text: string;

  @Field({ description: 'Publication date (YYYY-MM-DD). The public sees an item from this day on (Europe/Berlin).' })
  @Column({ type: 'date' })
  publishedOn: string;
}
