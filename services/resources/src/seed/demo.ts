import { PublicationStatus, stableId, type SubgraphDeps } from '@mitgen/subgraph-kit';
import { Resource, ResourceFormat, ResourceKind } from '../resource/resource.entity';

const partner = (slug: string) => stableId('partner', slug);

type DemoResource = Partial<Resource> & Pick<Resource, 'title' | 'kind'> & { provider: string };

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
];

/** Inserts the demo resources once (when there are none yet). */
export async function seedDemo({ ds, log }: SubgraphDeps): Promise<void> {
  if ((await ds.getRepository(Resource).count()) > 0) return;
  await ds.getRepository(Resource).insert(
    DEMO_RESOURCES.map(({ provider, ...r }) => ({
      status: PublicationStatus.PUBLISHED,
      lastReviewedAt: new Date(),
      ...r,
      id: stableId('resource', r.title),
      providerId: partner(provider),
    })),
  );
  log.info(`[resources] seeded ${DEMO_RESOURCES.length} resources`);
}
