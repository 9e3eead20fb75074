import type { SubgraphContext } from '@mitgen/subgraph-kit';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Partner } from '../partner/partner.entity';
import { regionByCode } from '../region/region.loader';
import { topicsOfPartner } from '../topic/topic.loader';
import { partnerJsonLd } from './partner.jsonld';

@Resolver(() => Partner)
export class PartnerJsonLdResolver {
  @Directive('@cacheControl(maxAge: 60)')
  @FieldResolver(() => GraphQLJSONObject, {
    description:
      'The partner as schema.org `Organization` in JSON-LD (for a `<script type="application/ld+json">` on a web page): name, short name, description, postal address, website, public email and phone, logo, languages, region (`areaServed`), topic areas (`knowsAbout`), membership in the network. Its `@id` (`urn:uuid:<id>`) is the one `Event.jsonLd` names its organisers by.',
  })
  async jsonLd(@Root() partner: Partner, @Ctx() ctx: SubgraphContext): Promise<Record<string, unknown>> {
    const [region, topics] = await Promise.all([partner.regionCode ? regionByCode(ctx).load(partner.regionCode) : null, topicsOfPartner(ctx).load(partner.id)]);
    return partnerJsonLd({ partner, regionName: region?.name, topicNames: topics.map((t) => t.name) }) as unknown as Record<string, unknown>;
  }
}
