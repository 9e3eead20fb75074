import type { Organization, WithContext } from 'schema-dts';
import type { Partner } from '../partner/partner.entity';

// schema.org `Organization` (https://schema.org/Organization) of a partner, typed with schema-dts.

/** `@id` of a partner: the same IRI the events service gives its organisers (`Event.jsonLd`). */
export const organizationIri = (partnerId: string) => `urn:uuid:${partnerId}`;

/** The network a partner belongs to. */
const NETWORK: Organization = {
  '@type': 'Organization',
  name: 'MitGeN – Migration. Geschlechtergleichstellung. Niedersachsen',
  alternateName: 'MitGeN',
};

export interface PartnerJsonLdInput {
  partner: Partner;
  /** Name of the partner's region (district or city), when it has one. */
  regionName?: string | null;
  /** Names of the partner's topic areas. */
  topicNames?: readonly string[];
}

/** A partner as schema.org JSON-LD: name, short name, description, address, website, contact, logo, languages, region, topics. */
export function partnerJsonLd({ partner: p, regionName, topicNames = [] }: PartnerJsonLdInput): WithContext<Organization> {
  const hasAddress = !!(p.street || p.postalCode || p.city);
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': organizationIri(p.id),
    name: p.name,
    ...(p.shortName ? { alternateName: p.shortName } : {}),
    ...(p.description ? { description: p.description } : {}),
    ...(p.website ? { url: p.website } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.phone ? { telephone: p.phone } : {}),
    ...(p.logoUrl ? { logo: p.logoUrl } : {}),
    ...(hasAddress
      ? {
          address: {
            '@type': 'PostalAddress',
            ...(p.street ? { streetAddress: p.street } : {}),
            ...(p.postalCode ? { postalCode: p.postalCode } : {}),
            ...(p.city ? { addressLocality: p.city } : {}),
            addressRegion: 'Niedersachsen',
            addressCountry: 'DE',
          },
        }
      : {}),
    ...(regionName ? { areaServed: { '@type': 'AdministrativeArea', name: regionName } } : {}),
    ...(p.languages.length ? { knowsLanguage: [...p.languages] } : {}),
    ...(topicNames.length ? { knowsAbout: [...topicNames] } : {}),
    memberOf: NETWORK,
  };
}
