import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A short-lived link that downloads an attendee list as a CSV file (no sign-in header needed: the link is the permission while it works).' })
export class AttendeeListDownload {
  @Field({ description: 'Open it in a browser (or `curl -OJ`): answers `text/csv` with a file name. Do not share it.' })
  url: string;

  @Field({ description: 'When the link stops working (UTC); ask for a new one after that.' })
  expiresAt: Date;

  @Field({ description: 'Name of the downloaded file, e.g. `teilnehmende-fachtag-2027.csv`.' })
  filename: string;
}
