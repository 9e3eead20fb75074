import type { GraphClient, SubgraphContext } from '@mitgen/subgraph-kit';
import type { PublicLinks } from '@mitgen/subgraph-kit';

/** What `prepare` gives every resolver of the newsletter service (`ctx.services`). */
export interface NewsletterDeps {
  /** Reads events, resources, partners and topics through the gateway. */
  graph: GraphClient;
  links: PublicLinks;
  /** Wakes this instance's edition dispatcher (no-op where no worker runs; others poll). */
  wakeDispatcher(): void;
}

export type NewsletterContext = SubgraphContext<NewsletterDeps>;
