import { stableId } from '@mitgen/subgraph-kit';
import { ResourceFormat, ResourceKind, type Resource } from '../resource/resource.entity';
import type { DirectoryContact, DirectoryPartner, DirectoryTopic } from './hsds.directory';
import type {
  HsdsAttribute,
  HsdsContact,
  HsdsLocation,
  HsdsOrganization,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from './hsds.schema';

// Resources and partners as HSDS records. HSDS wants a UUID for every object, also for those that
// have none here (topics are keyed by slug, a partner's address is part of the partner): those get
// name-based UUIDs (`stableId`), the same on every request and every instance.

export const TOPICS_TAXONOMY: HsdsTaxonomy = {
  id: stableId('hsds-taxonomy', 'topics'),
  name: 'MitGeN-Themenbereiche',
  description: 'Themenbereiche des Netzwerks MitGeN (Migration. Geschlechtergleichstellung. Niedersachsen), denen Angebote, Organisationen und Veranstaltungen zugeordnet sind.',
  version: '1',
};

export const KINDS_TAXONOMY: HsdsTaxonomy = {
  id: stableId('hsds-taxonomy', 'resource-kinds'),
  name: 'MitGeN-Angebotsarten',
  description: 'Arten von Einträgen im Ressourcenpool des Netzwerks MitGeN.',
  version: '1',
};

export const TAXONOMIES = [TOPICS_TAXONOMY, KINDS_TAXONOMY];

const KIND_NAMES: Record<ResourceKind, [string, string]> = {
  [ResourceKind.COUNSELLING]: ['Beratungsangebot', 'Beratung für Einzelne oder Gruppen.'],
  [ResourceKind.COURSE]: ['Kurs oder Fortbildung', 'Kurs, Fortbildung oder Workshop-Reihe.'],
  [ResourceKind.HOTLINE]: ['Hotline', 'Telefon- oder Chat-Hotline.'],
  [ResourceKind.PUBLICATION]: ['Publikation', 'Broschüre, Studie oder Handreichung.'],
  [ResourceKind.FUNDING_PROGRAMME]: ['Förderprogramm', 'Förderprogramm für Projekte und Organisationen.'],
  [ResourceKind.MATERIAL]: ['Arbeitsmaterial', 'Material für die Praxis.'],
  [ResourceKind.PROJECT]: ['Projekt', 'Projekt einer Partnerorganisation.'],
  [ResourceKind.INFORMATION]: ['Information', 'Allgemeine Information.'],
};

export const topicTermId = (slug: string) => stableId('hsds-topic', slug);
export const kindTermId = (kind: ResourceKind) => stableId('hsds-resource-kind', kind);
export const locationIdOf = (partnerId: string) => stableId('hsds-location', partnerId);

/**
 * An offer has at most one place, so its service_at_location id is its own id with the first 32
 * bits turned over by a constant: unique, different from the service's id, and reversible, so that
 * `/service_at_locations/{id}` finds the offer without a table of its own.
 */
const SAL_MASK = 0x5a10ca7e;
export function serviceAtLocationIdOf(serviceId: string): string {
  const head = ((parseInt(serviceId.slice(0, 8), 16) ^ SAL_MASK) >>> 0).toString(16).padStart(8, '0');
  return `${head}${serviceId.slice(8)}`;
}
/** The service id of a service_at_location id (the same turn undoes it). */
export const serviceIdOfServiceAtLocation = serviceAtLocationIdOf;

export function topicTerm(t: DirectoryTopic): HsdsTaxonomyTerm {
  return {
    id: topicTermId(t.slug),
    code: t.slug,
    name: t.name,
    // Required by HSDS; topics without a description of their own are described by their name.
    description: t.description || t.name,
    taxonomy: TOPICS_TAXONOMY.name,
    taxonomy_id: TOPICS_TAXONOMY.id,
    language: 'de',
  };
}

export function kindTerm(kind: ResourceKind): HsdsTaxonomyTerm {
  const [name, description] = KIND_NAMES[kind];
  return { id: kindTermId(kind), code: kind, name, description, taxonomy: KINDS_TAXONOMY.name, taxonomy_id: KINDS_TAXONOMY.id, language: 'de' };
}

export const allKindTerms = () => Object.values(ResourceKind).map(kindTerm);

const languageNames = new Intl.DisplayNames(['de'], { type: 'language' });
const languageName = (code: string) => {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
};

function attributeOf(linkId: string, linkEntity: 'service' | 'organization', linkType: string, term: HsdsTaxonomyTerm): HsdsAttribute {
  return { id: stableId('hsds-attribute', `${linkEntity}:${linkId}:${term.id}`), link_id: linkId, link_entity: linkEntity, link_type: linkType, taxonomy_term_id: term.id, taxonomy_term: term, label: term.name };
}

/** Context for mapping: topic names by slug and region names by key (from the directory). */
export interface Names {
  topics: Map<string, DirectoryTopic>;
  regions: Map<string, string>;
}

function topicAttributes(linkId: string, entity: 'service' | 'organization', slugs: readonly string[], names: Names): HsdsAttribute[] {
  // A slug the directory no longer knows (topic removed meanwhile) is left out rather than guessed.
  return slugs.flatMap((slug) => {
    const t = names.topics.get(slug);
    return t ? [attributeOf(linkId, entity, 'topic', topicTerm(t))] : [];
  });
}

/** The partner's address as an HSDS location (the place the organisation is reached at). */
export function partnerLocation(p: DirectoryPartner): HsdsLocation {
  const id = locationIdOf(p.id);
  const complete = !!(p.street && p.postalCode && p.city);
  return {
    id,
    location_type: 'physical',
    organization_id: p.id,
    name: p.name,
    ...(complete
      ? {
          addresses: [
            {
              id: stableId('hsds-address', p.id),
              location_id: id,
              address_1: p.street!,
              city: p.city!,
              ...(p.region ? { region: p.region.name } : {}),
              state_province: 'Niedersachsen',
              postal_code: p.postalCode!,
              country: 'DE',
              address_type: 'physical' as const,
            },
          ],
        }
      : {}),
    ...(p.languages.length ? { languages: p.languages.map((code) => ({ id: stableId('hsds-language', `location:${id}:${code}`), location_id: id, code, name: languageName(code) })) } : {}),
  };
}

function contactOf(c: DirectoryContact, owner: { service_id: string } | { organization_id: string }): HsdsContact {
  const ownerKey = 'service_id' in owner ? `service:${owner.service_id}` : `organization:${owner.organization_id}`;
  // HSDS gives a person who is the contact of several records a new id for each of them.
  const id = stableId('hsds-contact', `${ownerKey}:${c.id}`);
  return {
    id,
    ...owner,
    name: c.name,
    ...(c.role ? { title: c.role } : {}),
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phones: [{ id: stableId('hsds-phone', `contact:${id}`), contact_id: id, number: c.phone, type: 'voice' as const }] } : {}),
  };
}

/** A partner as an HSDS organization (`withDetails`: contacts, phones, locations, attributes too). */
export function organizationOf(p: DirectoryPartner, names: Names, withDetails: boolean): HsdsOrganization {
  const base: HsdsOrganization = {
    id: p.id,
    name: p.name,
    ...(p.shortName ? { alternate_name: p.shortName } : {}),
    // Required by HSDS; a partner without a description is described by its name.
    description: p.description || p.name,
    ...(p.email ? { email: p.email } : {}),
    ...(p.website ? { website: p.website } : {}),
    ...(p.logoUrl ? { logo: p.logoUrl } : {}),
  };
  if (!withDetails) return base;
  return {
    ...base,
    ...(p.contacts?.length ? { contacts: p.contacts.map((c) => contactOf(c, { organization_id: p.id })) } : {}),
    ...(p.phone ? { phones: [{ id: stableId('hsds-phone', `organization:${p.id}`), organization_id: p.id, number: p.phone, type: 'voice' as const }] } : {}),
    locations: [partnerLocation(p)],
    attributes: topicAttributes(p.id, 'organization', p.topics, names),
  };
}

/** `active` while the offer is valid today (Berlin date), `inactive` before and after. */
export function serviceStatus(r: Pick<Resource, 'validFrom' | 'validUntil'>, today: string): HsdsService['status'] {
  if (r.validFrom && r.validFrom > today) return 'inactive';
  if (r.validUntil && r.validUntil < today) return 'inactive';
  return 'active';
}

const ATTENDING: Record<ResourceFormat, string> = {
  [ResourceFormat.ONLINE]: 'online',
  [ResourceFormat.IN_PERSON]: 'vor Ort',
  [ResourceFormat.HYBRID]: 'online und vor Ort',
};

const germanDate = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/** Whether a resource is offered at a place (then it has a service_at_location at its provider's address). */
export const isAtLocation = (r: Pick<Resource, 'format'>) => r.format === ResourceFormat.IN_PERSON || r.format === ResourceFormat.HYBRID;

/** The one-to-one fields of a service (what list pages carry). */
export function serviceFieldsOf(r: Resource, today: string): HsdsService {
  return {
    id: r.id,
    organization_id: r.providerId,
    name: r.title,
    description: r.body || r.summary || r.title,
    ...(r.url ? { url: r.url } : {}),
    status: serviceStatus(r, today),
    fees_description: r.freeOfCharge ? 'kostenfrei' : r.cost || 'kostenpflichtig',
    ...(r.targetGroups.length ? { eligibility_description: `Für: ${r.targetGroups.join(', ')}` } : {}),
    ...(r.lastReviewedAt ? { assured_date: r.lastReviewedAt.toISOString().slice(0, 10) } : {}),
  };
}

export interface ServiceDetails {
  provider: DirectoryPartner | null;
  contacts: Map<string, DirectoryContact | null>;
  names: Names;
}

/** The service_at_location of an offer at a place: the provider's address. */
export function serviceAtLocationOf(r: Resource, provider: DirectoryPartner | null): HsdsServiceAtLocation {
  return {
    id: serviceAtLocationIdOf(r.id),
    service_id: r.id,
    location_id: locationIdOf(r.providerId),
    description: 'Angebot vor Ort beim Träger (Adresse der Organisation).',
    ...(provider ? { location: partnerLocation(provider) } : {}),
  };
}

/** A fully nested service: organization, languages, service areas, schedule, contacts, attributes, service_at_locations. */
export function serviceOf(r: Resource, today: string, d: ServiceDetails): HsdsService {
  const areas = r.statewide
    ? [{ id: stableId('hsds-service-area', `${r.id}:statewide`), service_id: r.id, name: 'Niedersachsen', description: 'landesweit' }]
    : r.regionCodes.map((code) => ({
        id: stableId('hsds-service-area', `${r.id}:${code}`),
        service_id: r.id,
        name: d.names.regions.get(code) ?? code,
        description: `Amtlicher Kreisschlüssel ${code}`,
      }));
  const hasSchedule = !!(r.validFrom || r.validUntil || r.format);
  const validity = [r.validFrom ? `ab ${germanDate(r.validFrom)}` : '', r.validUntil ? `bis ${germanDate(r.validUntil)}` : ''].filter(Boolean).join(' ');
  const contacts = r.contactIds.flatMap((id) => {
    const c = d.contacts.get(id);
    return c ? [contactOf(c, { service_id: r.id })] : [];
  });
  return {
    ...serviceFieldsOf(r, today),
    ...(hasSchedule
      ? {
          schedules: [
            {
              id: stableId('hsds-schedule', r.id),
              service_id: r.id,
              ...(r.validFrom ? { valid_from: r.validFrom } : {}),
              ...(r.validUntil ? { valid_to: r.validUntil } : {}),
              ...(validity ? { description: `Gültig ${validity}.` } : {}),
              ...(r.format ? { attending_type: ATTENDING[r.format] } : {}),
            },
          ],
        }
      : {}),
    service_areas: areas,
    languages: r.languages.map((code) => ({ id: stableId('hsds-language', `service:${r.id}:${code}`), service_id: r.id, code, name: languageName(code) })),
    contacts,
    attributes: [attributeOf(r.id, 'service', 'service_type', kindTerm(r.kind)), ...topicAttributes(r.id, 'service', r.topicSlugs, d.names)],
    ...(d.provider ? { organization: organizationOf(d.provider, d.names, false) } : {}),
    ...(isAtLocation(r) ? { service_at_locations: [serviceAtLocationOf(r, d.provider)] } : {}),
  };
}
