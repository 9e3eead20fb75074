import { PublicationStatus, type SubgraphDeps } from '@mitgen/subgraph-kit';
import type { ResourcesEnv } from '../env';
import type { ResourcesDeps } from '../prepare';

/** What one refresh did. */
export interface RefreshReport {
  checkedAt: Date;
  partners: number;
  contacts: number;
  topics: number;
  resourcesChanged: number;
  /** Steps that could not be done (the graph did not answer); their copies stay as they were. */
  problems: string[];
}

type Deps = Pick<SubgraphDeps<ResourcesEnv, ResourcesDeps>, 'ds' | 'log' | 'clock' | 'services'>;

/**
 * Refreshes this service's copies of partners-service data through the graph: provider names (part of
 * the full-text search) and states, current topic slugs (renamed or merged topics), and which contact
 * persons are gone (for the stale report). Archived resources are left alone.
 */
export async function refreshReferences({ ds, log, clock, services }: Deps): Promise<RefreshReport> {
  const checkedAt = clock.now();
  const report: RefreshReport = { checkedAt, partners: 0, contacts: 0, topics: 0, resourcesChanged: 0, problems: [] };
  const active = `status <> '${PublicationStatus.ARCHIVED}'`;
  const [{ providers, topics, contacts }] = (await ds.query(`
    SELECT coalesce(array_agg(DISTINCT provider_id), '{}') AS providers,
           coalesce((SELECT array_agg(DISTINCT t) FROM resource, unnest(topic_slugs) t WHERE ${active}), '{}') AS topics,
           coalesce((SELECT array_agg(DISTINCT c) FROM resource, unnest(contact_ids) c WHERE ${active}), '{}') AS contacts
    FROM resource WHERE ${active}`)) as [{ providers: string[]; topics: string[]; contacts: string[] }];

  let providersDone = false;
  try {
    const found = await services.lookup.lookUp({ partners: providers, topics });
    const ids = [...found.partners.keys()];
    const names = ids.map((id) => found.partners.get(id)?.name ?? null);
    const states = ids.map((id) => found.partners.get(id)?.status ?? null);
    // A partner the graph no longer shows keeps its last known name (still findable), but loses its status.
    const [, changed] = await ds.query(
      `UPDATE resource r SET provider_name = coalesce(v.name, r.provider_name), provider_status = v.status
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, name, status)
       WHERE r.provider_id = v.id AND r.${active}
         AND (r.provider_name IS DISTINCT FROM coalesce(v.name, r.provider_name) OR r.provider_status IS DISTINCT FROM v.status)`,
      [ids, names, states],
    );
    const renamed = [...found.topics].flatMap(([slug, topic]) => (topic && topic.slug !== slug ? [[slug, topic.slug] as const] : []));
    if (renamed.length) {
      const [, topicRows] = await ds.query(
        // Keeps the editor's order; a merge can make two slugs one.
        `UPDATE resource r SET topic_slugs = ARRAY(
           SELECT slug FROM (
             SELECT coalesce(m.current, t.slug) AS slug, min(t.n) AS n
             FROM unnest(r.topic_slugs) WITH ORDINALITY AS t(slug, n) LEFT JOIN unnest($1::text[], $2::text[]) AS m(old, current) ON m.old = t.slug
             GROUP BY 1) s ORDER BY n)
         WHERE r.topic_slugs && $1::text[]`,
        [renamed.map(([slug]) => slug), renamed.map(([, current]) => current)],
      );
      report.resourcesChanged += topicRows;
    }
    report.partners = ids.length;
    report.topics = renamed.length;
    report.resourcesChanged += changed;
    providersDone = true;
  } catch (e) {
    report.problems.push(`providers and topics: ${(e as Error).message}`);
  }

  let contactsDone = false;
  try {
    const found = await services.lookup.lookUp({ contacts });
    const gone = contacts.filter((id) => !found.contacts.get(id));
    const [, changed] = await ds.query(
      `UPDATE resource r SET missing_contact_ids = ARRAY(SELECT c FROM unnest(r.contact_ids) c WHERE c = ANY($1::uuid[]))
       WHERE r.${active} AND r.missing_contact_ids IS DISTINCT FROM ARRAY(SELECT c FROM unnest(r.contact_ids) c WHERE c = ANY($1::uuid[]))`,
      [gone],
    );
    report.contacts = contacts.length;
    report.resourcesChanged += changed;
    contactsDone = true;
  } catch (e) {
    report.problems.push(`contact persons: ${(e as Error).message}`);
  }

  // Only a complete check lets the stale report trust "provider not found" and "contact gone".
  if (providersDone && contactsDone) await ds.query(`UPDATE resource SET references_checked_at = $1 WHERE ${active}`, [checkedAt]);
  if (report.problems.length) log.warn({ problems: report.problems }, '[resources] refreshing references through the graph was incomplete');
  else log.info({ partners: report.partners, contacts: report.contacts, changed: report.resourcesChanged }, '[resources] references refreshed');
  return report;
}

/** Runs `refreshReferences` every REFERENCE_REFRESH_MINUTES (first run one interval after start, when the gateway is up). */
export function referenceRefreshWorker(deps: SubgraphDeps<ResourcesEnv, ResourcesDeps>): { stop(): Promise<void> } {
  const minutes = deps.env.REFERENCE_REFRESH_MINUTES;
  if (!minutes) return { stop: async () => {} };
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= refreshReferences(deps)
      .catch((e) => deps.log.error({ err: e }, '[resources] refreshing references failed'))
      .finally(() => (running = undefined));
  }, minutes * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
