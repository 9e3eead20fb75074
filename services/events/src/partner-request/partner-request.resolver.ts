import { Connection, PageArgs } from '@mitgen/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { eventById } from '../event/event.loader';
import { PartnerRef } from '../partner/partner.reference';
import { EventPartnerRequest, EventPartnerRequestStatus } from './partner-request.entity';
import { decideRequest, listRequests } from './partner-request.service';

type Ctx = EventsContext;

@Directive('@cacheControl(maxAge: 0, scope: PRIVATE)')
@ObjectType({ description: 'A page of requests to name organisations in events, newest first.' })
export class EventPartnerRequestConnection extends Connection(EventPartnerRequest) {}

@Resolver(() => EventPartnerRequest)
export class EventPartnerRequestResolver {
  @Authorized()
  @Directive('@cacheControl(maxAge: 0, scope: PRIVATE)')
  @Query(() => EventPartnerRequestConnection, {
    description: 'Requests to name an organisation in an event, newest first: for a partner editor those to their own organisation, for coordinators all.',
  })
  eventPartnerRequests(
    @Arg('status', () => EventPartnerRequestStatus, { nullable: true, description: 'Only requests in this state (e.g. PENDING: what is still to decide); all when left out.' })
    status: EventPartnerRequestStatus | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Ctx,
  ) {
    return listRequests(ctx, status ?? null, page);
  }

  @Authorized()
  @Mutation(() => EventPartnerRequest, {
    description: 'Accepts a request (editors of the named organisation, coordinators): the event shows the organisation from now on — as co-organiser, whose editors may then administer the event, or in the programme. Audited on the event.',
  })
  acceptEventPartnerRequest(@Arg('id', () => ID, { description: 'Id of the request.' }) id: string, @Ctx() ctx: Ctx) {
    return decideRequest(ctx, id, true);
  }

  @Authorized()
  @Mutation(() => EventPartnerRequest, { description: 'Declines a request (editors of the named organisation, coordinators): the event does not show the organisation. Audited on the event.' })
  declineEventPartnerRequest(@Arg('id', () => ID, { description: 'Id of the request.' }) id: string, @Ctx() ctx: Ctx) {
    return decideRequest(ctx, id, false);
  }

  @FieldResolver(() => Event, { description: 'The event (also a draft: the named organisation needs to know what it is asked to join).' })
  async event(@Root() request: EventPartnerRequest, @Ctx() ctx: Ctx): Promise<Event> {
    return (await eventById(ctx).load(request.eventId))!;
  }

  @FieldResolver(() => PartnerRef, { description: 'The organisation named.' })
  partner(@Root() request: EventPartnerRequest): PartnerRef {
    return PartnerRef.of(request.partnerId);
  }

  @FieldResolver(() => PartnerRef, { nullable: true, description: 'The organisation of the editor who asked; null when a coordinator set it.' })
  requestedBy(@Root() request: EventPartnerRequest): PartnerRef | null {
    return request.requestedByPartnerId ? PartnerRef.of(request.requestedByPartnerId) : null;
  }
}
