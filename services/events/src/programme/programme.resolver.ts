import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { EventsContext } from '../context';
import { PartnerRef } from '../partner/partner.reference';
import { programmePartnersShown } from '../partner-request/partner-request.service';
import { berlinLocalIso } from '../time';
import { ProgrammeItem, Speaker } from './programme.entity';

@Resolver(() => ProgrammeItem)
export class ProgrammeItemResolver {
  @FieldResolver(() => String, { description: 'Start as wall-clock time in Europe/Berlin (ISO 8601 without offset).' })
  startsAtLocal(@Root() item: ProgrammeItem): string {
    return berlinLocalIso(item.startsAt);
  }

  @FieldResolver(() => String, { nullable: true, description: 'End as wall-clock time in Europe/Berlin; null when open-ended.' })
  endsAtLocal(@Root() item: ProgrammeItem): string | null {
    return item.endsAt ? berlinLocalIso(item.endsAt) : null;
  }

  @FieldResolver(() => [Speaker], { description: 'Speakers or hosts, in display order.' })
  speakers(@Root() item: ProgrammeItem): Speaker[] {
    return item.speakers.map((s) => Object.assign(new Speaker(), s, { eventId: item.eventId }));
  }

  @FieldResolver(() => PartnerRef, {
    nullable: true,
    description: 'Partner organisation presenting the item (e.g. a project at the speed-dating); null until that organisation agreed to be named (organisers have).',
  })
  partner(@Root() item: ProgrammeItem, @Ctx() ctx: EventsContext): Promise<PartnerRef | null> {
    return shown(ctx, item.eventId, item.partnerId);
  }
}

/** The partner as a reference when the event may show it (an organiser, or it accepted to be named). */
async function shown(ctx: EventsContext, eventId: string | undefined, partnerId: string | null): Promise<PartnerRef | null> {
  if (!partnerId || !eventId) return null;
  return (await programmePartnersShown(ctx).load(eventId)).has(partnerId) ? PartnerRef.of(partnerId) : null;
}

@Resolver(() => Speaker)
export class SpeakerResolver {
  @FieldResolver(() => PartnerRef, { nullable: true, description: "The speaker's partner organisation in the network, if any; null until that organisation agreed to be named." })
  partner(@Root() speaker: Speaker, @Ctx() ctx: EventsContext): Promise<PartnerRef | null> {
    return shown(ctx, speaker.eventId, speaker.partnerId);
  }
}
