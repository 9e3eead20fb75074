import { buildFederatedSchema, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { resourcesEnv } from './env';
import { CreateResources1767225600000 } from './migrations/1767225600000-CreateResources';
import { PartnerResourcesResolver } from './partner/partner.resolver';
import { Resource } from './resource/resource.entity';
import { resourceReference, ResourceResolver } from './resource/resource.resolver';
import { seedDemo } from './seed/demo';
import { TopicResourcesResolver } from './topic/topic.resolver';

/** The resources subgraph: the resource pool (offers and information per topic). */
export const resourcesService: SubgraphDefinition = {
  name: 'resources',
  env: resourcesEnv,
  entities: [Resource],
  migrations: [CreateResources1767225600000],
  schema: () =>
    buildFederatedSchema(
      { resolvers: [ResourceResolver, PartnerResourcesResolver, TopicResourcesResolver] },
      { Resource: resourceReference },
    ),
  seed: seedDemo,
};
