import { AuditEntry, buildFederatedSchema, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { resourcesEnv, type ResourcesEnv } from './env';
import { CreateResources1767225600000 } from './migrations/1767225600000-CreateResources';
import { ResourceSearchAndAdministration1767400000000 } from './migrations/1767400000000-ResourceSearchAndAdministration';
import { mountHsds } from './hsds/hsds.route';
import { GermanSearchAndOrder1768016000000 } from './migrations/1768016000000-GermanSearchAndOrder';
import { ResourceTranslations1768200000000 } from './migrations/1768200000000-ResourceTranslations';
import { ResourceTranslationResolver } from './resource/resource.translation';
import { PartnerResourcesResolver } from './partner/partner.resolver';
import { prepareResources, type ResourcesDeps } from './prepare';
import { Resource } from './resource/resource.entity';
import { resourceReference, ResourceResolver } from './resource/resource.resolver';
import { seedDemo } from './seed/demo';
import { referenceRefreshWorker } from './stale/refresh';
import { StaleResolver } from './stale/stale.resolver';
import { TopicResourcesResolver } from './topic/topic.resolver';

/** The resources subgraph: the resource pool (offers and information per topic). */
export const resourcesSubgraph: SubgraphDefinition<ResourcesEnv, ResourcesDeps> = {
  name: 'resources',
  env: resourcesEnv,
  entities: [Resource, AuditEntry],
  migrations: [CreateResources1767225600000, ResourceSearchAndAdministration1767400000000, GermanSearchAndOrder1768016000000, ResourceTranslations1768200000000],
  schema: () =>
    buildFederatedSchema(
      { resolvers: [ResourceResolver, ResourceTranslationResolver, StaleResolver, PartnerResourcesResolver, TopicResourcesResolver] },
      { Resource: resourceReference },
    ),
  prepare: prepareResources,
  seed: seedDemo,
  routes: (router, deps) => mountHsds(router, deps),
  workers: referenceRefreshWorker,
};
