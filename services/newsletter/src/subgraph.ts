import { buildFederatedSchema, dataSubjectReference, graphClientFor, publicLinks, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { AuditEntry, OutboxMail } from '@mitgen/subgraph-kit';
import { ConsentRecord } from './consent/consent.entity';
import { ConsentResolver } from './consent/consent.resolver';
import type { NewsletterDeps } from './context';
import { Edition } from './edition/edition.entity';
import { EditionResolver } from './edition/edition.resolver';
import { newsletterEnv, type NewsletterEnv } from './env';
import { CreateSubscribers1767225600000 } from './migrations/1767225600000-CreateSubscribers';
import { DoubleOptIn1767600000000 } from './migrations/1767600000000-DoubleOptIn';
import { Editions1767600100000 } from './migrations/1767600100000-Editions';
import { GermanSearch1768016000000 } from './migrations/1768016000000-GermanSearch';
import { CanonicalEmails1768100100000 } from './migrations/1768100100000-CanonicalEmails';
import { EditionLanguages1768300000000 } from './migrations/1768300000000-EditionLanguages';
import { NewsletterDataSubjectResolver, NewsletterErasureResolver } from './privacy/privacy.resolver';
import { DataSubject } from './privacy/privacy.types';
import { unsubscribeRoutes } from './routes/unsubscribe.route';
import { seedDemo } from './seed/demo';
import { Subscriber } from './subscriber/subscriber.entity';
import { SubscriberResolver, SubscriptionResolver } from './subscriber/subscriber.resolver';
import { createNewsletterWorker } from './worker';

/** The newsletter subgraph: subscribers with double opt-in, editions, sending. */
export const newsletterSubgraph: SubgraphDefinition<NewsletterEnv, NewsletterDeps> = {
  name: 'newsletter',
  env: newsletterEnv,
  entities: [Subscriber, ConsentRecord, Edition, OutboxMail, AuditEntry],
  migrations: [CreateSubscribers1767225600000, DoubleOptIn1767600000000, Editions1767600100000, GermanSearch1768016000000, CanonicalEmails1768100100000, EditionLanguages1768300000000],
  schema: () =>
    buildFederatedSchema(
      {
        resolvers: [ConsentResolver, SubscriptionResolver, SubscriberResolver, EditionResolver, NewsletterDataSubjectResolver, NewsletterErasureResolver],
        // Entities this subgraph only adds fields to: no field of its own leads to them.
        orphanedTypes: [DataSubject],
      },
      { DataSubject: dataSubjectReference(DataSubject) },
    ),
  prepare: ({ env, clock, log }) => ({
    // The public view (no account), with GRAPH_API_KEY when set.
    graph: graphClientFor('newsletter', env, { clock, log }, true),
    links: publicLinks(env),
    // Replaced by the worker when it runs in this process; other instances find new work by polling.
    wakeDispatcher: () => undefined,
  }),
  seed: seedDemo,
  routes: unsubscribeRoutes,
  workers: (deps) => {
    if (!deps.env.MAIL_WORKER) return { stop: async () => undefined };
    const worker = createNewsletterWorker(deps);
    worker.start();
    return worker;
  },
};
