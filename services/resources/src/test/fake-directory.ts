import { stableId } from '@mitgen/subgraph-kit';
import { GraphUnavailableError } from '@mitgen/subgraph-kit';
import type { DirectoryContact, DirectoryPartner, DirectoryTopic, HsdsDirectory } from '../hsds/hsds.directory';
import { DEMO_CONTACTS, PROVIDER_NAMES } from '../seed/demo';
import { DEMO_TOPIC_SLUGS } from './fake-lookup';

/**
 * The HSDS directory for subgraph tests: the demo partners (the draft café hidden, as the public
 * view of the graph hides it), topics, regions and contacts, recording what was asked.
 */
export class FakeDirectory implements HsdsDirectory {
  readonly partnerMap = new Map<string, DirectoryPartner>();
  readonly contactMap = new Map<string, DirectoryContact>();
  readonly topicList: DirectoryTopic[] = DEMO_TOPIC_SLUGS.map((slug) => ({ slug, name: `Thema ${slug}`, description: slug === 'empowerment' ? null : `Alles zu ${slug}` }));
  readonly regionMap = new Map([
    ['03404', 'Osnabrück'],
    ['03454', 'Emsland'],
    ['03241', 'Region Hannover'],
    ['03355', 'Lüneburg'],
  ]);
  readonly asked: string[] = [];
  down = false;

  constructor() {
    for (const [slug, name] of Object.entries(PROVIDER_NAMES)) {
      if (slug === 'interkulturelles-frauencafe-hildesheim') continue;
      const id = stableId('partner', slug);
      this.partnerMap.set(id, {
        id,
        name,
        shortName: slug === 'vnb-ev' ? 'VNB' : null,
        description: slug === 'vnb-ev' ? '' : `Beschreibung von ${name}`,
        website: `https://${slug}.example.org`,
        email: `kontakt@${slug}.example.org`,
        phone: slug === 'frauenberatung-osnabrueck' ? '+49 541 123456' : null,
        logoUrl: null,
        street: slug === 'frauenberatung-osnabrueck' ? 'Beispielstraße 12' : null,
        postalCode: slug === 'frauenberatung-osnabrueck' ? '49074' : null,
        city: slug === 'frauenberatung-osnabrueck' ? 'Osnabrück' : 'Hannover',
        region: slug === 'frauenberatung-osnabrueck' ? { code: '03404', name: 'Osnabrück' } : null,
        languages: ['de', 'ar'],
        topics: ['gewaltschutz', 'empowerment'],
      });
    }
    this.contactMap.set(DEMO_CONTACTS.haddadOsnabrueck, { id: DEMO_CONTACTS.haddadOsnabrueck, name: 'Samira Haddad', role: 'Beraterin', email: 'haddad@example.org', phone: '+49 541 654321', languages: ['de', 'ar'] });
    this.contactMap.set(DEMO_CONTACTS.nowakEmsland, { id: DEMO_CONTACTS.nowakEmsland, name: 'Ewa Nowak', role: null, email: null, phone: null, languages: ['de', 'pl'] });
  }

  private check(what: string) {
    this.asked.push(what);
    if (this.down) throw new GraphUnavailableError('the graph at http://test is not reachable');
  }

  async partners(ids: readonly string[], withContacts: boolean) {
    this.check(`partners:${ids.length}:${withContacts}`);
    return new Map(
      ids.map((id) => {
        const p = this.partnerMap.get(id);
        return [id, p ? { ...p, ...(withContacts ? { contacts: [...this.contactMap.values()].slice(0, 1) } : {}) } : null];
      }),
    );
  }
  async allPartners() {
    this.check('allPartners');
    return [...this.partnerMap.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }
  async topics() {
    this.check('topics');
    return this.topicList;
  }
  async regions() {
    this.check('regions');
    return this.regionMap;
  }
  async contacts(ids: readonly string[]) {
    this.check(`contacts:${ids.length}`);
    return new Map(ids.map((id) => [id, this.contactMap.get(id) ?? null]));
  }
}
