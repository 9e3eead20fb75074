import { PublicationStatus, PublishableEntity } from '@mitgen/subgraph-kit';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

export enum ResourceKind {
  COUNSELLING = 'COUNSELLING',
  COURSE = 'COURSE',
  HOTLINE = 'HOTLINE',
  PUBLICATION = 'PUBLICATION',
  FUNDING_PROGRAMME = 'FUNDING_PROGRAMME',
  MATERIAL = 'MATERIAL',
  PROJECT = 'PROJECT',
  INFORMATION = 'INFORMATION',
}

registerEnumType(ResourceKind, {
  name: 'ResourceKind',
  description: 'What kind of offer or information a resource is.',
  valuesConfig: {
    COUNSELLING: { description: 'Counselling offer (Beratungsangebot).' },
    COURSE: { description: 'Course, training or workshop series.' },
    HOTLINE: { description: 'Telephone or chat hotline.' },
    PUBLICATION: { description: 'Brochure, study or handout.' },
    FUNDING_PROGRAMME: { description: 'Funding programme (Förderprogramm).' },
    MATERIAL: { description: 'Working material for practitioners.' },
    PROJECT: { description: 'Project of a partner.' },
    INFORMATION: { description: 'General information.' },
  },
});

export enum ResourceFormat {
  ONLINE = 'ONLINE',
  IN_PERSON = 'IN_PERSON',
  HYBRID = 'HYBRID',
}

registerEnumType(ResourceFormat, {
  name: 'ResourceFormat',
  description: 'How an offer takes place.',
  valuesConfig: {
    ONLINE: { description: 'Online only.' },
    IN_PERSON: { description: 'In person only.' },
    HYBRID: { description: 'Online and in person.' },
  },
});

@Directive('@key(fields: "id")')
@Directive('@cacheControl(maxAge: 60)')
@ObjectType({
  description:
    'An entry of the resource pool (Ressourcenpool): a current offer (Angebot) or a piece of information, provided by a partner.',
})
@Entity()
export class Resource extends PublishableEntity({
  status: 'Draft, published or archived; the public sees published resources only.',
  publishedAt: 'When the resource was first published (sort order "newest"); null while a draft.',
}) {
  @Field({ description: 'Title of the offer or information, in the requested language (German where it has no translation).' })
  @Column({ type: 'text' })
  title: string;

  @Field({ description: 'One or two sentences for lists and teasers (plain text), in the requested language (German where it has no translation).' })
  @Column({ type: 'text', default: '' })
  summary: string;

  @Field({
    description: 'Full description (plain text, paragraphs separated by blank lines), in the requested language (German where it has no translation).',
  })
  @Column({ type: 'text', default: '' })
  body: string;

  @Field(() => ResourceKind, { description: 'Kind of offer or information.' })
  @Column({ type: 'text' })
  kind: ResourceKind;

  /** Partner providing the resource (owned by the partners service). */
  @Column({ type: 'uuid' })
  providerId: string;

  /** Slugs of topics (owned by the partners service). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topicSlugs: string[];

  @Field(() => [String], { description: 'Who the offer is for, e.g. `Frauen mit Fluchterfahrung`.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  targetGroups: string[];

  @Field(() => [String], { description: 'Languages the offer is available in (ISO 639-1 codes).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  /** Official keys of the regions the offer serves; empty when statewide. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regionCodes: string[];

  @Field({ description: 'True when the offer serves all of Lower Saxony (then it matches every region filter).' })
  @Column({ type: 'boolean', default: false })
  statewide: boolean;

  @Field(() => ResourceFormat, { nullable: true, description: 'Online, in person or hybrid.' })
  @Column({ type: 'text', nullable: true })
  format: ResourceFormat | null;

  @Field({ description: 'True when taking part costs nothing.' })
  @Column({ type: 'boolean', default: true })
  freeOfCharge: boolean;

  @Field(() => String, { nullable: true, description: 'Costs in words, when not free of charge.' })
  @Column({ type: 'text', nullable: true })
  cost: string | null;

  @Field(() => String, { nullable: true, description: 'Notes on accessibility (Barrierefreiheit).' })
  @Column({ type: 'text', nullable: true })
  accessibility: string | null;

  @Field(() => String, { nullable: true, description: 'Where to find out more (https URL).' })
  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: 'First day the offer is valid (YYYY-MM-DD); open-ended when null.' })
  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Field(() => String, { nullable: true, description: 'Last day the offer is valid (YYYY-MM-DD); open-ended when null.' })
  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  /** Contact persons (owned by the partners service). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  contactIds: string[];

  @Field(() => Date, {
    nullable: true,
    description: 'When an editor last confirmed the entry is up to date (set on creation and by `markResourceReviewed`); coordinators see entries not reviewed for 12 months in `staleResources`.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  lastReviewedAt: Date | null;

  /** Copy of the provider's name from the graph, for the full-text search (see docs/resources.md). */
  @Column({ type: 'text', default: '' })
  providerName: string;

  /** The provider's status as the graph last showed it; null when it showed none (or never asked). */
  @Column({ type: 'text', nullable: true })
  providerStatus: PublicationStatus | null;

  /** Contact persons the graph did not know at the last check (for the stale report). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  missingContactIds: string[];

  /** When provider and contacts were last checked through the graph; null when never. */
  @Column({ type: 'timestamptz', nullable: true })
  referencesCheckedAt: Date | null;
}
