import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';

// The shape of every list in the graph: `{ totalCount pageInfo { … } nodes }` with `first`/`after`.

/** Largest `first` any list accepts; clients page with `after` beyond it. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@Directive('@shareable')
// As fresh as the list it belongs to (cache hints: see federation.ts).
@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'Where a page of a list ends and whether more follows.' })
export class PageInfo {
  @Field({ description: 'True when another page follows; fetch it with `after: endCursor`.' })
  hasNextPage: boolean;

  @Field({ description: 'True when this page was requested with `after` (items come before it).' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` for the next page.' })
  endCursor: string | null;
}

/** One page of a list, before it is turned into a GraphQL connection. */
export interface Page<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: PageInfo;
}

/**
 * Base of every `<Type>Connection`: `{ totalCount pageInfo nodes }`.
 * Use as `@ObjectType() class PartnerConnection extends Connection(Partner) {}`.
 */
export function Connection<T extends object>(nodeType: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionClass implements Page<T> {
    @Field(() => Int, { description: 'Number of items in the whole list (all pages), with the same filter.' })
    totalCount: number;

    @Field(() => PageInfo, { description: 'Cursors and whether another page follows.' })
    pageInfo: PageInfo;

    @Field(() => [nodeType], { description: 'The items of this page.' })
    nodes: T[];
  }
  return ConnectionClass;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return (0 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).`,
  })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (`pageInfo.endCursor` of the previous page).' })
  after?: string | null;
}

/** Validates `first` against the server-side maximum. */
export function checkFirst(first: number, max = MAX_PAGE_SIZE): number {
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput(`first must be between 0 and ${max}`, 'first');
  }
  return first;
}

/** A page with nothing on it (for a parent whose key cannot match anything). */
export function emptyPage<T>(): Page<T> {
  return { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
}
