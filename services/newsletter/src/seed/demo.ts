import { addDays, berlinDate, stableId, type SubgraphDeps } from '@mitgen/subgraph-kit';
import { CONSENT_TEXT_VERSION } from '../consent/consent.resolver';
import { Edition, EditionItemKind, EditionStatus } from '../edition/edition.entity';
import { Subscriber, SubscriberStatus } from '../subscriber/subscriber.entity';

/** Demo subscribers (example.org addresses only: nothing real is ever mailed). */
export const DEMO_SUBSCRIBERS: Array<Pick<Subscriber, 'email' | 'name' | 'language' | 'topicSlugs' | 'status'>> = [
  { email: 'leyla.demir@example.org', name: 'Leyla Demir', language: 'de', topicSlugs: ['arbeitsmarktintegration', 'empowerment'], status: SubscriberStatus.CONFIRMED },
  { email: 'jana.koehler@example.org', name: 'Jana Köhler', language: 'de', topicSlugs: [], status: SubscriberStatus.CONFIRMED },
  { email: 'amir.haidari@example.org', name: 'Amir Haidari', language: 'de', topicSlugs: ['maenner-und-jungenarbeit'], status: SubscriberStatus.CONFIRMED },
  { email: 'beratung@frauenberatung-os.example.org', name: null, language: 'de', topicSlugs: ['gewaltschutz'], status: SubscriberStatus.CONFIRMED },
  { email: 'maria.santos@example.org', name: 'Maria Santos', language: 'en', topicSlugs: ['bildung-und-sprache'], status: SubscriberStatus.CONFIRMED },
  { email: 'tobias.wendt@example.org', name: 'Tobias Wendt', language: 'de', topicSlugs: ['gleichstellung'], status: SubscriberStatus.PENDING },
];

/** Inserts demo subscribers (with consent proofs) and editions once, when there are no subscribers yet. */
export async function seedDemo({ ds, log, clock }: SubgraphDeps): Promise<void> {
  if ((await ds.getRepository(Subscriber).count()) > 0) return;
  const now = clock.now();
  const today = berlinDate(now);
  const daysAgo = (n: number) => new Date(now.getTime() - n * 24 * 3600_000);
  await ds.transaction(async (tx) => {
    for (const [i, s] of DEMO_SUBSCRIBERS.entries()) {
      const confirmed = s.status === SubscriberStatus.CONFIRMED;
      const { id } = await tx.getRepository(Subscriber).save({
        ...s,
        lastSignupAt: daysAgo(confirmed ? 60 - i : 0),
        confirmedAt: confirmed ? daysAgo(60 - i) : null,
        signupConsentVersion: CONSENT_TEXT_VERSION,
      });
      if (confirmed) {
        // Documentation addresses (RFC 5737) stand in for the clients' real ones.
        await tx.query(
          `INSERT INTO newsletter_consent (subscriber_id, requested_at, confirmed_at, ip_address, user_agent, consent_text_version) VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, daysAgo(60 - i), new Date(daysAgo(60 - i).getTime() + 600_000), `192.0.2.${10 + i}`, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0', CONSENT_TEXT_VERSION],
        );
      }
    }
    const editions = tx.getRepository(Edition);
    await editions.save({
      title: 'Rückblick Netzwerktreffen und neue Angebote',
      intro: 'Liebe Netzwerkpartner*innen,\n\nhier ist unser Rückblick auf das letzte Netzwerktreffen in Göttingen.',
      items: [{ kind: EditionItemKind.PARTNER, refId: stableId('partner', 'forschungsstelle-gender-migration-goettingen'), title: null, text: null }],
      status: EditionStatus.SENT,
      sendingStartedAt: daysAgo(30),
      enqueuedAt: daysAgo(30),
      sentAt: daysAgo(30),
      recipientsTotal: 5,
    });
    await editions.save({
      title: `Neues aus dem Netzwerk – ${new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric' }).format(now)}`,
      intro:
        'Liebe Leser*innen,\n\nim nächsten Netzwerktreffen geht es um Gewaltschutz in Unterkünften. Außerdem stellen wir ein Angebot und eine Partnerorganisation vor.',
      items: [
        { kind: EditionItemKind.EVENT, refId: stableId('event', `netzwerktreffen-${addDays(today, 21)}`), title: null, text: 'Anmeldung ab sofort möglich.' },
        { kind: EditionItemKind.RESOURCE, refId: stableId('resource', 'Sprachcafé für Frauen'), title: null, text: null },
        { kind: EditionItemKind.PARTNER, refId: stableId('partner', 'frauenberatung-osnabrueck'), title: null, text: null },
        {
          kind: EditionItemKind.TEXT,
          title: 'Fachtag: Save the Date',
          text: 'Der nächste Fachtag des Netzwerks findet im Herbst in Hannover statt. Programm und Anmeldung folgen.',
          url: null,
        },
      ],
    });
  });
  log.info(`[newsletter] seeded ${DEMO_SUBSCRIBERS.length} subscribers and 2 editions`);
}
