import { registerEnumType } from 'type-graphql';

/** Publication state shared by partners, resources and events (one enum in the supergraph). */
export enum PublicationStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(PublicationStatus, {
  name: 'PublicationStatus',
  description: 'Whether the public can see a record.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; visible to coordinators and its own organisation only.' },
    PUBLISHED: { description: 'Visible to everyone.' },
    ARCHIVED: { description: 'No longer active; hidden from public lists.' },
  },
});
