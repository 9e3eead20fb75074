import { buildFederatedSchema, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { eventsEnv } from './env';
import { Event, EventOrganizer } from './event/event.entity';
import { eventReference } from './event/event.reference';
import { EventResolver } from './event/event.resolver';
import { CreateEvents1767225600000 } from './migrations/1767225600000-CreateEvents';
import { PartnerEventsResolver } from './partner/partner.resolver';
import { seedDemo } from './seed/demo';
import { TopicEventsResolver } from './topic/topic.resolver';

/** The events subgraph: Fachtag, Netzwerktreffen, workshops and trainings. */
export const eventsService: SubgraphDefinition = {
  name: 'events',
  env: eventsEnv,
  entities: [Event, EventOrganizer],
  migrations: [CreateEvents1767225600000],
  schema: () =>
    buildFederatedSchema({ resolvers: [EventResolver, PartnerEventsResolver, TopicEventsResolver] }, { Event: eventReference }),
  seed: seedDemo,
};
