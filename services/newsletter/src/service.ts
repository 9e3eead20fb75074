import { buildFederatedSchema, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { ConsentResolver } from './consent/consent.resolver';
import { newsletterEnv } from './env';
import { CreateSubscribers1767225600000 } from './migrations/1767225600000-CreateSubscribers';
import { Subscriber } from './subscriber/subscriber.entity';

/** The newsletter subgraph: subscribers with double opt-in, editions, sending. */
export const newsletterService: SubgraphDefinition = {
  name: 'newsletter',
  env: newsletterEnv,
  entities: [Subscriber],
  migrations: [CreateSubscribers1767225600000],
  schema: () => buildFederatedSchema({ resolvers: [ConsentResolver] }),
};
