import {
  AuditEntry,
  buildFederatedSchema,
  createMailTransport,
  createOutboxWorker,
  dataSubjectReference,
  graphClientFor,
  OutboxMail,
  publicLinks,
  type SubgraphDefinition,
} from '@mitgen/subgraph-kit';
import type { EventsDeps } from './context';
import { eventsEnv, type EventsEnv } from './env';
import { Event, EventOrganizer } from './event/event.entity';
import { eventReference } from './event/event.reference';
import { EventResolver } from './event/event.resolver';
import { DownloadSigner } from './export/download';
import { mountAttendeeDownload } from './export/download.route';
import { mountFeeds } from './feed/feed.route';
import { eventReferenceLookup } from './graph/reference-lookup';
import { EventJsonLdResolver } from './jsonld/event.jsonld.resolver';
import { CreateEvents1767225600000 } from './migrations/1767225600000-CreateEvents';
import { EventRegistrations1767500000000 } from './migrations/1767500000000-EventRegistrations';
import { RegistrationPrivacy1767700000000 } from './migrations/1767700000000-RegistrationPrivacy';
import { GermanSearch1768016000000 } from './migrations/1768016000000-GermanSearch';
import { DownloadKey1768100000000 } from './migrations/1768100000000-DownloadKey';
import { CanonicalEmails1768100100000 } from './migrations/1768100100000-CanonicalEmails';
import { PartnerEventsResolver } from './partner/partner.resolver';
import { EventPartnerRequest } from './partner-request/partner-request.entity';
import { EventPartnerRequestResolver } from './partner-request/partner-request.resolver';
import { EventPartnerRequests1796072000000 } from './migrations/1796072000000-EventPartnerRequests';
import { EventsDataSubjectResolver, EventsErasureResolver, RegistrationPrivacyFieldsResolver } from './privacy/privacy.resolver';
import { DataSubject } from './privacy/privacy.types';
import { createRegistrationRetention } from './privacy/retention';
import { ProgrammeItem } from './programme/programme.entity';
import { ProgrammeItemResolver, SpeakerResolver } from './programme/programme.resolver';
import { KeyedQueue } from './registration/event-queue';
import { RegistrationBatcher } from './registration/registration.batch';
import { Registration, RegistrationToken } from './registration/registration.entity';
import { EventRegistrationFieldsResolver, RegistrationResolver } from './registration/registration.resolver';
import { seedDemo } from './seed/demo';
import { EventSession, SessionChoice } from './session/session.entity';
import { EventSessionResolver } from './session/session.resolver';
import { TopicEventsResolver } from './topic/topic.resolver';

/** The events subgraph: Fachtag, Netzwerktreffen, workshops and trainings; programme, sessions, registration. */
export const eventsSubgraph: SubgraphDefinition<EventsEnv, EventsDeps> = {
  name: 'events',
  env: eventsEnv,
  entities: [Event, EventOrganizer, EventPartnerRequest, ProgrammeItem, EventSession, SessionChoice, Registration, RegistrationToken, AuditEntry, OutboxMail],
  migrations: [
    CreateEvents1767225600000,
    EventRegistrations1767500000000,
    RegistrationPrivacy1767700000000,
    GermanSearch1768016000000,
    DownloadKey1768100000000,
    CanonicalEmails1768100100000,
    EventPartnerRequests1796072000000,
  ],
  prepare: ({ env, ds, log, clock }) => {
    const eventQueue = new KeyedQueue();
    const graph = graphClientFor('events', env, { clock, log });
    return {
      links: publicLinks(env),
      downloads: new DownloadSigner(ds),
      eventQueue,
      registrations: new RegistrationBatcher(eventQueue),
      lookup: eventReferenceLookup(graph),
      graph,
    };
  },
  schema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          EventResolver,
          EventJsonLdResolver,
          EventRegistrationFieldsResolver,
          RegistrationResolver,
          ProgrammeItemResolver,
          SpeakerResolver,
          EventSessionResolver,
          PartnerEventsResolver,
          EventPartnerRequestResolver,
          TopicEventsResolver,
          EventsDataSubjectResolver,
          EventsErasureResolver,
          RegistrationPrivacyFieldsResolver,
        ],
        // Entities this subgraph only adds fields to: no field of its own leads to them.
        orphanedTypes: [DataSubject],
      },
      { Event: eventReference, DataSubject: dataSubjectReference(DataSubject) },
    ),
  seed: seedDemo,
  routes: (router, deps) => {
    mountFeeds(router, deps);
    mountAttendeeDownload(router, deps);
  },
  // Background work: mails (confirmations, waiting list, cancellations) leave through the outbox,
  // and registrations of past events are anonymised after REGISTRATION_RETENTION_DAYS. Instances
  // that only serve requests run with MAIL_WORKER=false (at least one instance must run it).
  workers: ({ env, ds, log, clock }) => {
    if (!env.MAIL_WORKER) return { stop: async () => undefined };
    const outbox = createOutboxWorker({
      ds,
      log,
      clock,
      transport: createMailTransport({ smtpUrl: env.SMTP_URL, mailDir: env.MAIL_DIR }),
      from: env.MAIL_FROM,
      messageIdDomain: new URL(publicLinks(env).website).hostname || 'mitgen.local',
      ratePerSecond: env.MAIL_RATE_PER_SECOND,
      journal: { dir: env.MAIL_JOURNAL_DIR, name: 'events' },
    });
    const retention = createRegistrationRetention({ ds, log, clock, days: env.REGISTRATION_RETENTION_DAYS });
    outbox.start();
    retention.start();
    return {
      async stop() {
        await retention.stop();
        await outbox.stop();
      },
    };
  },
};
