import { GraphUnavailableError, type LookupAnswers, type LookupRequest, type ReferenceLookup } from '@mitgen/subgraph-kit';

/**
 * A reference lookup for subgraph tests: what the other services would answer through the graph,
 * changeable per test (the subclass says what exists), recording every request.
 */
export abstract class FakeReferenceLookup<A extends object> implements ReferenceLookup<A> {
  readonly requests: LookupRequest<A>[] = [];
  /** When set, every lookup fails like an unreachable graph. */
  down = false;

  protected constructor(private readonly kinds: readonly (keyof A & string)[]) {}

  /** The record the graph would show for a key of a kind (null: none). */
  protected abstract find<K extends keyof A & string>(kind: K, key: string): A[K] | null;

  /** Whether this request fails like an unreachable graph (default: when `down`). */
  protected fails(_request: LookupRequest<A>): boolean {
    return this.down;
  }

  async lookUp(request: LookupRequest<A>): Promise<LookupAnswers<A>> {
    this.requests.push(request);
    if (this.fails(request)) throw new GraphUnavailableError('the graph at http://test is not reachable');
    return Object.fromEntries(this.kinds.map((kind) => [kind, new Map((request[kind] ?? []).map((key) => [key, this.find(kind, key)]))])) as LookupAnswers<A>;
  }
}
