import { PublicationStatus, stableId, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { FakeReferenceLookup } from '@mitgen/test-kit';
import type { EventsDeps } from '../context';
import type { EventsEnv } from '../env';
import type { EventReferenceRecords, PartnerInfo, ReferenceLookup } from '../graph/reference-lookup';
import { eventsSubgraph } from '../subgraph';

/** What the partners and resources services would answer through the graph, changeable per test. */
export class FakeLookup extends FakeReferenceLookup<EventReferenceRecords> {
  readonly partners = new Map<string, PartnerInfo>();
  /** Slug (current or old) → current slug. */
  readonly topics = new Map<string, string>();
  readonly regions = new Set<string>();
  readonly resources = new Set<string>();

  constructor() {
    super(['partners', 'topics', 'regions', 'resources']);
  }

  protected find<K extends keyof EventReferenceRecords>(kind: K, key: string): EventReferenceRecords[K] | null {
    const found = {
      partners: () => this.partners.get(key),
      topics: () => (this.topics.has(key) ? { slug: this.topics.get(key)! } : undefined),
      regions: () => (this.regions.has(key) ? { code: key } : undefined),
      resources: () => (this.resources.has(key) ? { id: key } : undefined),
    }[kind]();
    return (found ?? null) as EventReferenceRecords[K] | null;
  }

  setPartner(slug: string, status = PublicationStatus.PUBLISHED, name = slug): string {
    const id = stableId('partner', slug);
    this.partners.set(id, { id, name, status });
    return id;
  }
}

/** The lookup as the demo data of the partners and resources services would answer it. */
export function demoLookup(): FakeLookup {
  const lookup = new FakeLookup();
  for (const slug of [
    'g-mit-niedersachsen',
    'vnb-ev',
    'frauenberatung-osnabrueck',
    'gleichstellungsbuero-braunschweig',
    'netzwerk-migrantinnen-lueneburg',
    'jungen-und-maennerarbeit-weser-ems',
    'koordinierungsstelle-frau-und-beruf-emsland',
    'forschungsstelle-gender-migration-goettingen',
  ]) {
    lookup.setPartner(slug);
  }
  for (const slug of ['gleichstellung', 'arbeitsmarktintegration', 'gewaltschutz', 'maenner-und-jungenarbeit', 'antidiskriminierung', 'empowerment', 'bildung-und-sprache', 'gesundheit-und-familie']) {
    lookup.topics.set(slug, slug);
  }
  for (const code of ['03101', '03159', '03241', '03254', '03355', '03403', '03404', '03454', '03459']) lookup.regions.add(code);
  return lookup;
}

/** The events subgraph with `lookup` instead of the graph (for startTestSubgraph). */
export function eventsSubgraphWith(lookup: ReferenceLookup): SubgraphDefinition<EventsEnv, EventsDeps> {
  return { ...eventsSubgraph, prepare: async (deps) => ({ ...(await eventsSubgraph.prepare!(deps)), lookup }) };
}
