import { PublicationStatus, stableId, type SubgraphDeps } from '@mitgen/subgraph-kit';
import { In } from 'typeorm';
import { resourceTranslations } from '../resource/resource.translation';
import { Resource, ResourceFormat, ResourceKind } from '../resource/resource.entity';

const partner = (slug: string) => stableId('partner', slug);

/**
 * Contact persons (Ansprechpersonen) the demo resources name: `stableId('contact-person', '<partner slug>/<key>')` (the partners service's demo contact persons).
 * The partners service owns contact persons; these are ids of its demo data.
 */
export const DEMO_CONTACTS = {
  haddadOsnabrueck: stableId('contact-person', 'frauenberatung-osnabrueck/beratung-gefluechtete-frauen'),
  nowakEmsland: stableId('contact-person', 'koordinierungsstelle-frau-und-beruf-emsland/anerkennungsberatung'),
  sahinGmit: stableId('contact-person', 'g-mit-niedersachsen/projektleitung'),
  yilmazWeserEms: stableId('contact-person', 'jungen-und-maennerarbeit-weser-ems/fachreferent'),
  kovalenkoLueneburg: stableId('contact-person', 'netzwerk-migrantinnen-lueneburg/mentoring'),
};

/**
 * Names of the demo providers as the partners service's demo data has them: the search needs a copy of
 * the provider's name from the first start, before the gateway is up; the reference refresh replaces
 * these copies with what the graph says (see docs/resources.md).
 */
export const PROVIDER_NAMES: Record<string, string> = {
  'g-mit-niedersachsen': 'G mit Niedersachsen – Bildungs- und Beratungsstelle Geschlechtergleichstellung in der Migrationsgesellschaft',
  'vnb-ev': 'Verein Niedersächsischer Bildungsinitiativen e.V.',
  'frauenberatung-osnabrueck': 'Frauenberatungsstelle Osnabrück',
  'gleichstellungsbuero-braunschweig': 'Gleichstellungsbüro der Stadt Braunschweig',
  'netzwerk-migrantinnen-lueneburg': 'Netzwerk Migrantinnen Lüneburg e.V.',
  'jungen-und-maennerarbeit-weser-ems': 'Fachstelle Jungen- und Männerarbeit Weser-Ems',
  'koordinierungsstelle-frau-und-beruf-emsland': 'Koordinierungsstelle Frau und Beruf Landkreis Emsland',
  'forschungsstelle-gender-migration-goettingen': 'Forschungsstelle Gender und Migration Göttingen',
  'interkulturelles-frauencafe-hildesheim': 'Interkulturelles Frauencafé Hildesheim',
};

type DemoResource = Partial<Resource> &
  Pick<Resource, 'title' | 'kind'> & {
    provider: string;
    /** Days before seeding of the last review (default: reviewed on the day of seeding). */
    reviewedDaysAgo?: number;
  };

/** Demo offers of the resource pool; providers and topics are the partners service's demo data. */
export const DEMO_RESOURCES: DemoResource[] = [
  {
    title: 'Mehrsprachige Beratung bei häuslicher Gewalt',
    summary: 'Vertrauliche Beratung für Frauen, auf Wunsch mit Sprachmittlung in Arabisch, Farsi und Türkisch.',
    body: 'Die Beratung ist kostenlos und vertraulich. Termine nach Vereinbarung, auch kurzfristig. Kinderbetreuung kann organisiert werden.',
    kind: ResourceKind.COUNSELLING,
    provider: 'frauenberatung-osnabrueck',
    topicSlugs: ['gewaltschutz'],
    languages: ['de', 'ar', 'fa', 'tr'],
    targetGroups: ['Frauen mit Fluchterfahrung'],
    regionCodes: ['03404', '03459'],
    format: ResourceFormat.IN_PERSON,
    accessibility: 'Beratungsräume im Erdgeschoss, barrierefrei erreichbar.',
    contactIds: [DEMO_CONTACTS.haddadOsnabrueck],
  },
  {
    title: 'Gruppenangebot „Stark im Alltag“ für geflüchtete Frauen',
    summary: 'Wöchentliche Gruppe zu Alltag, Rechten und Gesundheit.',
    body: 'Acht Treffen mit Kinderbetreuung. Anmeldung erforderlich.',
    kind: ResourceKind.COURSE,
    provider: 'frauenberatung-osnabrueck',
    topicSlugs: ['gesundheit-und-familie', 'empowerment'],
    languages: ['de', 'ar'],
    regionCodes: ['03404'],
    format: ResourceFormat.IN_PERSON,
    validFrom: '2026-01-15',
    validUntil: '2027-06-30',
  },
  {
    title: 'Anerkennungsberatung für ausländische Berufsabschlüsse',
    summary: 'Wie wird mein Abschluss in Deutschland anerkannt? Beratung und Begleitung durch das Verfahren.',
    body: 'Wir prüfen mit Ihnen, welche Stelle zuständig ist, welche Unterlagen nötig sind und welche Fördermöglichkeiten es gibt.',
    kind: ResourceKind.COUNSELLING,
    provider: 'koordinierungsstelle-frau-und-beruf-emsland',
    topicSlugs: ['arbeitsmarktintegration'],
    languages: ['de', 'nl', 'pl'],
    targetGroups: ['Frauen mit Migrationserfahrung'],
    regionCodes: ['03454'],
    format: ResourceFormat.HYBRID,
    contactIds: [DEMO_CONTACTS.nowakEmsland],
  },
  {
    title: 'Mentoringprogramm Berufseinstieg für Migrantinnen',
    summary: 'Mentorinnen aus der Region begleiten ein Jahr lang beim beruflichen Einstieg.',
    body: 'Tandems treffen sich monatlich; dazu kommen Workshops zu Bewerbung und Arbeitsrecht.',
    kind: ResourceKind.PROJECT,
    provider: 'netzwerk-migrantinnen-lueneburg',
    topicSlugs: ['arbeitsmarktintegration', 'empowerment'],
    languages: ['de', 'ru', 'uk'],
    regionCodes: ['03355'],
    format: ResourceFormat.IN_PERSON,
  },
  {
    title: 'Sprachcafé für Frauen',
    summary: 'Deutsch sprechen üben in entspannter Runde, jeden Donnerstag.',
    body: 'Offenes Angebot ohne Anmeldung. Kinder sind willkommen.',
    kind: ResourceKind.COURSE,
    provider: 'netzwerk-migrantinnen-lueneburg',
    topicSlugs: ['bildung-und-sprache'],
    languages: ['de'],
    regionCodes: ['03355'],
    format: ResourceFormat.IN_PERSON,
  },
  {
    title: 'Fortbildung: Geschlechterreflektierte Arbeit mit geflüchteten Jungen',
    summary: 'Zweitägige Fortbildung für Fachkräfte der Jugendhilfe.',
    body: 'Grundlagen, Fallbeispiele und Methoden für die pädagogische Praxis.',
    kind: ResourceKind.COURSE,
    provider: 'jungen-und-maennerarbeit-weser-ems',
    topicSlugs: ['maenner-und-jungenarbeit'],
    languages: ['de'],
    statewide: true,
    format: ResourceFormat.HYBRID,
    freeOfCharge: false,
    cost: '80 € für zwei Tage, ermäßigt 40 €',
  },
  {
    title: 'Handreichung: Gleichstellung in der Migrationsgesellschaft',
    summary: 'Broschüre mit Begriffen, Zahlen und Praxisbeispielen aus Niedersachsen.',
    body: 'Zum Download und in gedruckter Form kostenlos erhältlich.',
    kind: ResourceKind.PUBLICATION,
    provider: 'g-mit-niedersachsen',
    topicSlugs: ['gleichstellung'],
    languages: ['de', 'en'],
    statewide: true,
    format: ResourceFormat.ONLINE,
    url: 'https://www.g-mit-niedersachsen.de/handreichung',
  },
  {
    title: 'Beratung für Migrant*innenorganisationen zu Fördermitteln',
    summary: 'Welche Förderprogramme passen zu unserem Projekt? Beratung für Vereine.',
    body: 'Einzelberatung und Workshops zu Antragstellung und Abrechnung.',
    kind: ResourceKind.COUNSELLING,
    provider: 'g-mit-niedersachsen',
    topicSlugs: ['empowerment'],
    languages: ['de', 'en'],
    statewide: true,
    format: ResourceFormat.ONLINE,
  },
  {
    title: 'Ringvorlesung Gender und Migration',
    summary: 'Öffentliche Vorträge im Wintersemester, auch im Livestream.',
    body: 'Wissenschaftlerinnen und Praktikerinnen stellen aktuelle Forschung vor.',
    kind: ResourceKind.INFORMATION,
    provider: 'forschungsstelle-gender-migration-goettingen',
    topicSlugs: ['gleichstellung', 'antidiskriminierung'],
    languages: ['de', 'en'],
    statewide: true,
    format: ResourceFormat.HYBRID,
    validFrom: '2025-10-15',
    validUntil: '2026-02-15',
  },
  {
    title: 'Workshopreihe Frauen in Führung',
    summary: 'Workshops für Frauen mit Migrationsgeschichte, die Verantwortung übernehmen wollen.',
    body: 'Vier Module zu Kommunikation, Verhandlung und Netzwerken.',
    kind: ResourceKind.COURSE,
    provider: 'gleichstellungsbuero-braunschweig',
    topicSlugs: ['gleichstellung', 'arbeitsmarktintegration'],
    languages: ['de'],
    regionCodes: ['03101'],
    format: ResourceFormat.IN_PERSON,
  },
  {
    title: 'Entwurf: Elternabende zu Gewaltschutz',
    summary: 'Noch nicht veröffentlicht.',
    kind: ResourceKind.PROJECT,
    provider: 'frauenberatung-osnabrueck',
    topicSlugs: ['gewaltschutz'],
    status: PublicationStatus.DRAFT,
  },
  {
    title: 'Telefonische Erstberatung bei häuslicher Gewalt',
    summary: 'Montag bis Freitag von 9 bis 13 Uhr erreichbar, auf Wunsch mit Dolmetscherin am Telefon.',
    body:
      'Betroffene Frauen und Menschen aus ihrem Umfeld erhalten eine erste Einschätzung, Informationen zu Schutzmöglichkeiten und Kontakte zu Frauenhäusern in der Region. Die Beratung ist anonym.\n\nIn dringenden Fällen außerhalb der Sprechzeiten: Hilfetelefon Gewalt gegen Frauen, 116 016.',
    kind: ResourceKind.HOTLINE,
    provider: 'frauenberatung-osnabrueck',
    topicSlugs: ['gewaltschutz'],
    languages: ['de', 'ar', 'fa', 'tr', 'ru'],
    targetGroups: ['Frauen mit Fluchterfahrung', 'Frauen mit Migrationserfahrung'],
    regionCodes: ['03404', '03459'],
    format: ResourceFormat.ONLINE,
    contactIds: [DEMO_CONTACTS.haddadOsnabrueck],
  },
  {
    title: 'Arbeitshilfe: Gewaltschutz in Gemeinschaftsunterkünften',
    summary: 'Checklisten und Ablaufpläne für Einrichtungsleitungen und Sozialarbeit in Unterkünften für Geflüchtete.',
    body: 'Die Arbeitshilfe fasst Mindeststandards zusammen und zeigt, wie Beschwerdewege, Schutzräume und Kooperationen mit Beratungsstellen vor Ort eingerichtet werden.',
    kind: ResourceKind.MATERIAL,
    provider: 'frauenberatung-osnabrueck',
    topicSlugs: ['gewaltschutz'],
    languages: ['de'],
    targetGroups: ['Fachkräfte in Gemeinschaftsunterkünften'],
    statewide: true,
    format: ResourceFormat.ONLINE,
    url: 'https://www.frauenberatung-osnabrueck.de/arbeitshilfe-gewaltschutz',
    reviewedDaysAgo: 430,
  },
  {
    title: 'Fortbildungsreihe Gleichstellung in der Migrationsgesellschaft',
    summary: 'Sechs Module für Fachkräfte aus Beratung, Bildung und Verwaltung, einzeln buchbar.',
    body:
      'Die Reihe vermittelt Grundlagen zu Geschlechterverhältnissen in der Migrationsgesellschaft, rechtliche Rahmenbedingungen und Methoden für eine diskriminierungssensible Praxis. Termine online und in Hannover.',
    kind: ResourceKind.COURSE,
    provider: 'g-mit-niedersachsen',
    topicSlugs: ['gleichstellung', 'antidiskriminierung'],
    languages: ['de'],
    targetGroups: ['Fachkräfte der Migrationsberatung', 'Kommunale Verwaltung'],
    statewide: true,
    format: ResourceFormat.HYBRID,
    accessibility: 'Veranstaltungsort rollstuhlgerecht; Gebärdensprachdolmetschung auf Anfrage.',
    contactIds: [DEMO_CONTACTS.sahinGmit],
  },
  {
    title: 'Methodenkoffer Empowerment-Workshops',
    summary: 'Übungen und Ablaufpläne für Workshops mit Frauen mit Migrations- und Fluchterfahrung.',
    body: 'Erprobte Methoden zu Selbstwirksamkeit, Rechten im Alltag und Vernetzung, mit Kopiervorlagen in leichter Sprache.',
    kind: ResourceKind.MATERIAL,
    provider: 'g-mit-niedersachsen',
    topicSlugs: ['empowerment'],
    languages: ['de', 'en', 'ar'],
    statewide: true,
    format: ResourceFormat.ONLINE,
    url: 'https://www.g-mit-niedersachsen.de/methodenkoffer',
  },
  {
    title: 'Sommerakademie Empowerment 2025',
    summary: 'Drei Tage Austausch und Qualifizierung für Aktive aus Migrantinnenorganisationen.',
    body: 'Workshops zu Vereinsarbeit, Öffentlichkeitsarbeit und Fördermitteln; Übernachtung und Verpflegung wurden gestellt.',
    kind: ResourceKind.COURSE,
    provider: 'g-mit-niedersachsen',
    topicSlugs: ['empowerment'],
    languages: ['de'],
    statewide: true,
    format: ResourceFormat.IN_PERSON,
    validFrom: '2025-08-28',
    validUntil: '2025-08-30',
    reviewedDaysAgo: 400,
  },
  {
    title: 'Förderprogramm Bildungsinitiativen mit geflüchteten Frauen',
    summary: 'Zuschüsse bis 5.000 € für lokale Bildungsprojekte von und mit geflüchteten Frauen.',
    body: 'Antragsberechtigt sind gemeinnützige Initiativen in Niedersachsen. Anträge sind jederzeit möglich; die Bewilligung erfolgt quartalsweise.',
    kind: ResourceKind.FUNDING_PROGRAMME,
    provider: 'vnb-ev',
    topicSlugs: ['empowerment', 'bildung-und-sprache'],
    languages: ['de'],
    targetGroups: ['Migrant*innenorganisationen', 'Initiativen'],
    statewide: true,
    format: ResourceFormat.ONLINE,
    validFrom: '2026-01-01',
    validUntil: '2027-12-31',
    url: 'https://www.vnb.de/foerderprogramm-bildungsinitiativen',
  },
  {
    title: 'Qualifizierung zur Sprachmittlerin im sozialen Bereich',
    summary: 'Berufsbegleitende Qualifizierung für mehrsprachige Frauen, die in Beratung und Behörden dolmetschen.',
    body: 'Zwölf Seminartage zu Rolle, Ethik, Fachbegriffen und Selbstfürsorge. Mit Zertifikat.',
    kind: ResourceKind.COURSE,
    provider: 'vnb-ev',
    topicSlugs: ['arbeitsmarktintegration', 'bildung-und-sprache'],
    languages: ['de', 'ar', 'fa', 'ku', 'ti'],
    targetGroups: ['Frauen mit Migrationserfahrung'],
    regionCodes: ['03241'],
    format: ResourceFormat.IN_PERSON,
    freeOfCharge: false,
    cost: '150 € Eigenbeitrag, Ermäßigung auf Anfrage',
  },
  {
    title: 'Wegweiser Kinderbetreuung und Beruf für zugewanderte Eltern',
    summary: 'Was tun, wenn Arbeit, Sprachkurs und Kita zusammenpassen müssen? Ein Wegweiser mit Adressen in Braunschweig.',
    body: 'Der Wegweiser erklärt Kita-Anmeldung, Betreuungsgeld und Teilzeitmodelle und nennt Ansprechstellen in der Stadt.',
    kind: ResourceKind.PUBLICATION,
    provider: 'gleichstellungsbuero-braunschweig',
    topicSlugs: ['gesundheit-und-familie', 'arbeitsmarktintegration'],
    languages: ['de', 'en', 'ar', 'uk'],
    targetGroups: ['Zugewanderte Eltern'],
    regionCodes: ['03101'],
    format: ResourceFormat.ONLINE,
    url: 'https://www.braunschweig.de/gleichstellung/wegweiser',
  },
  {
    title: 'Gesprächsgruppe für Frauen aus der Ukraine',
    summary: 'Monatliche Treffen zum Austausch, mit Informationen zu Aufenthalt, Arbeit und Schule.',
    body: 'Die Gruppe wird von Frauen aus der Ukraine selbst organisiert und vom Netzwerk begleitet. Kinder sind willkommen.',
    kind: ResourceKind.PROJECT,
    provider: 'netzwerk-migrantinnen-lueneburg',
    topicSlugs: ['empowerment'],
    languages: ['uk', 'ru', 'de'],
    targetGroups: ['Frauen mit Fluchterfahrung'],
    regionCodes: ['03355'],
    format: ResourceFormat.IN_PERSON,
    contactIds: [DEMO_CONTACTS.kovalenkoLueneburg],
  },
  {
    title: 'Väterarbeit interkulturell: Gesprächsabende für Väter',
    summary: 'Väter mit Migrationsgeschichte sprechen über Erziehung, Rollenbilder und Familie in Deutschland.',
    body: 'Offene Abende in Oldenburg, moderiert von Fachkräften der Jungen- und Männerarbeit, bei Bedarf mit Sprachmittlung.',
    kind: ResourceKind.COURSE,
    provider: 'jungen-und-maennerarbeit-weser-ems',
    topicSlugs: ['maenner-und-jungenarbeit', 'gesundheit-und-familie'],
    languages: ['de', 'ar', 'tr'],
    targetGroups: ['Väter mit Migrationsgeschichte'],
    regionCodes: ['03403'],
    format: ResourceFormat.IN_PERSON,
    contactIds: [DEMO_CONTACTS.yilmazWeserEms],
  },
  {
    title: 'Bewerbungstraining für Frauen mit Fluchterfahrung',
    summary: 'Lebenslauf, Anschreiben und Vorstellungsgespräch üben, mit Kinderbetreuung.',
    body: 'Vier Vormittage in Meppen und Lingen. Die Teilnahme ist kostenlos; Fahrtkosten können erstattet werden.',
    kind: ResourceKind.COURSE,
    provider: 'koordinierungsstelle-frau-und-beruf-emsland',
    topicSlugs: ['arbeitsmarktintegration'],
    languages: ['de', 'ar', 'ti'],
    targetGroups: ['Frauen mit Fluchterfahrung'],
    regionCodes: ['03454'],
    format: ResourceFormat.IN_PERSON,
    contactIds: [DEMO_CONTACTS.nowakEmsland],
  },
  {
    title: 'Studie: Erwerbsverläufe geflüchteter Frauen in Niedersachsen',
    summary: 'Ergebnisse einer Befragung von 400 Frauen zu Qualifikation, Sprachkursen und Beschäftigung.',
    body: 'Die Studie zeigt, wo Beratungsstellen und Jobcenter ansetzen können, und enthält Empfehlungen für die kommunale Praxis.',
    kind: ResourceKind.PUBLICATION,
    provider: 'forschungsstelle-gender-migration-goettingen',
    topicSlugs: ['arbeitsmarktintegration', 'gleichstellung'],
    languages: ['de', 'en'],
    statewide: true,
    format: ResourceFormat.ONLINE,
    url: 'https://www.uni-goettingen.de/gender-migration/studie-erwerbsverlaeufe',
  },
  {
    title: 'Offenes Frauencafé mit Kinderbetreuung',
    summary: 'Jeden Mittwochnachmittag: Kaffee, Austausch und Beratung in der Hildesheimer Nordstadt.',
    body: 'Wird mit dem Frauencafé vorbereitet und erscheint, sobald das Profil des Frauencafés veröffentlicht ist.',
    kind: ResourceKind.PROJECT,
    provider: 'interkulturelles-frauencafe-hildesheim',
    topicSlugs: ['empowerment'],
    languages: ['de', 'ar', 'tr'],
    regionCodes: ['03254'],
    format: ResourceFormat.IN_PERSON,
    status: PublicationStatus.DRAFT,
  },
];


/** Inserts the demo resources once (when there are none yet); ids are `stableId('resource', title)`. */
export async function seedDemo({ ds, log, clock }: SubgraphDeps): Promise<void> {
  if ((await ds.getRepository(Resource).count()) > 0) return;
  const now = clock.now();
  await ds.getRepository(Resource).insert(
    DEMO_RESOURCES.map(({ provider, reviewedDaysAgo = 0, ...r }) => {
      const status = r.status ?? PublicationStatus.PUBLISHED;
      return {
        status,
        publishedAt: status === PublicationStatus.DRAFT ? null : now,
        lastReviewedAt: new Date(now.getTime() - reviewedDaysAgo * 86_400_000),
        ...r,
        id: stableId('resource', r.title),
        providerId: partner(provider),
        providerName: PROVIDER_NAMES[provider] ?? '',
      };
    }),
  );
  // Demo translations for reviewers (docs/languages.md): unchecked demo texts, `updated_by` = `demo`.
  const rows = await ds.getRepository(Resource).findBy({ id: In(Object.keys(DEMO_TRANSLATIONS).map((t) => stableId('resource', t))) });
  for (const r of rows) {
    for (const [language, texts] of Object.entries(DEMO_TRANSLATIONS[r.title])) await resourceTranslations.save(ds.manager, r, language, texts, 'demo');
  }
  log.info(`[resources] seeded ${DEMO_RESOURCES.length} resources`);
}

/** Demo translations (marked as demo texts: `updated_by` = `demo`), by German title and language. */
export const DEMO_TRANSLATIONS: Record<string, Record<string, { title: string; summary?: string; body?: string }>> = {
  'Mehrsprachige Beratung bei häuslicher Gewalt': {
    ar: {
      title: 'استشارة متعددة اللغات في حالات العنف المنزلي',
      summary: 'استشارة سرية للنساء، مع ترجمة إلى العربية والفارسية والتركية عند الطلب.',
      body: 'الاستشارة مجانية وسرية. المواعيد بالاتفاق، وفي وقت قصير أيضاً. يمكن تنظيم رعاية الأطفال.',
    },
    uk: {
      title: 'Багатомовна консультація у разі домашнього насильства',
      summary: 'Конфіденційна консультація для жінок, за бажанням з перекладом арабською, фарсі та турецькою.',
    },
  },
  'Sprachcafé für Frauen': {
    en: { title: 'Language café for women', summary: 'Practise German together in a relaxed setting.' },
  },
};
