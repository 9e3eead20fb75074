import { FieldResolver, Resolver, Root } from 'type-graphql';
import { PartnerRef } from '../partner/partner.reference';
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
    return item.speakers.map((s) => Object.assign(new Speaker(), s));
  }

  @FieldResolver(() => PartnerRef, { nullable: true, description: 'Partner organisation presenting the item (e.g. a project at the speed-dating).' })
  partner(@Root() item: ProgrammeItem): PartnerRef | null {
    return item.partnerId ? PartnerRef.of(item.partnerId) : null;
  }
}

@Resolver(() => Speaker)
export class SpeakerResolver {
  @FieldResolver(() => PartnerRef, { nullable: true, description: "The speaker's partner organisation in the network, if any." })
  partner(@Root() speaker: Speaker): PartnerRef | null {
    return speaker.partnerId ? PartnerRef.of(speaker.partnerId) : null;
  }
}
