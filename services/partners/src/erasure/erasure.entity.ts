import { Connection, ErasureCount } from '@mitgen/subgraph-kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where an erasure request, or one service's part of it, stands. */
export enum ErasureStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

registerEnumType(ErasureStatus, {
  name: 'ErasureStatus',
  description: 'Where an erasure request, or one service’s part of it, stands.',
  valuesConfig: {
    PENDING: { description: 'Not confirmed yet: the erasure worker tries again every few seconds until the service confirms (`reason` says why it has not yet).' },
    DONE: { description: 'Confirmed: the service erased the data (`counts` say what). A request is DONE when every service is.' },
    FAILED: {
      description:
        'Refused in a way that trying again cannot change (`reason` says how), e.g. the gateway does not know the service’s erasure mutation. A request is FAILED when no service is pending and one failed: fix the cause and request the erasure again.',
    },
  },
});

/** A person's erasure, as stored in the partners service: who asked, when, and each service's answer. */
@ObjectType({
  description:
    'A request to erase everything the network stores about one person (GDPR Art. 17), with each service’s part. The address itself is not kept: only a keyed hash, and, until every service confirmed, the address sealed for the erasure worker.',
})
@Entity({ name: 'erasure_request' })
export class ErasureRequest {
  @Field(() => ID, { description: 'Id of the request; the services’ audit entries (`DataSubject`, `ERASE`) carry it as their entity id.' })
  @PrimaryColumn('uuid')
  id: string;

  @Field(() => ErasureStatus, { description: 'PENDING while any service has not confirmed, DONE when all did, FAILED when one refused.' })
  @Column({ type: 'text' })
  status: ErasureStatus;

  @Field({
    description:
      'HMAC-SHA-256 (hex) of the address in lower case, keyed with the server’s secret: it tells which requests concern the same address without keeping the address. Find requests by address with `erasureRequests(email: …)`.',
  })
  @Column({ type: 'text' })
  emailHash: string;

  /** The address sealed (AES-256-GCM, erasure.crypto.ts) while a service has not confirmed; null afterwards. */
  @Column({ type: 'text', nullable: true })
  emailSealed: string | null;

  @Field({ description: 'When the erasure was requested (UTC).' })
  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  /** Account id of the coordinator who asked; resolved by `requestedBy`. */
  @Column({ type: 'uuid' })
  requestedById: string;

  @Field(() => Date, { nullable: true, description: 'When the last service confirmed (or refused) (UTC); null while pending.' })
  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

/** One service's part of an erasure request. */
@ObjectType({ description: 'One service’s part of an erasure request: pending, done with what it erased, or failed with the reason.' })
@Entity({ name: 'erasure_step' })
export class ErasureStep {
  /** The request it belongs to. */
  @PrimaryColumn('uuid')
  requestId: string;

  @Field({ description: 'The service, as named in the registry of subgraphs (`partners`, `events`, `newsletter`, …).' })
  @PrimaryColumn('text')
  service: string;

  @Field(() => ErasureStatus, { description: 'PENDING until the service confirms, then DONE; FAILED when it refused.' })
  @Column({ type: 'text' })
  status: ErasureStatus;

  @Field(() => [ErasureCount], { description: 'What the service erased (empty until DONE), e.g. `registrationsAnonymised: 2`; zeros when it held nothing.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  counts: ErasureCount[];

  @Field(() => String, { nullable: true, description: 'Why it is still PENDING (the last attempt’s error) or why it FAILED; null when DONE.' })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => Int, { description: 'Calls made to the service so far.' })
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When the service was last called (UTC).' })
  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the erasure worker calls the service again (UTC); null once DONE or FAILED.' })
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the service confirmed or refused (UTC).' })
  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

@ObjectType({ description: 'A page of erasure requests, newest first.' })
export class ErasureRequestConnection extends Connection(ErasureRequest) {}
