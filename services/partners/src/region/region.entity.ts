import { stableId } from '@mitgen/subgraph-kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum RegionKind {
  DISTRICT = 'DISTRICT',
  DISTRICT_FREE_CITY = 'DISTRICT_FREE_CITY',
  REGION = 'REGION',
}

registerEnumType(RegionKind, {
  name: 'RegionKind',
  description: 'Kind of administrative area of Lower Saxony.',
  valuesConfig: {
    DISTRICT: { description: 'A district (Landkreis).' },
    DISTRICT_FREE_CITY: { description: 'A district-free city (kreisfreie Stadt).' },
    REGION: { description: 'The Region Hannover, a municipal association with district status.' },
  },
});

@Directive('@key(fields: "code")')
@Directive('@cacheControl(maxAge: 86400)')
@ObjectType({ description: "One of Lower Saxony's districts, district-free cities or the Region Hannover." })
@Entity()
export class Region {
  // Official keys never change, so an id derived from the key is as stable as a stored one.
  @Field(() => ID, { description: 'Stable unique id (derived from the official key). Clients normalise regions by it.' })
  get id(): string {
    return stableId('region', this.code);
  }

  @Field({ description: 'Official five-digit municipality key of the area (Kreisschlüssel), e.g. `03241` for the Region Hannover.' })
  @PrimaryColumn({ type: 'char', length: 5 })
  code: string;

  @Field({ description: 'Official name, e.g. `Osnabrück` or `Region Hannover`.' })
  @Column()
  name: string;

  @Field(() => RegionKind, { description: 'District, district-free city or region.' })
  @Column({ type: 'text' })
  kind: RegionKind;
}
