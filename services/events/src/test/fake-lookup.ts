import { GraphUnavailableError, PublicationStatus, stableId, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import type { EventsDeps } from '../context';
import type { EventsEnv } from '../env';
import type { LookupRequest, LookupResult, PartnerInfo, ReferenceLookup } from '../graph/reference-lookup';
import { eventsSubgraph } from '../subgraph';

/**
 * A reference lookup for subgraph tests: what the partners and resources services would answer
 * through the graph, changeable per test, recording what was asked.
 */
export class FakeLookup implements ReferenceLookup {
  readonly partners = new Map<string, PartnerInfo>();
  /** Slug (current or old) → current slug. */
  readonly topics = new Map<string, string>();
  readonly regions = new Set<string>();
  readonly resources = new Set<string>();
  readonly requests: LookupRequest[] = [];
  /** When set, every lookup fails like an unreachable graph. */
  down = false;

  async lookUp(request: LookupRequest): Promise<LookupResult> {
    this.requests.push(request);
    if (this.down) throw new GraphUnavailableError('the graph at http://test is not reachable');
    return {
      partners: new Map((request.partners ?? []).map((id) => [id, this.partners.get(id) ?? null])),
      topics: new Map((request.topics ?? []).map((slug) => [slug, this.topics.get(slug) ?? null])),
      regions: new Map((request.regions ?? []).map((code) => [code, this.regions.has(code)])),
      resources: new Map((request.resources ?? []).map((id) => [id, this.resources.has(id)])),
    };
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
