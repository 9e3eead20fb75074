import { PublicationStatus, VersionedEntity } from '@mitgen/subgraph-kit';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';

export enum PartnerKind {
  ASSOCIATION = 'ASSOCIATION',
  COUNSELLING_SERVICE = 'COUNSELLING_SERVICE',
  EQUALITY_OFFICE = 'EQUALITY_OFFICE',
  MIGRANT_ORGANISATION = 'MIGRANT_ORGANISATION',
  EDUCATION_PROVIDER = 'EDUCATION_PROVIDER',
  UNIVERSITY = 'UNIVERSITY',
  PUBLIC_AUTHORITY = 'PUBLIC_AUTHORITY',
  NETWORK_COORDINATION = 'NETWORK_COORDINATION',
  OTHER = 'OTHER',
}

registerEnumType(PartnerKind, {
  name: 'PartnerKind',
  description: 'What kind of organisation a partner is.',
  valuesConfig: {
    ASSOCIATION: { description: 'Registered association or non-profit (Verein, e.V.).' },
    COUNSELLING_SERVICE: { description: 'Counselling service (Beratungsstelle).' },
    EQUALITY_OFFICE: { description: 'Municipal equality office (kommunale Gleichstellungsstelle).' },
    MIGRANT_ORGANISATION: { description: 'Migrant organisation (Migrant*innenorganisation).' },
    EDUCATION_PROVIDER: { description: 'Adult education or training provider (Bildungsträger).' },
    UNIVERSITY: { description: 'University or college.' },
    PUBLIC_AUTHORITY: { description: 'Public authority or job centre.' },
    NETWORK_COORDINATION: { description: 'The coordination office of the network (G mit Niedersachsen).' },
    OTHER: { description: 'Any other kind of organisation.' },
  },
});

@Directive('@key(fields: "id")')
@Directive('@cacheControl(maxAge: 60)')
@ObjectType({ description: 'A partner organisation of the MitGeN network (Netzwerkpartner*in).' })
@Entity()
export class Partner extends VersionedEntity {
  @Field({ description: 'Stable URL-safe name, e.g. `g-mit-niedersachsen`; usable instead of the id in `partner(slug:)`.' })
  @Index({ unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Field({ description: 'Full name of the organisation.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Short name or abbreviation, e.g. `VNB`.' })
  @Column({ type: 'text', nullable: true })
  shortName: string | null;

  @Field(() => PartnerKind, { description: 'What kind of organisation this is.' })
  @Column({ type: 'text' })
  kind: PartnerKind;

  @Field({ description: 'What the organisation does, in plain text (never HTML).' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => String, { nullable: true, description: 'Street and house number.' })
  @Column({ type: 'text', nullable: true })
  street: string | null;

  @Field(() => String, { nullable: true, description: 'German five-digit postal code.' })
  @Column({ type: 'text', nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true, description: 'City or municipality.' })
  @Column({ type: 'text', nullable: true })
  city: string | null;

  /** Official key of the partner's region; resolved by `Partner.region`. */
  @Column({ type: 'char', length: 5, nullable: true })
  regionCode: string | null;

  @Field(() => String, { nullable: true, description: 'Website (https URL).' })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true, description: 'Public contact email of the organisation.' })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'Public phone number of the organisation.' })
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field(() => [String], { description: 'Languages the organisation offers its services in (ISO 639-1 codes, e.g. `de`, `ar`, `fa`).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @Field(() => [String], { description: 'Who the organisation works for, e.g. `Frauen mit Fluchterfahrung`.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  targetGroups: string[];

  @Field(() => String, { nullable: true, description: 'URL of the logo image.' })
  @Column({ type: 'text', nullable: true })
  logoUrl: string | null;

  @Field(() => String, { nullable: true, description: 'Date the organisation joined the network (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  memberSince: string | null;

  @Field(() => PublicationStatus, {
    description: 'Draft, published or archived. The public directory lists published partners; an archived partner keeps its profile (by id, slug or reference) but not its contacts or news.',
  })
  @Column({ type: 'text', default: PublicationStatus.DRAFT })
  status: PublicationStatus;
}

/** Join rows partner ↔ topic; topics are referenced by slug. */
@Entity()
export class PartnerTopic {
  @Column({ type: 'uuid', primary: true })
  partnerId: string;

  @Column({ type: 'text', primary: true })
  topicSlug: string;
}
