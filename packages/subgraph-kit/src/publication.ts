import { Arg, Authorized, Ctx, ID, Mutation, Resolver, type ClassType } from 'type-graphql';
import type { Role, SubgraphContext } from './context';

/** One of the mutations `PublicationResolver` contributes. */
export interface PublicationMutation<T> {
  /** Description of the mutation in the schema. */
  description: string;
  /** Who may call it (`@Authorized(roles)`); none: anyone signed in, and `run` checks ownership. */
  roles?: Role[];
  /** Makes the change (checks, transaction, audit entry) and returns the record. */
  run: (ctx: PublicationContext, id: string) => Promise<T>;
}

/** The context `run` gets: any service's context (each passes functions typed with its own deps). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PublicationContext = SubgraphContext<any>;

export interface PublicationOptions<T> {
  /** GraphQL name of the type, when it is not the class name. */
  typeName?: string;
  /** Description of the `id` argument, e.g. `Id of the partner.` */
  idDescription: string;
  publish: PublicationMutation<T>;
  archive: PublicationMutation<T>;
}

/**
 * Base resolver that contributes `publish<Type>(id)` and `archive<Type>(id)`, so every publishable
 * type offers them in one shape: `@Resolver(() => Partner) class PartnerResolver extends
 * PublicationResolver(Partner, { … }) {}`. What publishing means stays with the service (`run`).
 */
export function PublicationResolver<T extends object>(type: ClassType<T>, options: PublicationOptions<T>) {
  const name = options.typeName ?? type.name;

  @Resolver()
  abstract class PublicationResolverClass {
    @Authorized(options.publish.roles ?? [])
    @Mutation(() => type, { name: `publish${name}`, description: options.publish.description })
    publish(@Arg('id', () => ID, { description: options.idDescription }) id: string, @Ctx() ctx: PublicationContext): Promise<T> {
      return options.publish.run(ctx, id);
    }

    @Authorized(options.archive.roles ?? [])
    @Mutation(() => type, { name: `archive${name}`, description: options.archive.description })
    archive(@Arg('id', () => ID, { description: options.idDescription }) id: string, @Ctx() ctx: PublicationContext): Promise<T> {
      return options.archive.run(ctx, id);
    }
  }
  return PublicationResolverClass;
}
