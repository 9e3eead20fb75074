import type { GraphClient, PublicLinks, SubgraphContext, SubgraphDeps } from '@mitgen/subgraph-kit';
import type { EventsEnv } from './env';
import type { DownloadSigner } from './export/download';
import type { ReferenceLookup } from './graph/reference-lookup';
import type { KeyedQueue } from './registration/event-queue';
import type { Registration } from './registration/registration.entity';
import type { NewRegistration } from './registration/registration.input';

// The types that the events subgraph's modules share. This file imports only types of modules
// that import nothing back (entities, inputs, the queue), so that it never closes an import cycle.

/** What `prepare` builds once per instance (`ctx.services` in resolvers, `deps.services` in routes and workers). */
export interface EventsDeps {
  /** Links in mails and feeds (the kit's URL scheme, on the website or the gateway). */
  links: PublicLinks;
  /** Signs and checks the short-lived attendee list download links. */
  downloads: DownloadSigner;
  /** Per-event queue of the transactions that lock an event (see KeyedQueue). */
  eventQueue: KeyedQueue;
  /** Registrations of a burst share one transaction under the event's lock (see RegistrationBatcher). */
  registrations: RegistrationQueue;
  /** Looks up partners, topics, regions and resources through the graph (tests inject their own). */
  lookup: ReferenceLookup;
  /** The graph client behind the default lookup (tests point it at the gateway they started). */
  graph?: GraphClient;
}

/** What every resolver of the events subgraph receives. */
export type EventsContext = SubgraphContext<EventsDeps>;

/** What the events subgraph's seed, routes and workers receive. */
export type EventsSubgraphDeps = SubgraphDeps<EventsEnv, EventsDeps>;

/** Takes registrations for an event in turn, under the event's row lock (registration/registration.batch.ts). */
export interface RegistrationQueue {
  /**
   * Registers in the event's next batch. Resolves with the stored registration (with its waiting
   * place when it got one) — or the one registered before with the same address.
   */
  submit(ctx: EventsContext, registration: NewRegistration): Promise<Registration>;
}
