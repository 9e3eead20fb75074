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
import { PartnerJsonLdResolver } from './jsonld/partner.jsonld.resolver';
import { CreatePartners1767225600000 } from './migrations/1767225600000-CreatePartners';
import { CreateAccounts1767225700000 } from './migrations/1767225700000-CreateAccounts';
import { PartnerDirectory1767300000000 } from './migrations/1767300000000-PartnerDirectory';
import { ErasureRequests1768000000000 } from './migrations/1768000000000-ErasureRequests';
import { GermanSearchAndOrder1768016000000 } from './migrations/1768016000000-GermanSearchAndOrder';
import { TopicIds1768100000000 } from './migrations/1768100000000-TopicIds';
import { CanonicalEmails1768100100000 } from './migrations/1768100100000-CanonicalEmails';
import { SignInFailures1768100200000 } from './migrations/1768100200000-SignInFailures';
import { CooperationConsent1796072100000 } from './migrations/1796072100000-CooperationConsent';
import { Translations1768200000000 } from './migrations/1768200000000-Translations';
import { ContentLanguages1796072200000 } from './migrations/1796072200000-ContentLanguages';
import { ContentLanguageResolver } from './content-language/content-language.resolver';
import { StaleTranslationsResolver } from './stale/stale-translations.resolver';
import { activeLanguageCodes } from './content-language/content-language.service';
import { PartnerTranslationResolver } from './partner/partner.translation';
import { TopicTranslationResolver } from './topic/topic.translation';
import { NewsItem } from './news/news-item.entity';
import { NewsItemResolver, PartnerNewsResolver } from './news/news-item.resolver';
import { Partner, PartnerTopic } from './partner/partner.entity';
import { partnerReference } from './partner/partner.reference';
import { PartnerResolver } from './partner/partner.resolver';
import { ErasureRequest, ErasureStep } from './erasure/erasure.entity';
import { ErasureRequestResolver } from './erasure/erasure.resolver';
import { startErasureWorker } from './erasure/erasure.service';
import { DataSubjectResolver, PartnersErasureResolver } from './privacy/privacy.resolver';
import { DataSubject } from './privacy/privacy.types';
import { Region } from './region/region.entity';
import { regionReference, RegionResolver } from './region/region.resolver';
import { seedDemo } from './seed/demo';
import { Topic, TopicAlias } from './topic/topic.entity';
import { topicReference, TopicResolver } from './topic/topic.resolver';

/** The partners subgraph: partner directory (profiles, contact persons, cooperations, news), topics, regions, accounts and API keys. */
export const partnersSubgraph: SubgraphDefinition<PartnersEnv, PartnersDeps> = {
  name: 'partners',
  env: partnersEnv,
  entities: [Partner, PartnerTopic, Topic, TopicAlias, Region, ContactPerson, ContactPersonTopic, Cooperation, NewsItem, AuditEntry, Account, ApiKey, ErasureRequest, ErasureStep],
  migrations: [CreatePartners1767225600000, CreateAccounts1767225700000, PartnerDirectory1767300000000, ErasureRequests1768000000000, GermanSearchAndOrder1768016000000, TopicIds1768100000000, CanonicalEmails1768100100000, SignInFailures1768100200000, Translations1768200000000, CooperationConsent1796072100000, ContentLanguages1796072200000],
  schema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          PartnerResolver,
          PartnerJsonLdResolver,
          PartnerContactPersonsResolver,
          PartnerCooperationsResolver,
          PartnerNewsResolver,
          ContactPersonResolver,
          CooperationResolver,
          NewsItemResolver,
          TopicResolver,
          TopicTranslationResolver,
          PartnerTranslationResolver,
          RegionResolver,
          ContentLanguageResolver,
          StaleTranslationsResolver,
          AccountResolver,
          ApiKeyResolver,
          DataSubjectResolver,
          PartnersErasureResolver,
          ErasureRequestResolver,
        ],
      },
      {
        Partner: partnerReference,
        ContactPerson: contactPersonReference,
        Cooperation: cooperationReference,
        Topic: topicReference,
        Region: regionReference,
        DataSubject: dataSubjectReference(DataSubject),
      },
    ),
  prepare: preparePartners,
  seed: seedDemo,
  // This service keeps the list: it reads its own table, the others read it through the graph.
  contentLanguages: ({ ds }) => () => activeLanguageCodes(ds),
  routes: internalRoutes,
  // The erasure worker calls services that have not confirmed an erasure yet; instances without
  // it (ERASURE_WORKER=false) still finish the first attempts they started before closing.
  workers: ({ env, log, services }) => (env.ERASURE_WORKER ? startErasureWorker(services.erasure, log) : { stop: () => services.erasure.drain() }),
};
