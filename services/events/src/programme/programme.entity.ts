import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ProgrammeItemKind {
  WELCOME = 'WELCOME',
  KEYNOTE = 'KEYNOTE',
  TALK = 'TALK',
  PANEL = 'PANEL',
  THEME_TABLES = 'THEME_TABLES',
  SPEED_DATING = 'SPEED_DATING',
  BREAK = 'BREAK',
  OTHER = 'OTHER',
}

registerEnumType(ProgrammeItemKind, {
  name: 'ProgrammeItemKind',
  description: 'Kind of item in the programme of an event.',
  valuesConfig: {
    WELCOME: { description: 'Welcome and opening (Begrüßung).' },
    KEYNOTE: { description: 'Keynote talk.' },
    TALK: { description: 'Talk or input.' },
    PANEL: { description: 'Panel discussion.' },
    THEME_TABLES: { description: 'Theme tables (Thementische): parallel small rounds; the tables themselves are the event’s sessions.' },
    SPEED_DATING: { description: 'Speed-dating of network projects: projects present themselves in short rounds.' },
    BREAK: { description: 'Break, lunch or coffee.' },
    OTHER: { description: 'Anything else.' },
  },
});

/** Someone who speaks or hosts in a programme item (stored as JSON inside the item). */
@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType('ProgrammeSpeaker', { description: 'A speaker or host of a programme item.' })
export class Speaker {
  @Field({ description: 'Name as printed in the programme, e.g. `Prof. Dr. Maria Beispiel`.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Affiliation as printed in the programme, e.g. `Universität Göttingen`.' })
  affiliation: string | null;

  /** Id of the speaker's partner organisation in the network, if any. */
  partnerId: string | null;

  /** The event of the programme (set when read, for the consent check); not stored. */
  eventId?: string;
}

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'One item of the programme of an event: time, title, kind and who speaks.' })
@Entity()
export class ProgrammeItem {
  @Field(() => ID, { description: 'Stable unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Field({ description: 'Start (UTC, ISO 8601).' })
  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Field(() => Date, { nullable: true, description: 'End (UTC); null when open-ended.' })
  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Field({ description: 'Title, e.g. `Keynote: Geschlechtergleichstellung im Wandel`, in the requested language (German where it has no translation).' })
  @Column({ type: 'text' })
  title: string;

  @Field({ description: 'Description in plain text.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => ProgrammeItemKind, { description: 'Welcome, keynote, talk, theme tables, speed-dating, …' })
  @Column({ type: 'text' })
  kind: ProgrammeItemKind;

  /** Partner organisation presenting the item (e.g. a project at the speed-dating), if any. */
  @Column({ type: 'uuid', nullable: true })
  partnerId: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  speakers: Speaker[];

  /** Order among items starting at the same time. */
  @Column({ type: 'integer', default: 0 })
  position: number;
}
