import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from './audit';
import type { SubgraphContext } from './context';
import { emailAddress } from './email';
import { alignByKey } from './loaders';
import { Connection, groupedPages, type Page } from './pagination';

// Privacy (GDPR Art. 15 and 17): a person is known to every service by their email address. Each
// service that holds personal data defines `DataSubject` (export) and `DataSubjectErasure`
// (erasure) with these factories and adds its own fields, so a new service adds its data by
// adding a field. Factories, not shared classes, for the same reason as in references.ts: field
// resolvers belong to a class, and two subgraphs in one process must not share them.

/**
 * The key under which services look a person up: trimmed and in lower case, because every service
 * matches addresses ignoring letter case. BAD_USER_INPUT on `field` for anything that is no address.
 */
export function dataSubjectEmail(raw: string, field = 'email'): string {
  return emailAddress(raw, field);
}

const DATA_SUBJECT = {
  description:
    'Everything the network stores about one person, found by their e-mail address (GDPR Art. 15: right of access). Every service that holds personal data adds its own fields; coordinators only.',
  email: 'The e-mail address (trimmed, in lower case) by which every service finds the data; letter case never matters.',
};

const DATA_SUBJECT_ERASURE = {
  description:
    'The erasure of one person’s data (GDPR Art. 17: right to be forgotten). Every service that holds personal data adds one field, named after the service, that erases its data when it is selected and reports what it did; select all of them. Running it again is safe and completes what failed.',
  email: 'The e-mail address (trimmed, in lower case) whose data is erased.',
};

/** A new `DataSubject` entity type (key `email`) for one subgraph. */
export function dataSubjectType() {
  @Directive('@key(fields: "email")')
  @ObjectType('DataSubject', { description: DATA_SUBJECT.description })
  class DataSubject {
    @Field({ description: DATA_SUBJECT.email })
    email: string;

    static of(email: string): DataSubject {
      return Object.assign(new DataSubject(), { email });
    }
  }
  return DataSubject;
}

/** A new `DataSubjectErasure` entity type (key `email`) for one subgraph. */
export function dataSubjectErasureType() {
  @Directive('@key(fields: "email")')
  @ObjectType('DataSubjectErasure', { description: DATA_SUBJECT_ERASURE.description })
  class DataSubjectErasure {
    @Field({ description: DATA_SUBJECT_ERASURE.email })
    email: string;

    static of(email: string): DataSubjectErasure {
      return Object.assign(new DataSubjectErasure(), { email });
    }
  }
  return DataSubjectErasure;
}

/**
 * `_entities` for a `DataSubject` or `DataSubjectErasure` type: the key, normalised; no data is
 * read here (the fields check that the caller is a coordinator), so nothing can leak.
 */
export function dataSubjectReference<T>(type: { of(email: string): T }) {
  return {
    __resolveReference(ref: { email: string }): T | null {
      try {
        return type.of(dataSubjectEmail(ref.email));
      } catch {
        return null;
      }
    },
  };
}

export enum MailDeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

registerEnumType(MailDeliveryStatus, {
  name: 'MailDeliveryStatus',
  description: 'Where a mail in a service’s outbox stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting to be sent (or to be tried again).' },
    SENT: { description: 'Handed to the mail server.' },
    FAILED: { description: 'Given up after repeated failures.' },
  },
});

/** A mail in a service's outbox, without its content (the content carries personal links). */
@Directive('@shareable')
@ObjectType({ description: 'A mail a service sent or is about to send to a person: what and when, without its content (which holds personal links).' })
export class SentMail {
  @Field(() => ID, { description: 'Id of the mail in the outbox of its service.' })
  id: string;

  @Field({ description: 'Subject line.' })
  subject: string;

  @Field(() => MailDeliveryStatus, { description: 'Pending, sent or failed.' })
  status: MailDeliveryStatus;

  @Field({ description: 'When the mail was queued (UTC).' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the mail server accepted it (UTC); null until then.' })
  sentAt: Date | null;
}

/** A page of mails (the same type in every subgraph). */
@Directive('@shareable')
@ObjectType({ description: 'A page of mails, newest first.' })
export class SentMailConnection extends Connection(SentMail) {}

/**
 * Mails in this service's outbox to each of many addresses (letter case ignored), newest first:
 * three statements per batch, whatever the number of addresses and mails.
 */
export const sentMailsTo = (ctx: SubgraphContext, page: { first: number; after?: string | null }) =>
  ctx.loaders.get<string, Page<SentMail>>(`dataSubject.sentMails:${page.first}:${page.after ?? ''}`, async (emails) => {
    const pages = await groupedPages(
      ctx.ds,
      {
        from: 'outbox_mail m',
        group: "lower(m.message->>'to')",
        groupType: 'text',
        id: 'm.id',
        // Milliseconds: cursors carry JavaScript dates, which drop PostgreSQL's microseconds.
        sort: [
          { sql: "date_trunc('milliseconds', m.created_at)", desc: true, cast: 'timestamptz' },
          { sql: 'm.id', desc: true, cast: 'uuid' },
        ],
      },
      emails,
      page,
    );
    const ids = pages.flatMap((p) => p.ids);
    const rows: SentMail[] = ids.length
      ? await ctx.ds.query(
          `SELECT id, coalesce(message->>'subject', '') AS subject, status, created_at AS "createdAt", sent_at AS "sentAt" FROM outbox_mail WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    return pages.map((p) => ({
      totalCount: p.totalCount,
      pageInfo: p.pageInfo,
      nodes: alignByKey(p.ids, rows, (r) => r.id).filter((r): r is SentMail => r !== null),
    }));
  });

/** What `scrubOutboxMails` did. */
export interface ScrubbedMails {
  /** Pending mails deleted: they will not be sent. */
  withdrawn: number;
  /** Sent or failed mails whose content (address, name, links) was removed. */
  scrubbed: number;
}

/**
 * Removes personal data from this service's outbox, in the caller's transaction, for the mails
 * matching `where` (SQL on `outbox_mail` with `$1..$n` for `params`): pending ones are deleted (never
 * sent), the others keep only subject, status and dedupe key — so delivery counts stay right and
 * nothing is ever sent twice.
 */
export async function scrubOutboxMails(manager: EntityManager, where: string, params: unknown[]): Promise<ScrubbedMails> {
  const rows = (r: unknown): unknown[] => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : (r as unknown[]));
  const withdrawn = rows(await manager.query(`DELETE FROM outbox_mail WHERE status = 'PENDING' AND (${where}) RETURNING id`, params)).length;
  const scrubbed = rows(
    await manager.query(
      `UPDATE outbox_mail SET message = jsonb_build_object('to', '', 'subject', message->>'subject', 'text', '', 'scrubbed', true)
        WHERE status <> 'PENDING' AND NOT (message ? 'scrubbed') AND (${where}) RETURNING id`,
      params,
    ),
  ).length;
  return { withdrawn, scrubbed };
}

/** `where` for `scrubOutboxMails`: every mail to the address `$1` (letter case ignored). */
export const MAILS_TO_ADDRESS = "lower(message->>'to') = lower($1)";

/**
 * Records in this service's audit log that an erasure ran and what it did (counts, ids of records
 * that hold no personal data any more), never the address: entity `DataSubject`, action `ERASE`,
 * entity id = the request id, which the gateway passes to every service of one operation.
 */
export function auditErasure(manager: EntityManager, ctx: Pick<SubgraphContext, 'principal' | 'requestId'>, report: Record<string, unknown>): Promise<void> {
  return audit(manager, ctx, { entityType: 'DataSubject', entityId: ctx.requestId, action: 'ERASE', changes: report });
}
