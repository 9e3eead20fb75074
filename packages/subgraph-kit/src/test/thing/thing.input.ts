import { Field, ID, InputType } from 'type-graphql';
import { InputFields } from '../../index';
import { Thing } from './thing.entity';

@InputType({ description: 'A new thing.' })
export class CreateThingInput extends InputFields(Thing, ['name', 'description', 'quantity', 'freeOfCharge', 'url']) {
  @Field(() => ID, { description: 'The partner that owns it.' })
  partnerId: string;
}
