import { PublicationStatus, stableId } from '@mitgen/subgraph-kit';
import { FakeReferenceLookup } from '@mitgen/test-kit';
import type { LookupRequest, PartnerInfo, ResourceReferenceRecords } from '../graph/reference-lookup';
import { DEMO_CONTACTS, PROVIDER_NAMES } from '../seed/demo';

/** What the partners service would answer through the graph, changeable per test. */
export class FakeLookup extends FakeReferenceLookup<ResourceReferenceRecords> {
  readonly partners = new Map<string, PartnerInfo>();
  /** Slug (current or old) → current slug. */
  readonly topics = new Map<string, string>();
  readonly regions = new Set<string>();
  readonly contacts = new Set<string>();
  /** When set, lookups that include contacts fail (a graph without `ContactPerson`). */
  contactsDown = false;

  constructor() {
    super(['partners', 'topics', 'regions', 'contacts']);
  }

  protected override fails(request: LookupRequest): boolean {
    return this.down || (this.contactsDown && !!request.contacts?.length);
  }

  protected find<K extends keyof ResourceReferenceRecords>(kind: K, key: string): ResourceReferenceRecords[K] | null {
    const found = {
      partners: () => this.partners.get(key),
      topics: () => (this.topics.has(key) ? { slug: this.topics.get(key)! } : undefined),
      regions: () => (this.regions.has(key) ? { code: key } : undefined),
      contacts: () => (this.contacts.has(key) ? { id: key } : undefined),
    }[kind]();
    return (found ?? null) as ResourceReferenceRecords[K] | null;
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
