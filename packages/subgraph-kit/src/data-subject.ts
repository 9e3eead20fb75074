import { Arg, Ctx, Directive, Field, ID, Int, Mutation, ObjectType, registerEnumType, Resolver } from 'type-graphql';
import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';
import type { EntityManager } from 'typeorm';
import { audit } from './audit';
import type { Principal, SubgraphContext } from './context';
import { emailAddress } from './email';
import { badInput, forbidden, unauthenticated } from './errors';
import { isUuid } from './ids';
import { alignByKey } from './loaders';
import { Connection, groupedPages, type Page } from './pagination';

// Privacy (GDPR Art. 15 and 17): a person is known to every service by their email address. Each
// service that holds personal data defines `DataSubject` (export, a query) with the factory below
// and adds its own fields, and contributes one erasure mutation (`erasureMutation`), which only
// the erasure coordinator of the partners service calls, through the gateway, for a stored
// erasure request. Factories, not shared classes, for the same reason as in references.ts: field
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

/**
 * `_entities` for `DataSubject`: the key, normalised; no data is read here (the fields check that
 * the caller is a coordinator), so nothing can leak.
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

/**
 * Who runs erasures in the subgraphs: the erasure coordinator of the partners service, which
 * signs this principal itself (no account) and calls each subgraph's erasure mutation through the
 * gateway. The erasure mutations accept nobody else, coordinators included: an erasure always
 * runs for a stored request that records who asked and which service confirmed.
 */
export const ERASURE_COORDINATOR: Readonly<Principal> = Object.freeze({ role: 'SYSTEM', subject: 'erasure-coordinator' });

/** True for the erasure coordinator's principal. */
export function isErasureCoordinator(principal: Principal): boolean {
  return principal.role === ERASURE_COORDINATOR.role && principal.subject === ERASURE_COORDINATOR.subject;
}

/** The erasure mutation of one subgraph: `events` → `eraseDataSubjectInEvents`. */
export function erasureMutationName(service: string): string {
  return `eraseDataSubjectIn${service
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}`;
}

/** One number of what an erasure did, e.g. `registrationsAnonymised: 3`. */
@Directive('@shareable')
@ObjectType({ description: 'How many records of one kind an erasure removed or anonymised in one service.' })
export class ErasureCount {
  @Field({ description: 'What was counted, e.g. `registrationsAnonymised` (docs/privacy.md explains every kind).' })
  what: string;

  @Field(() => Int, { description: 'How many.' })
  count: number;
}

/** What a subgraph's erasure mutation answers. */
@Directive('@shareable')
@ObjectType({ description: 'One service’s confirmation that it erased a person’s data for an erasure request, with what it did.' })
export class ServiceErasure {
  @Field({ description: 'The service that erased, as named in the registry of subgraphs (`partners`, `events`, …).' })
  service: string;

  @Field(() => ID, { description: 'The erasure request this was done for.' })
  requestId: string;

  @Field(() => [ErasureCount], { description: 'What the service erased for this request, summed over every attempt (a repeated attempt finds nothing left and adds zeros).' })
  counts: ErasureCount[];
}

/** What one attempt of a service's erasure did, by kind (`registrationsAnonymised: 3`). */
export type ErasureCounts = Record<string, number>;

/** The erasure coordinator, or UNAUTHENTICATED / FORBIDDEN. */
export function assertErasureCoordinator(ctx: Pick<SubgraphContext, 'principal'>): void {
  const { role } = ctx.principal;
  if (role === 'ANONYMOUS' || role === 'API_CLIENT') throw unauthenticated('Sign in first; coordinators erase with eraseDataSubject');
  if (!isErasureCoordinator(ctx.principal)) {
    throw forbidden('Only the erasure coordinator runs this, for a stored erasure request; coordinators use eraseDataSubject');
  }
}

/**
 * The resolver of a subgraph's erasure mutation `eraseDataSubjectIn<Service>(requestId, email)`:
 * for the erasure coordinator only; `erase` removes the person's data (idempotent, in
 * transactions) and writes an `auditErasure` entry with the counts of this attempt. The answer
 * sums every attempt for the request, so a retry after a lost answer still reports what was done.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service context (each passes its own deps type)
export function erasureMutation<C extends SubgraphContext<any>>(
  service: string,
  erase: (ctx: C, email: string, requestId: string) => Promise<ErasureCounts>,
  description: string,
) {
  @Resolver()
  class ErasureMutation {
    @Mutation(() => ServiceErasure, {
      name: erasureMutationName(service),
      nullable: true,
      description: `${description} Called only by the erasure coordinator of the graph, for a stored erasure request (\`eraseDataSubject\`); everyone else, coordinators included, is refused. Idempotent.`,
    })
    async erase(
      @Arg('requestId', () => ID, { description: 'Id of the erasure request (`ErasureRequest.id`).' }) requestId: string,
      @Arg('email', { description: 'E-mail address of the person (letter case does not matter).' }) email: string,
      @Ctx() ctx: C,
    ): Promise<ServiceErasure> {
      assertErasureCoordinator(ctx);
      if (!isUuid(requestId)) throw badInput('requestId must be the id of an erasure request', 'requestId');
      const counts = await erase(ctx, dataSubjectEmail(email), requestId);
      return { service, requestId, counts: await erasureTotals(ctx.ds.manager, requestId, Object.keys(counts)) };
    }
  }
  return ErasureMutation;
}

/**
 * Records in this service's audit log that an erasure ran and what it did (counts, ids of records
 * that hold no personal data any more), never the address: entity `DataSubject`, action `ERASE`,
 * entity id = the erasure request's id, the same in every service and on every attempt.
 */
export function auditErasure(manager: EntityManager, ctx: Pick<SubgraphContext, 'principal' | 'requestId'>, erasureRequestId: string, report: Record<string, unknown>): Promise<void> {
  return audit(manager, ctx, { entityType: 'DataSubject', entityId: erasureRequestId, action: 'ERASE', changes: report });
}

/** The counts of every `ERASE` entry of one request in this service, summed (the kinds in `order` first). */
export async function erasureTotals(manager: EntityManager, erasureRequestId: string, order: string[] = []): Promise<ErasureCount[]> {
  const rows: { changes: Record<string, unknown> }[] = await manager.query(
    `SELECT changes FROM audit_entry WHERE entity_type = 'DataSubject' AND action = 'ERASE' AND entity_id = $1`,
    [erasureRequestId],
  );
  const totals = new Map<string, number>(order.map((k) => [k, 0]));
  for (const { changes } of rows) {
    for (const [what, value] of Object.entries(changes)) {
      if (typeof value === 'number') totals.set(what, (totals.get(what) ?? 0) + value);
    }
  }
  return [...totals].map(([what, count]) => ({ what, count }));
}

/** The fields a subgraph's SDL adds to `DataSubject` (besides the key) and its root mutations. */
function privacyShape(sdl: string): { exported: string[]; mutations: FieldDefinitionNode[] } {
  const exported: string[] = [];
  const mutations: FieldDefinitionNode[] = [];
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    if (def.name.value === 'DataSubject') exported.push(...(def.fields ?? []).map((f) => f.name.value).filter((f) => f !== 'email'));
    if (def.name.value === 'Mutation') mutations.push(...(def.fields ?? []));
  }
  return { exported, mutations };
}

/** Whether a subgraph takes part in erasure: its SDL declares its erasure mutation. */
export function takesPartInErasure(service: string, sdl: string): boolean {
  return privacyShape(sdl).mutations.some((m) => m.name.value === erasureMutationName(service));
}

/**
 * What is wrong with a subgraph's part in export and erasure, judged from its SDL (none: empty).
 * A subgraph that adds fields to `DataSubject` holds personal data and must erase it; one that
 * erases must also export.
 */
export function personalDataProblems(service: string, sdl: string): string[] {
  const { exported, mutations } = privacyShape(sdl);
  const name = erasureMutationName(service);
  const erasure = mutations.find((m) => m.name.value === name);
  const problems: string[] = [];
  if (exported.length && !erasure) {
    problems.push(`${service} adds ${exported.join(', ')} to DataSubject (it holds personal data) but has no mutation ${name} to erase it (use erasureMutation of the kit)`);
  }
  if (erasure && !exported.length) problems.push(`${service} erases personal data (${name}) but adds no field to DataSubject: the export would miss it`);
  if (erasure) {
    const args = (erasure.arguments ?? []).map((a) => `${a.name.value}: ${sdlType(a.type)}`).sort().join(', ');
    if (args !== 'email: String!, requestId: ID!') problems.push(`${name} must take (requestId: ID!, email: String!), not (${args})`);
  }
  for (const m of mutations) {
    if (m.name.value.startsWith('eraseDataSubjectIn') && m.name.value !== name) problems.push(`${service} declares ${m.name.value}, the erasure mutation of another subgraph`);
  }
  return problems;
}

function sdlType(t: TypeNode): string {
  if (t.kind === Kind.NON_NULL_TYPE) return `${sdlType(t.type)}!`;
  if (t.kind === Kind.LIST_TYPE) return `[${sdlType(t.type)}]`;
  return t.name.value;
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
