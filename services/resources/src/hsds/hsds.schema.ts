import { z } from 'zod';

// Open Referral HSDS 3.0 (Human Services Data Specification) objects and the API's page envelope,
// written from the specification's JSON schemas (schema/*.json of openreferral/specification,
// branch 3.0) and its API reference (schema/openapi.json). Every property of the objects below is
// modelled with its type, format and enumeration; `required` as the specification says. Objects
// this service never fills (funding, program, required_document, cost_option, accessibility,
// organization_identifier) are accepted as arrays of objects and never emitted. The schemas are
// strict: a property the specification does not know fails the tests that check our answers.

const uuid = z.uuid();
/** ISO 8601 date `YYYY-MM-DD` (the specification's `datapackage_type: date`). */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const uri = z.url();
const email = z.email();
/** Objects the specification defines but this service never fills. */
const unfilled = z.array(z.record(z.string(), z.unknown()));

export const metadata = z
  .object({
    id: uuid,
    resource_id: uuid.optional(),
    resource_type: z.string().optional(),
    last_action_date: date,
    last_action_type: z.string(),
    field_name: z.string(),
    previous_value: z.string(),
    replacement_value: z.string(),
    updated_by: z.string(),
  })
  .strict();

export const taxonomy = z
  .object({
    id: uuid,
    name: z.string(),
    description: z.string(),
    uri: uri.optional(),
    version: z.string().optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const taxonomyTerm = z
  .object({
    id: uuid,
    code: z.string().optional(),
    name: z.string(),
    description: z.string(),
    parent_id: uuid.optional(),
    taxonomy: z.string().optional(),
    taxonomy_detail: taxonomy.optional(),
    /** ISO 639-1 or 639-2 code of the term's language. */
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
    taxonomy_id: uuid.optional(),
    term_uri: uri.optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const attribute = z
  .object({
    id: uuid,
    link_id: uuid.optional(),
    taxonomy_term_id: uuid.optional(),
    link_type: z.string().optional(),
    link_entity: z.string().optional(),
    value: z.string().optional(),
    label: z.string().optional(),
    taxonomy_term: taxonomyTerm.optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const language = z
  .object({
    id: uuid,
    service_id: uuid.optional(),
    location_id: uuid.optional(),
    phone_id: uuid.optional(),
    name: z.string().optional(),
    /** ISO 639-1 or ISO 639-3 code. */
    code: z.string().regex(/^[a-z]{2,3}$/).optional(),
    note: z.string().optional(),
    attributes: z.array(attribute).optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const phone = z
  .object({
    id: uuid,
    location_id: uuid.optional(),
    service_id: uuid.optional(),
    organization_id: uuid.optional(),
    contact_id: uuid.optional(),
    service_at_location_id: uuid.optional(),
    number: z.string().min(1),
    extension: z.number().optional(),
    /** RFC 6350 types: text, voice, fax, cell, video, pager, textphone. */
    type: z.enum(['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone']).optional(),
    description: z.string().optional(),
    languages: z.array(language).optional(),
    attributes: z.array(attribute).optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const contact = z
  .object({
    id: uuid,
    organization_id: uuid.optional(),
    service_id: uuid.optional(),
    service_at_location_id: uuid.optional(),
    location_id: uuid.optional(),
    name: z.string().optional(),
    title: z.string().optional(),
    department: z.string().optional(),
    email: email.optional(),
    phones: z.array(phone).optional(),
    attributes: z.array(attribute).optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const schedule = z
  .object({
    id: uuid,
    service_id: uuid.optional(),
    location_id: uuid.optional(),
    service_at_location_id: uuid.optional(),
    valid_from: date.optional(),
    valid_to: date.optional(),
    dtstart: date.optional(),
    timezone: z.number().optional(),
    until: date.optional(),
    count: z.number().int().optional(),
    wkst: z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']).optional(),
    freq: z.enum(['WEEKLY', 'MONTHLY']).optional(),
    interval: z.number().int().optional(),
    byday: z.string().optional(),
    byweekno: z.string().optional(),
    bymonthday: z.string().optional(),
    byyearday: z.string().optional(),
    description: z.string().optional(),
    opens_at: z.string().optional(),
    closes_at: z.string().optional(),
    schedule_link: uri.optional(),
    attending_type: z.string().optional(),
    notes: z.string().optional(),
    attributes: z.array(attribute).optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const serviceArea = z
  .object({
    id: uuid,
    service_id: uuid.optional(),
    service_at_location_id: uuid.optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    extent: z.string().optional(),
    extent_type: z.enum(['geojson', 'topojson', 'kml', 'text']).optional(),
    uri: z.string().optional(),
    attributes: z.array(attribute).optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const address = z
  .object({
    id: uuid,
    location_id: uuid.optional(),
    attention: z.string().optional(),
    address_1: z.string().min(1),
    address_2: z.string().optional(),
    city: z.string().min(1),
    region: z.string().optional(),
    state_province: z.string().min(1),
    postal_code: z.string().min(1),
    /** ISO 3166-1 alpha-2. */
    country: z.string().regex(/^[A-Z]{2}$/),
    address_type: z.enum(['physical', 'postal', 'virtual']),
    attributes: z.array(attribute).optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const location = z
  .object({
    id: uuid,
    location_type: z.enum(['physical', 'postal', 'virtual']),
    url: uri.optional(),
    organization_id: uuid.optional(),
    name: z.string().optional(),
    alternate_name: z.string().optional(),
    description: z.string().optional(),
    transportation: z.string().optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    external_identifier: z.string().optional(),
    external_identifier_type: z.string().optional(),
    languages: z.array(language).optional(),
    addresses: z.array(address).optional(),
    contacts: z.array(contact).optional(),
    accessibility: unfilled.optional(),
    phones: z.array(phone).optional(),
    schedules: z.array(schedule).optional(),
    attributes: z.array(attribute).optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const organization = z
  .object({
    id: uuid,
    name: z.string().min(1),
    alternate_name: z.string().optional(),
    description: z.string(),
    email: email.optional(),
    website: uri.optional(),
    tax_status: z.string().optional(),
    tax_id: z.string().optional(),
    year_incorporated: z.number().int().optional(),
    legal_status: z.string().optional(),
    logo: z.string().optional(),
    uri: uri.optional(),
    parent_organization_id: uuid.optional(),
    funding: unfilled.optional(),
    contacts: z.array(contact).optional(),
    phones: z.array(phone).optional(),
    locations: z.array(location).optional(),
    programs: unfilled.optional(),
    organization_identifiers: unfilled.optional(),
    attributes: z.array(attribute).optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

const serviceFields = {
  id: uuid,
  organization_id: uuid.optional(),
  program_id: uuid.optional(),
  name: z.string().min(1),
  alternate_name: z.string().optional(),
  description: z.string().optional(),
  url: uri.optional(),
  email: email.optional(),
  status: z.enum(SERVICE_STATUSES),
  interpretation_services: z.string().optional(),
  application_process: z.string().optional(),
  fees_description: z.string().optional(),
  wait_time: z.string().optional(),
  fees: z.string().optional(),
  accreditations: z.string().optional(),
  eligibility_description: z.string().optional(),
  minimum_age: z.number().optional(),
  maximum_age: z.number().optional(),
  assured_date: date.optional(),
  assurer_email: email.optional(),
  licenses: z.string().optional(),
  alert: z.string().optional(),
  phones: z.array(phone).optional(),
  schedules: z.array(schedule).optional(),
  service_areas: z.array(serviceArea).optional(),
  languages: z.array(language).optional(),
  funding: unfilled.optional(),
  cost_options: unfilled.optional(),
  required_documents: unfilled.optional(),
  contacts: z.array(contact).optional(),
  attributes: z.array(attribute).optional(),
  metadata: z.array(metadata).optional(),
};

/** `service_at_location` as nested in a service (its `location` inline). */
export const serviceAtLocation = z
  .object({
    id: uuid,
    service_id: uuid.optional(),
    location_id: uuid.optional(),
    description: z.string().optional(),
    service_areas: z.array(serviceArea).optional(),
    contacts: z.array(contact).optional(),
    phones: z.array(phone).optional(),
    schedules: z.array(schedule).optional(),
    location: location.optional(),
    attributes: z.array(attribute).optional(),
    metadata: z.array(metadata).optional(),
  })
  .strict();

export const service = z
  .object({
    ...serviceFields,
    service_at_locations: z.array(serviceAtLocation).optional(),
    organization: organization.optional(),
    program: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** `GET /organizations/{id}`: the organisation with its services (compiled/organization.json). */
export const organizationWithServices = organization.extend({ services: z.array(service).optional() }).strict();

/** `GET /service_at_locations/{id}`: the link with its service and location inline. */
export const serviceAtLocationWithService = serviceAtLocation.extend({ service: service.optional() }).strict();

/** The envelope of every list (`#/components/schemas/Page` of the API reference). */
export function page<T extends z.ZodType>(item: T) {
  return z
    .object({
      total_items: z.number().int().min(0),
      total_pages: z.number().int().min(0),
      page_number: z.number().int().min(1),
      size: z.number().int().min(0),
      first_page: z.boolean(),
      last_page: z.boolean(),
      empty: z.boolean(),
      contents: z.array(item),
    })
    .strict();
}

/** `GET /`: what this API is and who publishes it. */
export const apiDetails = z
  .object({
    version: z.string(),
    profile: uri.optional(),
    openapi_url: uri.optional(),
    description: z.string().optional(),
    publisher: z
      .object({ name: z.string(), identifier: z.string().optional(), email: email.optional(), website: uri.optional(), additional_websites: z.array(uri).optional() })
      .strict()
      .optional(),
  })
  .strict();

export type HsdsOrganization = z.infer<typeof organization>;
export type HsdsService = z.infer<typeof service>;
export type HsdsServiceAtLocation = z.infer<typeof serviceAtLocation>;
export type HsdsLocation = z.infer<typeof location>;
export type HsdsContact = z.infer<typeof contact>;
export type HsdsTaxonomy = z.infer<typeof taxonomy>;
export type HsdsTaxonomyTerm = z.infer<typeof taxonomyTerm>;
export type HsdsAttribute = z.infer<typeof attribute>;
export type HsdsPage<T> = { total_items: number; total_pages: number; page_number: number; size: number; first_page: boolean; last_page: boolean; empty: boolean; contents: T[] };
