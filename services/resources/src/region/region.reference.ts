import { referenceType } from '@mitgen/subgraph-kit';

/** `Region` as this subgraph references it (key `code`; the partners service owns it). */
export const RegionRef = referenceType('Region', 'code', {
  description: "One of Lower Saxony's districts, district-free cities or the Region Hannover.",
  keyDescription: 'Official five-digit municipality key of the area (Kreisschlüssel), e.g. `03241` for the Region Hannover.',
  keyType: 'String',
});
export type RegionRef = InstanceType<typeof RegionRef>;
