import { erasureMutation, PageArgs, SentMailConnection, sentMailsTo } from '@mitgen/subgraph-kit';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { EventsContext } from '../context';
import { Registration } from '../registration/registration.entity';
import { personal } from '../registration/registration.resolver';
import { RegistrationConnection } from '../registration/registration.types';
import { registrationsByEmail } from './privacy.loader';
import { eraseRegistrationsOf } from './privacy.service';
import { DataSubject } from './privacy.types';

type Ctx = EventsContext;

// The events service's part of the privacy export and erasure. Every export field checks the role
// itself: `_entities` reaches `DataSubject` on this subgraph directly, without the root fields of
// the partners service. The erasure is a mutation for the erasure coordinator only.

@Resolver(() => DataSubject)
export class EventsDataSubjectResolver {
  @Authorized('COORDINATOR')
  @FieldResolver(() => RegistrationConnection, {
    nullable: true,
    description:
      'Event registrations made with this address, newest first, with event, sessions, needs, status and dates (events service; coordinators only). Anonymised registrations hold no address and are not listed.',
  })
  async registrations(@Root() subject: DataSubject, @Args() page: PageArgs, @Ctx() ctx: Ctx) {
    const found = await registrationsByEmail(ctx, page).load(subject.email);
    for (const r of found.nodes) r.access = 'organiser';
    return found;
  }

  @Authorized('COORDINATOR')
  @FieldResolver(() => SentMailConnection, {
    nullable: true,
    description: 'Mails the events service sent or is about to send to this address (confirmations, waiting list, …), newest first, without content (coordinators only).',
  })
  registrationMails(@Root() subject: DataSubject, @Args() page: PageArgs, @Ctx() ctx: Ctx) {
    return sentMailsTo(ctx, page).load(subject.email);
  }
}

/** `eraseDataSubjectInEvents`: the events service's part of an erasure request. */
export const EventsErasureResolver = erasureMutation<Ctx>(
  'events',
  eraseRegistrationsOf,
  'Erases the event registrations and mails of this address (events service) and reports what was done: `registrationsAnonymised`, `registrationsCancelled` (registrations for events still to come are cancelled first; the next person waiting moves up), `mailsWithdrawn`, `mailsScrubbed`.',
);

/** Registration fields that only the privacy export needed so far; they follow the registration's access rules. */
@Resolver(() => Registration)
export class RegistrationPrivacyFieldsResolver {
  @FieldResolver(() => Date, { nullable: true, description: 'When the seat was confirmed (at registration or on moving up; only for the person and the organisers).' })
  confirmedAt(@Root() r: Registration): Date | null {
    return personal(r) ? r.confirmedAt : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'IP address from which the person registered and consented, as the gateway saw it (only for the person and coordinators).',
  })
  consentIpAddress(@Root() r: Registration, @Ctx() ctx: Ctx): string | null {
    return seesConsentDetails(r, ctx) ? r.consentIp : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'User agent (browser) with which the person registered (only for the person and coordinators).' })
  consentUserAgent(@Root() r: Registration, @Ctx() ctx: Ctx): string | null {
    return seesConsentDetails(r, ctx) ? r.consentUserAgent : null;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'When the personal data of this registration was removed (on request or after the retention time); it then counts in statistics without name, address, organisation or needs (only for the person and the organisers).',
  })
  anonymisedAt(@Root() r: Registration): Date | null {
    return personal(r) ? r.anonymisedAt : null;
  }
}

/** Consent details are proof for the person and the coordination, not needed by partner organisers. */
const seesConsentDetails = (r: Registration, ctx: Ctx) => r.access === 'owner' || (r.access === 'organiser' && ctx.principal.role === 'COORDINATOR');
