import { addDays, berlinDate, berlinTime, stableId, type SubgraphDeps } from '@mitgen/subgraph-kit';
import { Event, EventKind, EventOrganizer, EventStatus } from '../event/event.entity';
import { seedDemoRegistrations } from './registrations';
import { seedDemoTranslations } from './translations';

const partner = (slug: string) => stableId('partner', slug);

type DemoEvent = Partial<Event> &
  Pick<Event, 'slug' | 'title' | 'kind'> & { date: string; from: string; to: string; organizers: string[] };

/** Demo events: the Fachtag of 12 Sep 2019 and upcoming events dated relative to `today` (YYYY-MM-DD). */
export function demoEvents(today: string): DemoEvent[] {
  const nextYear = Number(today.slice(0, 4)) + 1;
  const pavillon = { venueName: 'Kulturzentrum Pavillon', street: 'Lister Meile 4', postalCode: '30161', city: 'Hannover', regionCode: '03241' };
  return [
    {
      slug: 'fachtag-2019',
      title: 'Geschlechtergleichstellung im gesellschaftlichen Wandel – Projektionen | Praxisfragen | Perspektiven',
      description:
        'Fachtag des Netzwerks MitGeN mit über 100 Teilnehmenden: Begrüßung, Keynote, nachmittags Thementische und ein Speed-Dating der Netzwerkprojekte. Einlass und Anmeldung ab 9:30 Uhr im Foyer. Programm und Präsentationen stehen als Download bereit.',
      kind: EventKind.FACHTAG,
      date: '2019-09-12',
      from: '10:00',
      to: '16:30',
      ...pavillon,
      capacity: 120,
      topicSlugs: ['gleichstellung', 'arbeitsmarktintegration', 'empowerment'],
      organizers: ['g-mit-niedersachsen', 'vnb-ev'],
    },
    {
      slug: `netzwerktreffen-${addDays(today, -120)}`,
      title: 'Netzwerktreffen MitGeN: Rückblick und Planung',
      description: 'Austausch der Netzwerkpartner*innen zu aktuellen Projekten.',
      kind: EventKind.NETZWERKTREFFEN,
      date: addDays(today, -120),
      from: '10:00',
      to: '13:00',
      venueName: 'Universität Göttingen, Seminarraum',
      city: 'Göttingen',
      regionCode: '03159',
      capacity: 30,
      topicSlugs: ['gleichstellung'],
      organizers: ['g-mit-niedersachsen', 'forschungsstelle-gender-migration-goettingen'],
    },
    {
      slug: `online-info-anerkennung-${addDays(today, 20)}`,
      title: 'Online-Info: Anerkennung ausländischer Berufsabschlüsse',
      description: 'Kurzvortrag und offene Fragerunde für Fachkräfte und Interessierte.',
      kind: EventKind.WORKSHOP,
      date: addDays(today, 20),
      from: '17:00',
      to: '18:30',
      online: true,
      onlineUrl: 'https://meet.example.org/mitgen-anerkennung',
      capacity: 100,
      topicSlugs: ['arbeitsmarktintegration'],
      organizers: ['koordinierungsstelle-frau-und-beruf-emsland'],
    },
    {
      slug: `netzwerktreffen-${addDays(today, 21)}`,
      title: 'Netzwerktreffen MitGeN in Osnabrück',
      description: 'Das nächste Treffen der Netzwerkpartner*innen: Gewaltschutz in Unterkünften, Berichte aus den Regionen, Planung des Fachtags.',
      kind: EventKind.NETZWERKTREFFEN,
      date: addDays(today, 21),
      from: '10:00',
      to: '14:00',
      venueName: 'Frauenberatungsstelle Osnabrück',
      street: 'Beispielstraße 12',
      postalCode: '49074',
      city: 'Osnabrück',
      regionCode: '03404',
      online: true,
      onlineUrl: 'https://meet.example.org/mitgen-netzwerktreffen',
      capacity: 40,
      topicSlugs: ['gewaltschutz', 'gleichstellung'],
      organizers: ['g-mit-niedersachsen', 'frauenberatung-osnabrueck'],
    },
    {
      slug: `workshop-jungenarbeit-${addDays(today, 45)}`,
      title: 'Workshop: Männlichkeiten und Flucht',
      description: 'Methoden für die geschlechterreflektierte Arbeit mit jungen Männern.',
      kind: EventKind.WORKSHOP,
      date: addDays(today, 45),
      from: '09:30',
      to: '16:00',
      city: 'Oldenburg',
      regionCode: '03403',
      capacity: 20,
      topicSlugs: ['maenner-und-jungenarbeit'],
      organizers: ['jungen-und-maennerarbeit-weser-ems'],
    },
    {
      slug: `fortbildung-braunschweig-${addDays(today, 60)}`,
      title: 'Fortbildung: Diskriminierungssensible Beratung',
      description: 'Eintägige Fortbildung für Beratende in Kommunen und Vereinen.',
      kind: EventKind.TRAINING,
      date: addDays(today, 60),
      from: '09:00',
      to: '15:30',
      city: 'Braunschweig',
      regionCode: '03101',
      capacity: 25,
      topicSlugs: ['antidiskriminierung', 'gleichstellung'],
      organizers: ['gleichstellungsbuero-braunschweig', 'g-mit-niedersachsen'],
    },
    {
      slug: `netzwerktreffen-lueneburg-${addDays(today, 100)}`,
      title: 'Regionales Netzwerktreffen Lüneburg',
      description: 'Migrantinnenorganisationen und Beratungsstellen aus dem Nordosten tauschen sich aus.',
      kind: EventKind.NETZWERKTREFFEN,
      date: addDays(today, 100),
      from: '15:00',
      to: '18:00',
      city: 'Lüneburg',
      regionCode: '03355',
      capacity: 35,
      topicSlugs: ['empowerment'],
      organizers: ['netzwerk-migrantinnen-lueneburg', 'g-mit-niedersachsen'],
    },
    {
      slug: `fachtag-${nextYear}`,
      title: `Fachtag MitGeN ${nextYear}: Gleichstellung gemeinsam gestalten`,
      description: 'Der jährliche Fachtag des Netzwerks: Keynote, Thementische am Nachmittag und Speed-Dating der Netzwerkprojekte.',
      kind: EventKind.FACHTAG,
      date: `${nextYear}-09-10`,
      from: '10:00',
      to: '16:30',
      ...pavillon,
      capacity: 120,
      topicSlugs: ['gleichstellung', 'arbeitsmarktintegration', 'gewaltschutz', 'maenner-und-jungenarbeit'],
      organizers: ['g-mit-niedersachsen', 'vnb-ev', 'forschungsstelle-gender-migration-goettingen'],
    },
  ];
}

/** Inserts the demo events once (when there are none yet), dated relative to today; then their programme and registrations. */
export async function seedDemo({ ds, log, clock }: SubgraphDeps): Promise<void> {
  const now = clock.now();
  const events = demoEvents(berlinDate(now));
  if ((await ds.getRepository(Event).count()) === 0) {
    await ds.transaction(async (tx) => {
      for (const { date, from, to, organizers, ...fields } of events) {
        const id = stableId('event', fields.slug);
        await tx.getRepository(Event).insert({
          status: EventStatus.PUBLISHED,
          ...fields,
          id,
          startsAt: berlinTime(date, from),
          endsAt: berlinTime(date, to),
        });
        await tx.getRepository(EventOrganizer).insert(organizers.map((slug, position) => ({ eventId: id, partnerId: partner(slug), position })));
      }
    });
    log.info(`[events] seeded ${events.length} events`);
  }
  // Separately, so that databases seeded before registrations existed get them too.
  const [{ n }] = await ds.query('SELECT (SELECT count(*) FROM registration) + (SELECT count(*) FROM programme_item) AS n');
  if (Number(n) === 0) {
    await seedProgrammeAndRegistrations(ds, events, now);
    log.info('[events] seeded programme, theme tables and registrations');
  }
  const translated = await seedDemoTranslations(ds);
  if (translated) log.info(`[events] seeded ${translated} demo translations`);
}

async function seedProgrammeAndRegistrations(ds: SubgraphDeps['ds'], events: DemoEvent[], now: Date): Promise<void> {
  const existing = new Set((await ds.getRepository(Event).find({ select: { id: true } })).map((e) => e.id));
  const seeds = events
    .map((e) => ({ id: stableId('event', e.slug), slug: e.slug, date: e.date, capacity: e.capacity }))
    .filter((e) => existing.has(e.id));
  await ds.transaction(async (tx) => {
    await seedDemoRegistrations(tx, seeds, now);
    // The 2019 Fachtag's documentation in the resource pool (the resources service seeds it).
    await tx.query('UPDATE event SET documentation_resource_ids = $2 WHERE id = $1', [
      stableId('event', 'fachtag-2019'),
      [stableId('resource', 'Handreichung: Gleichstellung in der Migrationsgesellschaft')],
    ]);
  });
}
