import type { PublicationStatus } from '@mitgen/subgraph-kit';
import type { GraphClient } from './graph.client';

/** What the graph says about a partner this service references. */
export interface PartnerInfo {
  id: string;
  name: string;
  status: PublicationStatus;
}

/** The references to look up; any list may be empty. */
export interface LookupRequest {
  partners?: readonly string[];
  topics?: readonly string[];
  regions?: readonly string[];
  contacts?: readonly string[];
}

/** Answers per asked key; null / false where the graph knows none (or does not show it to this service). */
export interface LookupResult {
  partners: Map<string, PartnerInfo | null>;
  /** Current slug per asked slug (old slugs of renamed or merged topics map to the current one). */
  topics: Map<string, string | null>;
  regions: Map<string, boolean>;
  contacts: Map<string, boolean>;
}

/**
 * How the resources service learns about data the partners service owns. Resolvers reach it as
 * `ctx.services.lookup`; tests inject their own. Throws `GraphUnavailableError` when it cannot answer.
 */
export interface ReferenceLookup {
  lookUp(request: LookupRequest): Promise<LookupResult>;
}

/**
 * Aliases per request: below the gateway's limit for anonymous callers (MAX_ALIASES, default 15),
 * which applies when the service asks the graph without an account.
 */
const CHUNK = 12;

const chunks = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * The lookup through the gateway: `partner(id)`, `topic(slug)` and `region(code)` of the partners
 * service as aliased root fields, and contact persons through this service's own
 * `contactPersonLookup(ids)`, whose `ContactPerson` references the gateway resolves at the partners
 * service (a gone contact comes back as null). Contacts go in their own request, so that a graph
 * without `ContactPerson.name` fails only the contact check.
 */
export function graphReferenceLookup(graph: GraphClient): ReferenceLookup {
  return {
    async lookUp(request) {
      const result: LookupResult = { partners: new Map(), topics: new Map(), regions: new Map(), contacts: new Map() };
      const partners = [...new Set(request.partners ?? [])];
      const topics = [...new Set(request.topics ?? [])];
      const regions = [...new Set(request.regions ?? [])];
      const contacts = [...new Set(request.contacts ?? [])];

      type Item = { kind: 'p' | 't' | 'r'; key: string };
      const items: Item[] = [
        ...partners.map((key) => ({ kind: 'p' as const, key })),
        ...topics.map((key) => ({ kind: 't' as const, key })),
        ...regions.map((key) => ({ kind: 'r' as const, key })),
      ];
      for (const part of chunks(items)) {
        const vars: string[] = [];
        const fields: string[] = [];
        const variables: Record<string, string> = {};
        part.forEach((item, i) => {
          const name = `${item.kind}${i}`;
          variables[name] = item.key;
          if (item.kind === 'p') {
            vars.push(`$${name}: ID!`);
            fields.push(`${name}: partner(id: $${name}) { id name status }`);
          } else if (item.kind === 't') {
            vars.push(`$${name}: String!`);
            fields.push(`${name}: topic(slug: $${name}) { slug }`);
          } else {
            vars.push(`$${name}: String!`);
            fields.push(`${name}: region(code: $${name}) { code }`);
          }
        });
        // One alias per asked key; its prefix tells which of the three answers it is.
        type Answer = PartnerInfo | { slug: string } | { code: string } | null;
        const data = await graph.query<Record<string, Answer>>(`query ResourceReferences(${vars.join(', ')}) { ${fields.join(' ')} }`, variables);
        part.forEach((item, i) => {
          const answer = data[`${item.kind}${i}`];
          if (item.kind === 'p') {
            const partner = answer as PartnerInfo | null;
            result.partners.set(item.key, partner ? { id: partner.id, name: partner.name, status: partner.status } : null);
          } else if (item.kind === 't') result.topics.set(item.key, (answer as { slug: string } | null)?.slug ?? null);
          else result.regions.set(item.key, !!answer);
        });
      }
      for (const part of chunks(contacts)) {
        const data = await graph.query<{ contactPersonLookup: Array<{ id: string } | null> }>(
          'query ResourceContacts($ids: [ID!]!) { contactPersonLookup(ids: $ids) { id name } }',
          { ids: part },
        );
        part.forEach((id, i) => result.contacts.set(id, !!data.contactPersonLookup[i]));
      }
      return result;
    },
  };
}
