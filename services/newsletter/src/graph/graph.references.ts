import { badInput, domainError, GraphUnavailableError, lookUpThroughGraph, type GraphClient, type GraphLookupField } from '@mitgen/subgraph-kit';

// The newsletter reads other services' public data through the gateway with the kit's GraphClient
// and lookUpThroughGraph (anonymous, or with GRAPH_API_KEY for higher limits): editions can only
// ever show what the public may see.

/** The kinds of records an edition item can show. */
export type RecordKind = 'EVENT' | 'RESOURCE' | 'PARTNER';

/** The root field each kind is read with, for a selection. */
export const recordField = (kind: RecordKind, selection: string): GraphLookupField => {
  const [field, type] = ({ EVENT: ['event', 'ID'], RESOURCE: ['resource', 'ID!'], PARTNER: ['partner', 'ID'] } as const)[kind];
  return { type, field: (v) => `${field}(id: $${v}) { ${selection} }` };
};

/** A record an edition item shows. */
export interface RecordRef {
  kind: RecordKind;
  id: string;
  /** The input field that names it, e.g. `items.2.id`. */
  field: string;
}

const EXISTS: Record<RecordKind, GraphLookupField> = { EVENT: recordField('EVENT', 'id'), RESOURCE: recordField('RESOURCE', 'id'), PARTNER: recordField('PARTNER', 'id') };
const TOPIC: Record<'TOPIC', GraphLookupField> = { TOPIC: { type: 'String!', field: (v) => `topic(slug: $${v}) { slug }` } };

/** The user-facing error when the graph cannot be read. */
export const unavailable = () =>
  domainError('GRAPH_UNAVAILABLE', 'Events, resources and partners cannot be read from the graph right now. Please try again in a moment.');

const orUnavailable = (e: unknown): never => {
  throw e instanceof GraphUnavailableError ? unavailable() : e;
};

/** Refuses (BAD_USER_INPUT on `field`) topic slugs the graph does not know. */
export async function assertTopicsExist(graph: GraphClient, slugs: string[], field: string): Promise<void> {
  if (!slugs.length) return;
  const found = await lookUpThroughGraph(graph, 'NewsletterTopics', TOPIC, slugs.map((key) => ({ kind: 'TOPIC' as const, key }))).catch(orUnavailable);
  const unknown = slugs.filter((_, i) => !found[i]);
  if (unknown.length) throw badInput(`Unknown topic(s): ${unknown.join(', ')}. Use slugs from the \`topics\` query.`, field);
}

/**
 * Refuses (BAD_USER_INPUT on the item's field) records the graph does not show the public: the same
 * root fields the edition's rendering reads.
 */
export async function assertRecordsExist(graph: GraphClient, refs: readonly RecordRef[]): Promise<void> {
  if (!refs.length) return;
  const found = await lookUpThroughGraph(graph, 'EditionReferences', EXISTS, refs.map((r) => ({ kind: r.kind, key: r.id }))).catch(orUnavailable);
  const missing = refs.filter((_, i) => !found[i]);
  if (missing.length) {
    const first = missing[0];
    throw badInput(`There is no public ${first.kind.toLowerCase()} with id ${first.id} (${first.field}); an edition can show only what the public may see.`, first.field, {
      missing: missing.map((m) => m.field),
    });
  }
}
