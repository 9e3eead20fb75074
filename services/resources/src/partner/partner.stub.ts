import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Reference to a partner organisation; the partners service owns its fields. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A partner organisation of the MitGeN network (Netzwerkpartner*in).' })
export class Partner {
  @Field(() => ID, { description: 'Stable unique id (UUID).' })
  id: string;
}
