import { isUuid, type SubgraphContext } from '@mitgen/subgraph-kit';
import { partnerById } from '../partner/partner.loader';
import type { ContactPerson } from './contact-person.entity';
import { contactPersonById } from './contact-person.loader';
import { canSeeContactPerson } from './contact-person.service';

/**
 * `_entities` for ContactPerson (e.g. `Resource.contacts`): batched (one statement for the persons,
 * one for their partners), and null where the `contactPerson` query would give null — a person of an
 * unpublished partner, or a non-public one, for the public. Email and phone go through the same
 * field resolvers as everywhere.
 */
export const contactPersonReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext): Promise<ContactPerson | null> {
    if (!isUuid(ref.id)) return null;
    const contact = await contactPersonById(ctx).load(ref.id);
    if (!contact) return null;
    return canSeeContactPerson(ctx, contact, await partnerById(ctx).load(contact.partnerId)) ? contact : null;
  },
};
