import { baseServiceEnv, buildFederatedSchema, Connection, PageArgs, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { Args, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';

/**
 * A subgraph the gateway has never heard of, written as a new contributor would write one with the
 * kit: a `Project` entity with cache hints, a public list, a field without a hint, a private read,
 * and fields it adds to `Partner` (fetched through `_entities`). No database: the projects are the
 * given partners' ids. Tests serve it in place of one of the gateway's subgraphs.
 */
export function projectsSubgraph(partnerIds: string[]): SubgraphDefinition {
  @Directive('@key(fields: "id")')
  @Directive('@cacheControl(maxAge: 20)')
  @ObjectType('Partner', { description: 'A partner organisation, as the projects subgraph references it.' })
  class PartnerRef {
    @Field(() => ID, { description: 'Stable unique id (UUID).' })
    id: string;
  }

  @Directive('@key(fields: "id")')
  @Directive('@cacheControl(maxAge: 20)')
  @ObjectType('Project', { description: 'A project of a partner organisation.' })
  class Project {
    @Field(() => ID, { description: 'Stable unique id.' })
    id: string;

    @Field({ description: 'Name of the project.' })
    name: string;

    @Field(() => PartnerRef, { description: 'The partner running the project.' })
    partner: PartnerRef;
  }

  @Directive('@cacheControl(inheritMaxAge: true)')
  @ObjectType('ProjectConnection', { description: 'A page of projects.' })
  class ProjectConnection extends Connection(Project) {}

  // No hint: an object under an entity fetched through `_entities` is not cacheable.
  @ObjectType('ProjectSummary', { description: 'Counts of a partner’s projects.' })
  class ProjectSummary {
    @Field(() => Int, { description: 'Number of projects.' })
    count: number;
  }

  const projects = partnerIds.map((id, i): Project => ({ id: `project-${i + 1}`, name: `Projekt ${i + 1}`, partner: { id } }));

  @Resolver(() => Project)
  class ProjectResolver {
    @Directive('@cacheControl(maxAge: 20)')
    @Query(() => ProjectConnection, { description: 'All projects.' })
    projects(@Args() page: PageArgs) {
      const nodes = projects.slice(0, page.first);
      return { totalCount: projects.length, nodes, pageInfo: { hasNextPage: nodes.length < projects.length, hasPreviousPage: false, startCursor: null, endCursor: null } };
    }

    @Query(() => String, { description: 'A read nobody gave a cache hint.' })
    projectNote(): string {
      return 'unhinted';
    }

    @Directive('@cacheControl(maxAge: 20, scope: PRIVATE)')
    @Query(() => [Project], { description: 'A personal read: cacheable by the caller only.' })
    myProjectDrafts(): Project[] {
      return projects.slice(0, 1);
    }
  }

  @Resolver(() => PartnerRef)
  class PartnerProjectsResolver {
    @FieldResolver(() => [Project], { description: 'Projects of this partner.' })
    projects(@Root() partner: PartnerRef): Project[] {
      return projects.filter((p) => p.partner.id === partner.id);
    }

    @FieldResolver(() => ProjectSummary, { description: 'Counts of this partner’s projects.' })
    projectSummary(@Root() partner: PartnerRef): ProjectSummary {
      return { count: projects.filter((p) => p.partner.id === partner.id).length };
    }
  }

  return {
    name: 'projects',
    env: baseServiceEnv,
    entities: [],
    migrations: [],
    schema: () =>
      buildFederatedSchema(
        { resolvers: [ProjectResolver, PartnerProjectsResolver] },
        { Project: { __resolveReference: (ref: { id: string }) => projects.find((p) => p.id === ref.id) ?? null } },
      ),
  };
}
