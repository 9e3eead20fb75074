import { byNameThenId, Connection, forbidden, OutdatedTranslation, PageArgs, paginate, type SubgraphContext } from '@mitgen/subgraph-kit';
import { Args, Authorized, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Partner } from '../partner/partner.entity';
import { partnerTranslations } from '../partner/partner.translation';
import { Topic } from '../topic/topic.entity';
import { topicTranslations } from '../topic/topic.translation';

// Translations whose German source changed since they were written (docs/languages.md, "Outdated
// translations"): the partners service's part of the stale-data report, shaped like the resource
// pool's `staleResources` entries.

@ObjectType({ description: 'A topic area with translated fields whose German text changed since they were written.' })
class TopicWithOutdatedTranslations {
  @Field(() => Topic, { description: 'The topic area.' })
  topic: Topic;

  @Field(() => [OutdatedTranslation], { description: 'Its outdated translated fields (language and field).' })
  outdatedTranslations: OutdatedTranslation[];
}

@ObjectType({ description: 'A page of topic areas with outdated translations.' })
class TopicWithOutdatedTranslationsConnection extends Connection(TopicWithOutdatedTranslations) {}

@ObjectType({ description: 'A partner profile with translated fields whose German text changed since they were written.' })
class PartnerWithOutdatedTranslations {
  @Field(() => Partner, { description: 'The partner.' })
  partner: Partner;

  @Field(() => [OutdatedTranslation], { description: 'Its outdated translated fields (language and field).' })
  outdatedTranslations: OutdatedTranslation[];
}

@ObjectType({ description: 'A page of partner profiles with outdated translations.' })
class PartnerWithOutdatedTranslationsConnection extends Connection(PartnerWithOutdatedTranslations) {}

@Resolver()
export class StaleTranslationsResolver {
  @Authorized('COORDINATOR')
  @Query(() => TopicWithOutdatedTranslationsConnection, {
    description: 'Coordinators: topic areas with a translation whose German text changed since it was written, by name (part of the stale-data report).',
  })
  async topicsWithOutdatedTranslations(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    const qb = ctx.ds.getRepository(Topic).createQueryBuilder('t').where(topicTranslations.outdatedSql('t', 't.slug'));
    const result = await paginate(qb, page, byNameThenId<Topic>('t'));
    const outdated = await Promise.all(result.nodes.map((topic) => topicTranslations.outdated(ctx, topic)));
    return { ...result, nodes: result.nodes.map((topic, i) => Object.assign(new TopicWithOutdatedTranslations(), { topic, outdatedTranslations: outdated[i] })) };
  }

  @Authorized()
  @Query(() => PartnerWithOutdatedTranslationsConnection, {
    description:
      'Partner profiles with a translation whose German text changed since it was written, by name (part of the stale-data report): coordinators see all, partner editors their own organisation’s.',
  })
  async partnersWithOutdatedTranslations(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    const qb = ctx.ds.getRepository(Partner).createQueryBuilder('p').where(partnerTranslations.outdatedSql('p'));
    const p = ctx.principal;
    if (p.role === 'PARTNER_EDITOR') {
      if (!p.partnerId) throw forbidden('This account belongs to no organisation');
      qb.andWhere('p.id = :own', { own: p.partnerId });
    } else if (p.role !== 'COORDINATOR') throw forbidden('Only coordinators and partner editors see outdated translations');
    const result = await paginate(qb, page, byNameThenId<Partner>('p'));
    const outdated = await Promise.all(result.nodes.map((partner) => partnerTranslations.outdated(ctx, partner)));
    return { ...result, nodes: result.nodes.map((partner, i) => Object.assign(new PartnerWithOutdatedTranslations(), { partner, outdatedTranslations: outdated[i] })) };
  }
}
