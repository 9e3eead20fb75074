import { buildFederatedSchema, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { partnersEnv } from './env';
import { CreatePartners1767225600000 } from './migrations/1767225600000-CreatePartners';
import { Partner, PartnerTopic } from './partner/partner.entity';
import { partnerReference } from './partner/partner.reference';
import { PartnerResolver } from './partner/partner.resolver';
import { Region } from './region/region.entity';
import { regionReference, RegionResolver } from './region/region.resolver';
import { seedDemo } from './seed/demo';
import { Topic } from './topic/topic.entity';
import { topicReference, TopicResolver } from './topic/topic.resolver';

/** The partners subgraph: partner directory, topics, regions. */
export const partnersService: SubgraphDefinition = {
  name: 'partners',
  env: partnersEnv,
  entities: [Partner, PartnerTopic, Topic, Region],
  migrations: [CreatePartners1767225600000],
  schema: () =>
    buildFederatedSchema(
      { resolvers: [PartnerResolver, TopicResolver, RegionResolver] },
      { Partner: partnerReference, Topic: topicReference, Region: regionReference },
    ),
  seed: seedDemo,
};
