import {
  actsFor,
  assertActsFor,
  badInput,
  optionalEmailAddress,
  paginate,
  PublicationStatus,
  type Page,
  type SubgraphContext,
} from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { auditProfilePart } from '../common/audit';
import { rejectNulls } from '../common/input';
import { assertVersion, lockById } from '../common/record';
import { Partner } from '../partner/partner.entity';
import { canSee } from '../partner/partner.service';
import { resolveTopicSlugs } from '../topic/topic.service';
import { ContactPerson, ContactPersonTopic } from './contact-person.entity';
import type { ContactPersonFilter, CreateContactPersonInput, UpdateContactPersonInput } from './contact-person.input';

/** Personal data: the audit log says only that it changed. */
const REDACT = ['name', 'email', 'phone'] as const;

/** True when the caller may see this contact person (its partner must be visible to the caller too). */
export function canSeeContactPerson(ctx: SubgraphContext, contact: ContactPerson, partner: Partner | null): boolean {
  if (!partner || !canSee(ctx, partner)) return false;
  return contact.isPublic || actsFor(ctx, contact.partnerId);
}

/** True when the caller sees everything about the person (coordinators, editors of the partner). */
export const seesAllOf = (ctx: SubgraphContext, contact: ContactPerson) => actsFor(ctx, contact.partnerId);

async function topicsOf(manager: EntityManager, id: string): Promise<string[]> {
  const rows = await manager.getRepository(ContactPersonTopic).findBy({ contactPersonId: id });
  return rows.map((r) => r.topicSlug).sort();
}

const snapshot = (c: ContactPerson, topics: string[]) => ({
  name: c.name,
  role: c.role,
  areaOfResponsibility: c.areaOfResponsibility,
  email: c.email,
  phone: c.phone,
  isPublic: c.isPublic,
  emailPublic: c.emailPublic,
  phonePublic: c.phonePublic,
  languages: c.languages,
  topics,
});

async function setTopics(manager: EntityManager, id: string, topics: string[]): Promise<void> {
  await manager.getRepository(ContactPersonTopic).delete({ contactPersonId: id });
  if (topics.length) await manager.getRepository(ContactPersonTopic).insert(topics.map((topicSlug) => ({ contactPersonId: id, topicSlug })));
}

/** Adds a contact person to a partner (coordinators, editors of that partner). */
export async function createContactPerson(ctx: SubgraphContext, input: CreateContactPersonInput): Promise<ContactPerson> {
  assertActsFor(ctx, input.partnerId);
  return ctx.ds.transaction(async (tx) => {
    if (!(await tx.getRepository(Partner).existsBy({ id: input.partnerId }))) throw badInput('no partner has this id', 'partnerId');
    const topics = await resolveTopicSlugs(tx, input.topics ?? [], 'topics');
    const contact = tx.getRepository(ContactPerson).create({
      partnerId: input.partnerId,
      name: input.name.trim(),
      role: input.role?.trim() || null,
      areaOfResponsibility: input.areaOfResponsibility?.trim() || null,
      email: optionalEmailAddress(input.email),
      phone: input.phone?.trim() || null,
      isPublic: input.isPublic ?? true,
      emailPublic: input.emailPublic ?? false,
      phonePublic: input.phonePublic ?? false,
      languages: [...new Set(input.languages ?? [])],
    });
    await tx.getRepository(ContactPerson).save(contact);
    await setTopics(tx, contact.id, topics);
    await auditProfilePart(tx, ctx, contact.partnerId, 'contactPerson', {
      id: contact.id,
      verb: 'CREATE',
      before: null,
      after: snapshot(contact, topics),
      redact: REDACT,
    });
    return contact;
  });
}

/** The contact person, locked, after checking that the caller may change it. */
async function lockOwned(tx: EntityManager, ctx: SubgraphContext, id: string): Promise<ContactPerson> {
  const contact = await lockById(tx, ContactPerson, id, 'Contact person');
  assertActsFor(ctx, contact.partnerId);
  return contact;
}

/** Changes a contact person; `input.version` must be the current one. */
export async function updateContactPerson(ctx: SubgraphContext, id: string, input: UpdateContactPersonInput): Promise<ContactPerson> {
  rejectNulls(input, ['name', 'isPublic', 'emailPublic', 'phonePublic']);
  return ctx.ds.transaction(async (tx) => {
    const contact = await lockOwned(tx, ctx, id);
    assertVersion(contact, input.version, 'The contact person');
    const topicsBefore = await topicsOf(tx, contact.id);
    const before = snapshot(contact, topicsBefore);
    const topics = input.topics === undefined ? topicsBefore : await resolveTopicSlugs(tx, input.topics ?? [], 'topics');
    if (input.name !== undefined) contact.name = input.name!.trim();
    if (input.role !== undefined) contact.role = input.role?.trim() || null;
    if (input.areaOfResponsibility !== undefined) contact.areaOfResponsibility = input.areaOfResponsibility?.trim() || null;
    if (input.email !== undefined) contact.email = optionalEmailAddress(input.email);
    if (input.phone !== undefined) contact.phone = input.phone?.trim() || null;
    if (input.isPublic != null) contact.isPublic = input.isPublic;
    if (input.emailPublic != null) contact.emailPublic = input.emailPublic;
    if (input.phonePublic != null) contact.phonePublic = input.phonePublic;
    if (input.languages !== undefined) contact.languages = [...new Set(input.languages ?? [])];
    await tx.getRepository(ContactPerson).save(contact);
    if (input.topics !== undefined) await setTopics(tx, contact.id, topics);
    await auditProfilePart(tx, ctx, contact.partnerId, 'contactPerson', {
      id: contact.id,
      verb: 'UPDATE',
      before,
      after: snapshot(contact, topics),
      redact: REDACT,
    });
    return contact;
  });
}

/** Removes a contact person (coordinators, editors of its partner: people leave, their data must go). */
export async function deleteContactPerson(ctx: SubgraphContext, id: string): Promise<boolean> {
  return ctx.ds.transaction(async (tx) => {
    const contact = await lockOwned(tx, ctx, id);
    const before = snapshot(contact, await topicsOf(tx, contact.id));
    await tx.getRepository(ContactPerson).delete({ id: contact.id });
    await auditProfilePart(tx, ctx, contact.partnerId, 'contactPerson', { id: contact.id, verb: 'DELETE', before, after: null, redact: REDACT });
    return true;
  });
}

/** The public directory of contact persons: public ones of published partners, sorted by name. */
export function listContactPersons(ctx: SubgraphContext, filter: ContactPersonFilter, page: { first: number; after?: string | null }): Promise<Page<ContactPerson>> {
  const qb = ctx.ds
    .getRepository(ContactPerson)
    .createQueryBuilder('c')
    .innerJoin(Partner, 'p', 'p.id = c.partner_id AND p.status = :published', { published: PublicationStatus.PUBLISHED })
    .where('c.is_public');
  if (filter.topic) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM contact_person_topic ct WHERE ct.contact_person_id = c.id
         AND ct.topic_slug = coalesce((SELECT topic_slug FROM topic_alias WHERE alias = :topic), :topic))`,
      { topic: filter.topic },
    );
  }
  if (filter.language) qb.andWhere(':language = ANY(c.languages)', { language: filter.language.toLowerCase() });
  if (filter.region) qb.andWhere('p.region_code = :region', { region: filter.region });
  if (filter.partnerId) qb.andWhere('c.partner_id = :partnerId', { partnerId: filter.partnerId });
  return paginate(qb, page); // by name, then id
}
