import { baseServiceEnv, buildFederatedSchema, type SubgraphDefinition } from '../../index';
import { CreateThings1796065001044 } from './migrations/1796065001044-CreateThings';
import { Thing } from './thing.entity';
import { ThingResolver } from './thing.resolver';

// A small subgraph as a new contributor writes it with the kit (the kit's own test fixture): one
// entity with five fields and a `partner: Partner` reference, a paged list and a create mutation.

/** The things subgraph. */
export const thingSubgraph: SubgraphDefinition = {
  name: 'things',
  env: baseServiceEnv,
  entities: [Thing],
  migrations: [CreateThings1796065001044],
  schema: () => buildFederatedSchema({ resolvers: [ThingResolver] }),
};
