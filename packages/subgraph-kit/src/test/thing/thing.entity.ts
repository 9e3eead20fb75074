import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionedEntity } from '../../index';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Something a partner lends to others in the network.' })
@Entity()
export class Thing extends VersionedEntity {
  @Field({ description: 'Name of the thing.' })
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'What it is and what it is good for.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => Int, { description: 'How many the partner has.' })
  @Column({ type: 'int', default: 1 })
  quantity: number;

  @Field({ description: 'Whether it can be borrowed free of charge.' })
  @Column({ type: 'boolean', default: true })
  freeOfCharge: boolean;

  @Field(() => String, { nullable: true, description: 'Web page about it.' })
  @Column({ type: 'text', nullable: true })
  url: string | null;

  /** The partner that owns it (partners service). */
  @Column({ type: 'uuid' })
  partnerId: string;
}
