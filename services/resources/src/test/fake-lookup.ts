import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { GraphUnavailableError } from '../graph/graph.client';
import type { LookupRequest, LookupResult, PartnerInfo, ReferenceLookup } from '../graph/reference-lookup';
import { DEMO_CONTACTS, PROVIDER_NAMES } from '../seed/demo';

/**
 * A reference lookup for subgraph tests: what the partners service would answer through the graph,
 * changeable per test, recording what was asked.
 */
export class FakeLookup implements ReferenceLookup {
  readonly partners = new Map<string, PartnerInfo>();
  /** Slug (current or old) → current slug. */
  readonly topics = new Map<string, string>();
  readonly regions = new Set<string>();
  readonly contacts = new Set<string>();
  readonly requests: LookupRequest[] = [];
  /** When set, every lookup fails like an unreachable graph. */
  down = false;
  /** When set, lookups that include contacts fail (a graph without `ContactPerson`). */
  contactsDown = false;

  async lookUp(request: LookupRequest): Promise<LookupResult> {
    this.requests.push(request);
    if (this.down || (this.contactsDown && request.contacts?.length)) throw new GraphUnavailableError('the graph at http://test is not reachable');
    return {
      partners: new Map((request.partners ?? []).map((id) => [id, this.partners.get(id) ?? null])),
      topics: new Map((request.topics ?? []).map((slug) => [slug, this.topics.get(slug) ?? null])),
      regions: new Map((request.regions ?? []).map((code) => [code, this.regions.has(code)])),
      contacts: new Map((request.contacts ?? []).map((id) => [id, this.contacts.has(id)])),
    };
  }

  setPartner(slug: string, status: PublicationStatus, name = PROVIDER_NAMES[slug] ?? slug): string {
    const id = stableId('partner', slug);
    this.partners.set(id, { id, name, status });
    return id;
  }
}

export const DEMO_TOPIC_SLUGS = [
  'gleichstellung',
  'arbeitsmarktintegration',
  'gewaltschutz',
  'maenner-und-jungenarbeit',
  'antidiskriminierung',
  'empowerment',
  'bildung-und-sprache',
  'gesundheit-und-familie',
];

/** The lookup as the demo data of the partners service would answer it. */
export function demoLookup(): FakeLookup {
  const lookup = new FakeLookup();
  for (const slug of Object.keys(PROVIDER_NAMES)) {
    lookup.setPartner(slug, slug === 'interkulturelles-frauencafe-hildesheim' ? PublicationStatus.DRAFT : PublicationStatus.PUBLISHED);
  }
  for (const slug of DEMO_TOPIC_SLUGS) lookup.topics.set(slug, slug);
  for (const code of ['03101', '03159', '03241', '03254', '03355', '03403', '03404', '03454', '03459']) lookup.regions.add(code);
  for (const id of Object.values(DEMO_CONTACTS)) lookup.contacts.add(id);
  return lookup;
}

/** A clock tests set to any instant. */
export class TestClock {
  constructor(public at: Date) {}
  now(): Date {
    return this.at;
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}
