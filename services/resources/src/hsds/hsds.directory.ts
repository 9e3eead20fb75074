import type { Clock } from '@mitgen/subgraph-kit';
import type { GraphClient } from '@mitgen/subgraph-kit';

// What the HSDS export needs from the partners service: organisations, contact persons, topic and
// region names. It comes through the graph (the gateway), in the public view, never from the
// partners database. Tests inject their own directory.

/** A contact person as the public sees it (email and phone only when published). */
export interface DirectoryContact {
  id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  languages: string[];
}

/** A partner organisation as the public sees it. */
export interface DirectoryPartner {
  id: string;
  name: string;
  shortName: string | null;
  description: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  logoUrl: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  region: { code: string; name: string } | null;
  languages: string[];
  /** Slugs of its topic areas. */
  topics: string[];
  /** Its public contact persons; only when asked for (`withContacts`). */
  contacts?: DirectoryContact[];
}

export interface DirectoryTopic {
  slug: string;
  name: string;
  description: string | null;
}

export interface HsdsDirectory {
  /** Partners by id; null where the graph shows none. */
  partners(ids: readonly string[], withContacts: boolean): Promise<Map<string, DirectoryPartner | null>>;
  /** Every published partner, sorted by name. */
  allPartners(): Promise<DirectoryPartner[]>;
  /** Every topic area. */
  topics(): Promise<DirectoryTopic[]>;
  /** Name of each region (district or city) by its official key. */
  regions(): Promise<Map<string, string>>;
  /** Contact persons by id; null where the graph shows none. */
  contacts(ids: readonly string[]): Promise<Map<string, DirectoryContact | null>>;
}

const PARTNER_FIELDS = 'id name shortName description website email phone logoUrl street postalCode city region { code name } languages topics { slug }';
const CONTACT_FIELDS = 'id name role email phone languages';
/** Aliases per request: below the gateway's limit for anonymous callers (MAX_ALIASES, default 15). */
const CHUNK = 12;
/** Answers are reused this long: lists that change rarely, and single partners and contacts. */
const LIST_TTL_MS = 60_000;

type RawPartner = Omit<DirectoryPartner, 'topics' | 'contacts'> & { topics: { slug: string }[]; contactPersons?: { nodes: DirectoryContact[] } };

const toPartner = (p: RawPartner): DirectoryPartner => {
  const { topics, contactPersons, ...rest } = p;
  return { ...rest, topics: topics.map((t) => t.slug), ...(contactPersons ? { contacts: contactPersons.nodes } : {}) };
};

const chunks = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Reuses one answer for `ttlMs`; a failed fetch is not kept. */
function cached<T>(clock: Clock, ttlMs: number, fetch: () => Promise<T>): () => Promise<T> {
  let entry: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = clock.now().getTime();
    if (!entry || now - entry.at >= ttlMs) {
      const value = fetch();
      entry = { at: now, value };
      value.catch(() => {
        if (entry?.value === value) entry = undefined;
      });
    }
    return entry.value;
  };
}

/**
 * Single records by key, each reused for `ttlMs` (found or not); the misses of one call are fetched
 * together. The graph sees a few requests a minute however many pages an importer reads.
 */
function cachedByKey<T>(clock: Clock, ttlMs: number, fetch: (keys: string[]) => Promise<Map<string, T | null>>) {
  const entries = new Map<string, { at: number; value: T | null }>();
  return async (keys: readonly string[]): Promise<Map<string, T | null>> => {
    const now = clock.now().getTime();
    const out = new Map<string, T | null>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const e = entries.get(key);
      if (e && now - e.at < ttlMs) out.set(key, e.value);
      else missing.push(key);
    }
    if (missing.length) {
      for (const [key, value] of await fetch(missing)) {
        entries.set(key, { at: now, value });
        out.set(key, value);
      }
    }
    // Keep the map from growing without end: drop what has run out.
    if (entries.size > 5000) for (const [key, e] of entries) if (now - e.at >= ttlMs) entries.delete(key);
    return out;
  };
}

/** Walks a connection of the graph to its end (100 per request, the gateway's maximum). */
async function readAll<T>(graph: GraphClient, field: string, selection: string): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  do {
    const data: Record<string, { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] }> = await graph.query(
      `query HsdsList($after: String) { ${field}(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`,
      { after },
    );
    out.push(...data[field].nodes);
    after = data[field].pageInfo.hasNextPage ? data[field].pageInfo.endCursor : null;
  } while (after);
  return out;
}

/**
 * The directory through the gateway, with a client that never signs in: the export shows exactly
 * what the public sees (published partners, public contact persons and their public details).
 */
export function graphDirectory(graph: GraphClient, clock: Clock): HsdsDirectory {
  const allPartners = cached(clock, LIST_TTL_MS, async () => (await readAll<RawPartner>(graph, 'partners', PARTNER_FIELDS)).map(toPartner));
  const topics = cached(clock, LIST_TTL_MS, () => readAll<DirectoryTopic>(graph, 'topics', 'slug name description'));
  const regions = cached(clock, LIST_TTL_MS, async () => new Map((await readAll<{ code: string; name: string }>(graph, 'regions', 'code name')).map((r) => [r.code, r.name])));
  const byId = async (ids: readonly string[], withContacts: boolean) => {
    const out = new Map<string, DirectoryPartner | null>();
    const selection = withContacts ? `${PARTNER_FIELDS} contactPersons(first: 50) { nodes { ${CONTACT_FIELDS} } }` : PARTNER_FIELDS;
    for (const part of chunks(ids)) {
      const vars = part.map((_, i) => `$p${i}: ID!`).join(', ');
      const fields = part.map((_, i) => `p${i}: partner(id: $p${i}) { ${selection} }`).join(' ');
      const data = await graph.query<Record<string, RawPartner | null>>(`query HsdsPartners(${vars}) { ${fields} }`, Object.fromEntries(part.map((id, i) => [`p${i}`, id])));
      part.forEach((id, i) => out.set(id, data[`p${i}`] ? toPartner(data[`p${i}`]!) : null));
    }
    return out;
  };
  // Published partners come from the cached list; others (archived ones keep their profile) one by one.
  const partnersOutsideList = cachedByKey(clock, LIST_TTL_MS, (ids) => byId(ids, false));
  const partnersWithContacts = cachedByKey(clock, LIST_TTL_MS, (ids) => byId(ids, true));
  const contacts = cachedByKey(clock, LIST_TTL_MS, async (ids) => {
    const out = new Map<string, DirectoryContact | null>();
    for (const part of chunks(ids)) {
      const data = await graph.query<{ contactPersonLookup: Array<DirectoryContact | null> }>(
        `query HsdsContacts($ids: [ID!]!) { contactPersonLookup(ids: $ids) { ${CONTACT_FIELDS} } }`,
        { ids: part },
      );
      part.forEach((id, i) => out.set(id, data.contactPersonLookup[i] ?? null));
    }
    return out;
  });
  return {
    allPartners,
    topics,
    regions,
    contacts,
    async partners(ids, withContacts) {
      if (withContacts) return partnersWithContacts(ids);
      const listed = new Map((await allPartners()).map((p) => [p.id, p]));
      const out = new Map<string, DirectoryPartner | null>();
      const rest: string[] = [];
      for (const id of new Set(ids)) {
        const p = listed.get(id);
        if (p) out.set(id, p);
        else rest.push(id);
      }
      if (rest.length) for (const [id, p] of await partnersOutsideList(rest)) out.set(id, p);
      return out;
    },
  };
}
