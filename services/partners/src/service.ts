import { buildFederatedSchema, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { Account } from './account/account.entity';
import { AccountResolver } from './account/account.resolver';
import { ApiKey } from './api-key/api-key.entity';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { internalRoutes } from './auth/internal.route';
import { preparePartners, type PartnersServices } from './auth/prepare';
import { partnersEnv, type PartnersEnv } from './env';
import { CreatePartners1767225600000 } from './migrations/1767225600000-CreatePartners';
import { CreateAccounts1767225700000 } from './migrations/1767225700000-CreateAccounts';
import { Partner, PartnerTopic } from './partner/partner.entity';
import { partnerReference } from './partner/partner.reference';
import { PartnerResolver } from './partner/partner.resolver';
import { Region } from './region/region.entity';
import { regionReference, RegionResolver } from './region/region.resolver';
import { seedDemo } from './seed/demo';
import { Topic } from './topic/topic.entity';
import { topicReference, TopicResolver } from './topic/topic.resolver';

/** The partners subgraph: partner directory, topics, regions, accounts and API keys. */
export const partnersService: SubgraphDefinition<PartnersEnv, PartnersServices> = {
  name: 'partners',
  env: partnersEnv,
  entities: [Partner, PartnerTopic, Topic, Region, Account, ApiKey],
  migrations: [CreatePartners1767225600000, CreateAccounts1767225700000],
  schema: () =>
    buildFederatedSchema(
      { resolvers: [PartnerResolver, TopicResolver, RegionResolver, AccountResolver, ApiKeyResolver] },
      { Partner: partnerReference, Topic: topicReference, Region: regionReference },
    ),
  prepare: preparePartners,
  seed: seedDemo,
  routes: internalRoutes,
};
