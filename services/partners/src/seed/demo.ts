import { addDays, berlinDate, PublicationStatus, stableId, type SubgraphDeps } from '@mitgen/subgraph-kit';
import { ContactPerson, ContactPersonTopic } from '../contact-person/contact-person.entity';
import { Cooperation } from '../cooperation/cooperation.entity';
import { NewsItem } from '../news/news-item.entity';
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

type DemoContactPerson = Partial<Omit<ContactPerson, 'id' | 'partnerId'>> & Pick<ContactPerson, 'name'> & { partner: string; key: string; topics: string[] };

/**
 * Contact persons (Ansprechpersonen) of the demo; ids are `stableId('contact-person', '<partner slug>/<key>')`,
 * e.g. for `Resource.contacts` in the resources service's seed.
 */
export const DEMO_CONTACT_PERSONS: DemoContactPerson[] = [
  {
    partner: 'g-mit-niedersachsen',
    key: 'projektleitung',
    name: 'Leyla Şahin',
    role: 'Projektleitung',
    areaOfResponsibility: 'Netzwerkkoordination MitGeN, Fachtag und Netzwerktreffen',
    email: 'l.sahin@g-mit-niedersachsen.example',
    phone: '+49 511 0000101',
    emailPublic: true,
    phonePublic: true,
    languages: ['de', 'en', 'tr'],
    topics: ['gleichstellung', 'empowerment'],
  },
  {
    partner: 'g-mit-niedersachsen',
    key: 'bildungsreferent',
    name: 'Jonas Weber',
    role: 'Bildungsreferent',
    areaOfResponsibility: 'Fortbildungen für Fachkräfte, Arbeitsmarktintegration von Frauen mit Migrationserfahrung',
    email: 'j.weber@g-mit-niedersachsen.example',
    phone: '+49 511 0000102',
    emailPublic: true,
    phonePublic: false,
    languages: ['de', 'en'],
    topics: ['arbeitsmarktintegration', 'bildung-und-sprache'],
  },
  {
    partner: 'frauenberatung-osnabrueck',
    key: 'beratung-gefluechtete-frauen',
    name: 'Samira Haddad',
    role: 'Beraterin',
    areaOfResponsibility: 'Beratung für geflüchtete Frauen in Krisen- und Gewaltsituationen, auch auf Arabisch',
    email: 's.haddad@frauenberatung-os.example',
    phone: '+49 541 0000201',
    emailPublic: false,
    phonePublic: true,
    languages: ['de', 'ar'],
    topics: ['gewaltschutz'],
  },
  {
    partner: 'frauenberatung-osnabrueck',
    key: 'gruppenangebote',
    name: 'Katrin Vogel',
    role: 'Sozialpädagogin',
    areaOfResponsibility: 'Gruppenangebote, Kooperationen mit Unterkünften (intern: Ansprechperson für die Koordinationsstelle)',
    email: 'k.vogel@frauenberatung-os.example',
    phone: '+49 541 0000202',
    isPublic: false,
    languages: ['de'],
    topics: ['gewaltschutz', 'gesundheit-und-familie'],
  },
  {
    partner: 'netzwerk-migrantinnen-lueneburg',
    key: 'mentoring',
    name: 'Olena Kovalenko',
    role: 'Koordinatorin Mentoring',
    areaOfResponsibility: 'Mentoring-Programm und Sprachcafés',
    email: 'mentoring@migrantinnen-lueneburg.example',
    emailPublic: true,
    languages: ['de', 'uk', 'ru'],
    topics: ['empowerment', 'bildung-und-sprache'],
  },
  {
    partner: 'koordinierungsstelle-frau-und-beruf-emsland',
    key: 'anerkennungsberatung',
    name: 'Agnieszka Nowak',
    role: 'Beraterin',
    areaOfResponsibility: 'Anerkennung ausländischer Berufsabschlüsse, beruflicher Wiedereinstieg',
    email: 'a.nowak@frau-und-beruf-emsland.example',
    phone: '+49 5931 0000301',
    phonePublic: true,
    languages: ['de', 'pl'],
    topics: ['arbeitsmarktintegration'],
  },
  {
    partner: 'jungen-und-maennerarbeit-weser-ems',
    key: 'fachreferent',
    name: 'Mehmet Yılmaz',
    role: 'Fachreferent',
    areaOfResponsibility: 'Fortbildungen zu geschlechterreflektierter Arbeit mit geflüchteten Männern',
    email: 'm.yilmaz@jungenarbeit-weser-ems.example',
    emailPublic: true,
    languages: ['de', 'tr'],
    topics: ['maenner-und-jungenarbeit', 'gewaltschutz'],
  },
  {
    partner: 'interkulturelles-frauencafe-hildesheim',
    key: 'ansprechpartnerin',
    name: 'Ayşe Demir',
    role: 'Ehrenamtliche Koordination',
    email: 'frauencafe-hildesheim@example.org',
    emailPublic: true,
    languages: ['de', 'tr'],
    topics: ['empowerment'],
  },
];

/** Cooperations that grew out of the network (by partner slugs). */
export const DEMO_COOPERATIONS: Array<{ a: string; b: string; since: string | null; description: string }> = [
  {
    a: 'g-mit-niedersachsen',
    b: 'gleichstellungsbuero-braunschweig',
    since: '2019-09-12',
    description: 'Entstanden beim Fachtag 2019: gemeinsame Veranstaltungen zum Internationalen Frauentag und Austausch zur kommunalen Gleichstellungsarbeit.',
  },
  {
    a: 'g-mit-niedersachsen',
    b: 'forschungsstelle-gender-migration-goettingen',
    since: '2022-03-01',
    description: 'Wissenschaftliche Begleitung der Netzwerktreffen und gemeinsame Thementische beim Fachtag.',
  },
  {
    a: 'frauenberatung-osnabrueck',
    b: 'jungen-und-maennerarbeit-weser-ems',
    since: '2021-09-01',
    description: 'Gemeinsame Fortbildungsreihe zu Gewaltschutz in Unterkünften für Geflüchtete.',
  },
  {
    a: 'netzwerk-migrantinnen-lueneburg',
    b: 'koordinierungsstelle-frau-und-beruf-emsland',
    since: '2023-01-15',
    description: 'Austausch über Mentoring-Programme für den beruflichen Einstieg von Migrantinnen.',
  },
  {
    a: 'netzwerk-migrantinnen-lueneburg',
    b: 'interkulturelles-frauencafe-hildesheim',
    since: null,
    description: 'Geplante gemeinsame Sprachcafés (in Vorbereitung).',
  },
];

/** News items of the demo; `inDays` dates an item relative to the day of seeding (a scheduled item). */
export const DEMO_NEWS: Array<{ partner: string; key: string; title: string; text: string; publishedOn?: string; inDays?: number }> = [
  {
    partner: 'g-mit-niedersachsen',
    key: 'rueckblick-fachtag-2019',
    title: 'Rückblick: Fachtag 2019 im Kulturzentrum Pavillon',
    text:
      'Über 100 Teilnehmende aus ganz Niedersachsen kamen am 12. September 2019 in den Pavillon in Hannover. Nach der Keynote ging es an den Thementischen um Arbeitsmarktintegration, Gewaltschutz und Empowerment; beim Speed-Dating stellten sich Projekte aus dem Netzwerk vor.\n\nProgramm und Präsentationen stehen im Ressourcenpool zum Download bereit.',
    publishedOn: '2019-09-20',
  },
  {
    partner: 'g-mit-niedersachsen',
    key: 'netzwerktreffen-anmeldung',
    title: 'Anmeldung zum nächsten Netzwerktreffen startet',
    text: 'Die Anmeldung zum nächsten Netzwerktreffen öffnet in Kürze. Partner*innen können Themenwünsche vorab an die Koordinationsstelle senden.',
    inDays: 14,
  },
  {
    partner: 'frauenberatung-osnabrueck',
    key: 'neue-gruppe',
    title: 'Neue Gruppe für geflüchtete Frauen',
    text: 'Ab Februar trifft sich jeden Mittwoch eine Gesprächsgruppe für geflüchtete Frauen, mit Sprachmittlung auf Arabisch und Farsi. Kinderbetreuung ist organisiert.',
    publishedOn: '2024-02-01',
  },
  {
    partner: 'netzwerk-migrantinnen-lueneburg',
    key: 'sprachcafe-ukrainisch',
    title: 'Sprachcafé jetzt auch auf Ukrainisch',
    text: 'Unser Sprachcafé findet nun zusätzlich mit ukrainischsprachigen Mentorinnen statt. Alle Frauen sind willkommen.',
    publishedOn: '2023-05-10',
  },
];

/** Inserts the demo topics and partners once (when there are no partners yet). */
export async function seedDemo(deps: SubgraphDeps): Promise<void> {
  const { ds, log } = deps;
  if ((await ds.getRepository(Partner).count()) === 0) {
    await ds.transaction(async (tx) => {
      await tx.getRepository(Topic).insert(DEMO_TOPICS.map((t) => ({ ...t, id: stableId('topic', t.slug) })));
      for (const { topics, ...fields } of DEMO_PARTNERS) {
        const id = stableId('partner', fields.slug);
        await tx.getRepository(Partner).insert({ status: PublicationStatus.PUBLISHED, ...fields, id });
        await tx.getRepository(PartnerTopic).insert(topics.map((topicSlug) => ({ partnerId: id, topicSlug })));
      }
    });
    log.info(`[partners] seeded ${DEMO_TOPICS.length} topics and ${DEMO_PARTNERS.length} partners`);
  }
  await seedProfileParts(deps);
}

/**
 * Contact persons, cooperations and news of the demo partners, once: also into a database seeded
 * before these existed (they came with a later migration), as long as the demo partners are there.
 */
async function seedProfileParts({ ds, log, clock }: SubgraphDeps): Promise<void> {
  const seeded = await ds.query('SELECT EXISTS (SELECT 1 FROM contact_person) OR EXISTS (SELECT 1 FROM cooperation) OR EXISTS (SELECT 1 FROM news_item) AS any');
  if (seeded[0].any || !(await ds.getRepository(Partner).existsBy({ id: stableId('partner', 'g-mit-niedersachsen') }))) return;
  const partnerId = (slug: string) => stableId('partner', slug);
  await ds.transaction(async (tx) => {
    for (const { partner, key, topics, ...fields } of DEMO_CONTACT_PERSONS) {
      const id = stableId('contact-person', `${partner}/${key}`);
      await tx.getRepository(ContactPerson).insert({ ...fields, id, partnerId: partnerId(partner) });
      await tx.getRepository(ContactPersonTopic).insert(topics.map((topicSlug) => ({ contactPersonId: id, topicSlug })));
    }
    for (const { a, b, since, description } of DEMO_COOPERATIONS) {
      const [partnerAId, partnerBId] = [partnerId(a), partnerId(b)].sort();
      await tx.getRepository(Cooperation).insert({ id: stableId('cooperation', `${a}/${b}`), partnerAId, partnerBId, since, description });
    }
    const today = berlinDate(clock.now());
    for (const { partner, key, title, text, publishedOn, inDays } of DEMO_NEWS) {
      await tx.getRepository(NewsItem).insert({
        id: stableId('news-item', `${partner}/${key}`),
        partnerId: partnerId(partner),
        title,
        text,
        publishedOn: publishedOn ?? addDays(today, inDays ?? 0),
      });
    }
  });
  log.info(`[partners] seeded ${DEMO_CONTACT_PERSONS.length} contact persons, ${DEMO_COOPERATIONS.length} cooperations and ${DEMO_NEWS.length} news items`);
}
