import { VersionedEntity } from '@mitgen/subgraph-kit';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@Directive('@key(fields: "id")')
@Directive('@cacheControl(maxAge: 60)')
@ObjectType({
  description:
    'A contact person (Ansprechperson) of a partner organisation, e.g. the counsellor responsible for a topic area. Email and phone are shown to the public only where marked public; coordinators and editors of the partner see them always.',
})
@Entity()
export class ContactPerson extends VersionedEntity {
  /** The partner the person works for; resolved by `ContactPerson.partner`. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @Field({ description: 'Full name, e.g. `Aylin Demir`.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Role or position, e.g. `Beraterin` or `Projektleitung`.' })
  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Area of responsibility (Zuständigkeit), e.g. `Beratung für geflüchtete Frauen, Gruppenangebote`.',
  })
  @Column({ type: 'text', nullable: true })
  areaOfResponsibility: string | null;

  /** Shown by the `email` field resolver only to those who may see it. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** Shown by the `phone` field resolver only to those who may see it. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field({ description: 'True when the public may see this contact person at all (with its partner published); false: only coordinators and the partner.' })
  @Column({ type: 'boolean', default: true })
  isPublic: boolean;

  @Field({ description: 'True when the public may see the email address.' })
  @Column({ type: 'boolean', default: false })
  emailPublic: boolean;

  @Field({ description: 'True when the public may see the phone number.' })
  @Column({ type: 'boolean', default: false })
  phonePublic: boolean;

  @Field(() => [String], { description: 'Languages the person counsels or answers in (ISO 639-1 codes, e.g. `de`, `ar`).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];
}

/** Join rows contact person ↔ topic; topics are referenced by slug. */
@Entity()
export class ContactPersonTopic {
  @Column({ type: 'uuid', primary: true })
  contactPersonId: string;

  @Column({ type: 'text', primary: true })
  topicSlug: string;
}
