import { PublicationStatus, stableId, type SubgraphDeps } from '@mitgen/subgraph-kit';
import { Partner, PartnerKind, PartnerTopic } from '../partner/partner.entity';
import { Topic } from '../topic/topic.entity';

/** Topic areas of the network; other services' demo data refer to these slugs. */
export const DEMO_TOPICS: Array<Pick<Topic, 'slug' | 'name' | 'description'>> = [
  { slug: 'gleichstellung', name: 'Gleichstellung', description: 'Gleichstellung der Geschlechter in der Migrationsgesellschaft.' },
  {
    slug: 'arbeitsmarktintegration',
    name: 'Arbeitsmarktintegration von Frauen mit Flucht-/Migrationserfahrung',
    description: 'Berufliche Orientierung, Anerkennung von Abschlüssen, Qualifizierung und Beschäftigung.',
  },
  { slug: 'gewaltschutz', name: 'Gewaltschutz', description: 'Schutz vor häuslicher und geschlechtsspezifischer Gewalt, Beratung und Unterbringung.' },
  { slug: 'maenner-und-jungenarbeit', name: 'Männer- und Jungenarbeit', description: 'Geschlechterreflektierte Arbeit mit Männern und Jungen.' },
  { slug: 'antidiskriminierung', name: 'Antidiskriminierung und Rassismuskritik', description: null },
  { slug: 'empowerment', name: 'Empowerment und Selbstorganisation', description: 'Stärkung von Migrant*innenorganisationen und Selbsthilfe.' },
  { slug: 'bildung-und-sprache', name: 'Bildung und Sprache', description: null },
  { slug: 'gesundheit-und-familie', name: 'Gesundheit und Familie', description: null },
];

type DemoPartner = Partial<Partner> & Pick<Partner, 'slug' | 'name' | 'kind'> & { topics: string[] };

/** Partner organisations of the demo; ids are `stableId('partner', slug)` in every service's seed. */
export const DEMO_PARTNERS: DemoPartner[] = [
  {
    slug: 'g-mit-niedersachsen',
    name: 'G mit Niedersachsen – Bildungs- und Beratungsstelle Geschlechtergleichstellung in der Migrationsgesellschaft',
    shortName: 'G mit Niedersachsen',
    kind: PartnerKind.NETWORK_COORDINATION,
    description:
      'Koordiniert das Netzwerk MitGeN (Migration. Geschlechtergleichstellung. Niedersachsen), berät Fachkräfte und organisiert Netzwerktreffen und den jährlichen Fachtag. Träger ist der VNB e.V.; gefördert vom Niedersächsischen Sozialministerium.',
    city: 'Hannover',
    postalCode: '30159',
    regionCode: '03241',
    website: 'https://www.g-mit-niedersachsen.de',
    languages: ['de', 'en'],
    targetGroups: ['Fachkräfte', 'Multiplikator*innen', 'Migrant*innenorganisationen'],
    memberSince: '2018-01-01',
    topics: ['gleichstellung', 'arbeitsmarktintegration', 'empowerment'],
  },
  {
    slug: 'vnb-ev',
    name: 'Verein Niedersächsischer Bildungsinitiativen e.V.',
    shortName: 'VNB e.V.',
    kind: PartnerKind.EDUCATION_PROVIDER,
    description: 'Landesweit anerkannte Einrichtung der Erwachsenenbildung und Träger von G mit Niedersachsen.',
    city: 'Hannover',
    postalCode: '30159',
    regionCode: '03241',
    website: 'https://www.vnb.de',
    languages: ['de'],
    targetGroups: ['Bildungsinitiativen', 'Erwachsene'],
    memberSince: '2018-01-01',
    topics: ['bildung-und-sprache', 'gleichstellung'],
  },
  {
    slug: 'frauenberatung-osnabrueck',
    name: 'Frauenberatungsstelle Osnabrück',
    kind: PartnerKind.COUNSELLING_SERVICE,
    description:
      'Beratung für Frauen in Krisen- und Gewaltsituationen, mehrsprachige Beratungen mit Sprachmittlung, Gruppenangebote für geflüchtete Frauen.',
    street: 'Beispielstraße 12',
    postalCode: '49074',
    city: 'Osnabrück',
    regionCode: '03404',
    email: 'beratung@frauenberatung-os.example',
    phone: '+49 541 0000000',
    languages: ['de', 'ar', 'fa', 'tr'],
    targetGroups: ['Frauen mit Fluchterfahrung', 'Frauen in Krisen'],
    memberSince: '2019-03-15',
    topics: ['gewaltschutz', 'gesundheit-und-familie'],
  },
  {
    slug: 'gleichstellungsbuero-braunschweig',
    name: 'Gleichstellungsbüro der Stadt Braunschweig',
    kind: PartnerKind.EQUALITY_OFFICE,
    description: 'Kommunale Gleichstellungsarbeit, Projekte zur beruflichen Teilhabe von Migrantinnen und Veranstaltungen zum Internationalen Frauentag.',
    postalCode: '38100',
    city: 'Braunschweig',
    regionCode: '03101',
    website: 'https://www.braunschweig.de',
    languages: ['de'],
    targetGroups: ['Bürgerinnen', 'Arbeitgeber*innen'],
    memberSince: '2019-09-12',
    topics: ['gleichstellung', 'arbeitsmarktintegration'],
  },
  {
    slug: 'netzwerk-migrantinnen-lueneburg',
    name: 'Netzwerk Migrantinnen Lüneburg e.V.',
    kind: PartnerKind.MIGRANT_ORGANISATION,
    description: 'Selbstorganisation von Frauen mit Migrationsgeschichte: Austausch, Mentoring, Sprachcafés und Empowerment-Workshops.',
    postalCode: '21335',
    city: 'Lüneburg',
    regionCode: '03355',
    languages: ['de', 'ru', 'uk', 'ar'],
    targetGroups: ['Migrantinnen', 'Mentorinnen'],
    memberSince: '2020-02-01',
    topics: ['empowerment', 'bildung-und-sprache', 'antidiskriminierung'],
  },
  {
    slug: 'jungen-und-maennerarbeit-weser-ems',
    name: 'Fachstelle Jungen- und Männerarbeit Weser-Ems',
    kind: PartnerKind.ASSOCIATION,
    description: 'Fortbildungen und Beratungen zu geschlechterreflektierter Arbeit mit Jungen und Männern, auch mit Fluchterfahrung.',
    postalCode: '26122',
    city: 'Oldenburg',
    regionCode: '03403',
    languages: ['de', 'en'],
    targetGroups: ['Fachkräfte der Jugendhilfe', 'Männer mit Fluchterfahrung'],
    memberSince: '2021-05-10',
    topics: ['maenner-und-jungenarbeit', 'gewaltschutz'],
  },
  {
    slug: 'koordinierungsstelle-frau-und-beruf-emsland',
    name: 'Koordinierungsstelle Frau und Beruf Landkreis Emsland',
    kind: PartnerKind.PUBLIC_AUTHORITY,
    description: 'Beratung zum beruflichen (Wieder-)Einstieg, Anerkennung ausländischer Berufsabschlüsse und Kontakte zu Arbeitgeber*innen.',
    postalCode: '49716',
    city: 'Meppen',
    regionCode: '03454',
    languages: ['de', 'nl', 'pl'],
    targetGroups: ['Frauen mit Migrationserfahrung', 'Berufsrückkehrerinnen'],
    memberSince: '2020-11-01',
    topics: ['arbeitsmarktintegration'],
  },
  {
    slug: 'forschungsstelle-gender-migration-goettingen',
    name: 'Forschungsstelle Gender und Migration Göttingen',
    kind: PartnerKind.UNIVERSITY,
    description: 'Forschung und Transfer zu Geschlechterverhältnissen in der Migrationsgesellschaft; Vorträge und Fortbildungen für die Praxis.',
    postalCode: '37073',
    city: 'Göttingen',
    regionCode: '03159',
    languages: ['de', 'en'],
    targetGroups: ['Wissenschaft', 'Fachpraxis'],
    memberSince: '2022-01-20',
    topics: ['gleichstellung', 'antidiskriminierung'],
  },
  {
    slug: 'interkulturelles-frauencafe-hildesheim',
    name: 'Interkulturelles Frauencafé Hildesheim',
    kind: PartnerKind.ASSOCIATION,
    description: 'Offener Treffpunkt (Profil in Vorbereitung).',
    city: 'Hildesheim',
    regionCode: '03254',
    languages: ['de', 'tr'],
    targetGroups: ['Frauen'],
    status: PublicationStatus.DRAFT,
    topics: ['empowerment'],
  },
];

/** Inserts the demo topics and partners once (when there are no partners yet). */
export async function seedDemo({ ds, log }: SubgraphDeps): Promise<void> {
  if ((await ds.getRepository(Partner).count()) > 0) return;
  await ds.transaction(async (tx) => {
    await tx.getRepository(Topic).insert(DEMO_TOPICS);
    for (const { topics, ...fields } of DEMO_PARTNERS) {
      const id = stableId('partner', fields.slug);
      await tx.getRepository(Partner).insert({ status: PublicationStatus.PUBLISHED, ...fields, id });
      await tx.getRepository(PartnerTopic).insert(topics.map((topicSlug) => ({ partnerId: id, topicSlug })));
    }
  });
  log.info(`[partners] seeded ${DEMO_TOPICS.length} topics and ${DEMO_PARTNERS.length} partners`);
}
