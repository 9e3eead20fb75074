import { Field, getMetadataStorage, InputType, type ClassType } from 'type-graphql';

/**
 * Base of an input type with copies of some fields of an object type (type, nullability,
 * description), so a create input does not repeat the entity's fields:
 * `@InputType() class CreateThingInput extends InputFields(Thing, ['name', 'url']) {}`.
 * Validation decorators are not copied; add them in the input where needed.
 */
export function InputFields<T extends object, K extends keyof T & string>(type: ClassType<T>, names: readonly K[]): abstract new () => Pick<T, K> {
  @InputType()
  abstract class InputFieldsClass {}
  const fields = getMetadataStorage().fields.filter((f) => f.target === type && (names as readonly string[]).includes(f.name));
  for (const name of names) {
    const field = fields.find((f) => f.name === name);
    if (!field) throw new Error(`InputFields: ${type.name}.${name} is not a GraphQL field`);
    const depth = field.typeOptions.arrayDepth ?? (field.typeOptions.array ? 1 : 0);
    const typeOf = () => Array.from({ length: depth }).reduce<unknown>((t) => [t], field.getType());
    Field(typeOf as NonNullable<Parameters<typeof Field>[0]>, { nullable: field.typeOptions.nullable, description: field.description })(InputFieldsClass.prototype, name);
  }
  return InputFieldsClass as unknown as abstract new () => Pick<T, K>;
}
