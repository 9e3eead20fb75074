import { AuditEntry, buildFederatedSchema, dataSubjectReference, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { Account } from './account/account.entity';
import { AccountResolver } from './account/account.resolver';
import { ApiKey } from './api-key/api-key.entity';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { internalRoutes } from './auth/internal.route';
import { preparePartners } from './auth/prepare';
import type { PartnersDeps } from './context';
import { ContactPerson, ContactPersonTopic } from './contact-person/contact-person.entity';
import { contactPersonReference } from './contact-person/contact-person.reference';
import { ContactPersonResolver, PartnerContactPersonsResolver } from './contact-person/contact-person.resolver';
import { Cooperation } from './cooperation/cooperation.entity';
import { cooperationReference, CooperationResolver, PartnerCooperationsResolver } from './cooperation/cooperation.resolver';
import { partnersEnv, type PartnersEnv } from './env';
import { CreatePartners1767225600000 } from './migrations/1767225600000-CreatePartners';
import { CreateAccounts1767225700000 } from './migrations/1767225700000-CreateAccounts';
import { PartnerDirectory1767300000000 } from './migrations/1767300000000-PartnerDirectory';
import { CooperationConsent1796072100000 } from './migrations/1796072100000-CooperationConsent';
import { NewsItem } from './news/news-item.entity';
import { NewsItemResolver, PartnerNewsResolver } from './news/news-item.resolver';
import { Partner, PartnerTopic } from './partner/partner.entity';
import { partnerReference } from './partner/partner.reference';
import { PartnerResolver } from './partner/partner.resolver';
import { DataSubjectErasureResolver, DataSubjectResolver } from './privacy/privacy.resolver';
import { DataSubject, DataSubjectErasure } from './privacy/privacy.types';
import { Region } from './region/region.entity';
import { regionReference, RegionResolver } from './region/region.resolver';
import { seedDemo } from './seed/demo';
import { Topic, TopicAlias } from './topic/topic.entity';
import { topicReference, TopicResolver } from './topic/topic.resolver';

/** The partners subgraph: partner directory (profiles, contact persons, cooperations, news), topics, regions, accounts and API keys. */
export const partnersSubgraph: SubgraphDefinition<PartnersEnv, PartnersDeps> = {
  name: 'partners',
  env: partnersEnv,
  entities: [Partner, PartnerTopic, Topic, TopicAlias, Region, ContactPerson, ContactPersonTopic, Cooperation, NewsItem, AuditEntry, Account, ApiKey],
  migrations: [CreatePartners1767225600000, CreateAccounts1767225700000, PartnerDirectory1767300000000, CooperationConsent1796072100000],
  schema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          PartnerResolver,
          PartnerContactPersonsResolver,
          PartnerCooperationsResolver,
          PartnerNewsResolver,
          ContactPersonResolver,
          CooperationResolver,
          NewsItemResolver,
          TopicResolver,
          RegionResolver,
          AccountResolver,
          ApiKeyResolver,
          DataSubjectResolver,
          DataSubjectErasureResolver,
        ],
      },
      {
        Partner: partnerReference,
        ContactPerson: contactPersonReference,
        Cooperation: cooperationReference,
        Topic: topicReference,
        Region: regionReference,
        DataSubject: dataSubjectReference(DataSubject),
        DataSubjectErasure: dataSubjectReference(DataSubjectErasure),
      },
    ),
  prepare: preparePartners,
  seed: seedDemo,
  routes: internalRoutes,
};
