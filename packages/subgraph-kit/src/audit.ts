import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, type EntityManager } from 'typeorm';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { SubgraphContext } from './context';
import { Connection, paginate, type Page } from './pagination';

/** One change to an administered record: who, when, what. Same shape in every service. */
@Directive('@shareable')
@ObjectType({ description: 'One entry of the audit log: who changed what, when.' })
@Entity({ name: 'audit_entry' })
export class AuditEntry {
  @Field(() => ID, { description: 'Id of the entry.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'When the change happened (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Field(() => String, { nullable: true, description: 'Account id of who made the change (null for the system, e.g. retention).' })
  @Column({ type: 'text', nullable: true })
  actorId: string | null;

  @Field({ description: 'Role of who made the change.' })
  @Column({ type: 'text' })
  actorRole: string;

  @Field({ description: 'Kind of record, e.g. `Partner`.' })
  @Column({ type: 'text' })
  entityType: string;

  @Field({ description: 'Id of the record.' })
  @Column({ type: 'text' })
  entityId: string;

  @Field({ description: 'What happened, e.g. `CREATE`, `UPDATE`, `PUBLISH`, `ARCHIVE`, `DELETE`.' })
  @Column({ type: 'text' })
  action: string;

  @Field(() => GraphQLJSONObject, {
    description: 'Changed fields as `{ field: { from, to } }`; personal data shows as `"[changed]"` instead of values.',
  })
  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'Request id, to find the request in the logs.' })
  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}

/** DDL of the audit table, for a service's migration. */
export const CREATE_AUDIT_TABLE = [
  `CREATE TABLE audit_entry (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    at timestamptz NOT NULL DEFAULT now(),
    actor_id text,
    actor_role text NOT NULL,
    entity_type text NOT NULL,
    entity_id text NOT NULL,
    action text NOT NULL,
    changes jsonb NOT NULL DEFAULT '{}',
    request_id text
  )`,
  'CREATE INDEX audit_entry_entity_idx ON audit_entry (entity_type, entity_id, at DESC)',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `{ field: { from, to } }` for the fields that differ; `redact` fields say only that they changed. */
export function diff(before: object | null, after: object | null, redact: readonly string[] = []): Record<string, unknown> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (['updatedAt', 'createdAt', 'version'].includes(key) || same(b[key], a[key])) continue;
    changes[key] = redact.includes(key) ? '[changed]' : { from: b[key] ?? null, to: a[key] ?? null };
  }
  return changes;
}

/** Writes an audit entry in the caller's transaction. */
export async function audit(
  manager: EntityManager,
  ctx: Pick<SubgraphContext, 'principal' | 'requestId'>,
  entry: { entityType: string; entityId: string; action: string; before?: object | null; after?: object | null; redact?: readonly string[]; changes?: Record<string, unknown> },
): Promise<void> {
  await manager.getRepository(AuditEntry).insert({
    actorId: ctx.principal.subject ?? null,
    actorRole: ctx.principal.role,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    changes: (entry.changes ?? diff(entry.before ?? null, entry.after ?? null, entry.redact)) as object,
    requestId: ctx.requestId,
  });
}

/** The audit log of one record, newest first. */
export function auditLog(ctx: SubgraphContext, entityType: string, entityId: string, page: { first: number; after?: string | null }): Promise<Page<AuditEntry>> {
  const qb = ctx.ds
    .getRepository(AuditEntry)
    .createQueryBuilder('a')
    .where('a.entity_type = :entityType AND a.entity_id = :entityId', { entityType, entityId });
  return paginate(qb, page, [
    { sql: 'a.at', desc: true, cast: 'timestamptz', value: (a) => a.at },
    { sql: 'a.id', desc: true, cast: 'uuid', value: (a) => a.id },
  ]);
}

/** A page of audit entries (the same type in every subgraph). */
@Directive('@shareable')
@ObjectType({ description: 'A page of audit entries, newest first.' })
export class AuditEntryConnection extends Connection(AuditEntry) {}
