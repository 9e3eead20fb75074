// Putting together what two subgraphs say in JSON-LD: `Event.jsonLd` (events service) names its
// organisers by `@id` only; `Partner.jsonLd` (partners service) describes them. The same merge
// runs in the widget (gateway/embed/jsonld.ts), which imports this file.

export type JsonLdNode = Record<string, unknown>;

export interface EventWithOrganizers {
  jsonLd: JsonLdNode;
  organizers: Array<{ jsonLd: JsonLdNode } | null>;
}

/** A node without its `@context` (inside a document that has one). */
export function withoutContext(node: JsonLdNode): JsonLdNode {
  const { '@context': _context, ...rest } = node;
  return rest;
}

/** The event with each organiser stub (`@id` only) replaced by the partner's full `Organization`. */
export function eventWithOrganizers(e: EventWithOrganizers): JsonLdNode {
  const byId = new Map(e.organizers.filter((o): o is { jsonLd: JsonLdNode } => !!o).map((o) => [o.jsonLd['@id'], withoutContext(o.jsonLd)]));
  const event = withoutContext(e.jsonLd);
  const organizer = event.organizer;
  if (Array.isArray(organizer)) event.organizer = organizer.map((stub: JsonLdNode) => byId.get(stub['@id']) ?? stub);
  return event;
}

/** One JSON-LD document with a `@graph` of nodes. */
export function graphDocument(nodes: JsonLdNode[]): JsonLdNode {
  return { '@context': 'https://schema.org', '@graph': nodes };
}
