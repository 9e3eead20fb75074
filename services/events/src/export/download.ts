import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import { RegistrationStatus } from '../registration/registration.entity';

// Signed, short-lived download links for attendee lists: a coordinator or organiser asks the graph
// (`Event.attendeeListDownload`), gets a URL, and a browser downloads the CSV from it without a
// token header. The link itself is the permission for DOWNLOAD_MINUTES: whoever has it may fetch
// the list in that time, so it is shown only to those who may see the list anyway.

/** How long a download link works. */
export const DOWNLOAD_MINUTES = 10;

export interface DownloadGrant {
  eventId: string;
  statuses: RegistrationStatus[];
  expiresAt: Date;
}

const CODES: Record<RegistrationStatus, string> = { CONFIRMED: 'c', WAITLISTED: 'w', CANCELLED: 'x', ATTENDED: 'a' };
const STATUS_OF = Object.fromEntries(Object.entries(CODES).map(([s, c]) => [c, s as RegistrationStatus]));

/** The signing key (made by the DownloadKey migration), read once per instance. */
export class DownloadSigner {
  private key?: Promise<Buffer>;

  constructor(private readonly ds: DataSource) {}

  private secret(): Promise<Buffer> {
    this.key ??= this.ds.query(`SELECT secret FROM signing_key WHERE name = 'downloads'`).then((rows: { secret: Buffer }[]) => {
      if (!rows[0]) throw new Error('[events] the download signing key is missing (migration DownloadKey)');
      return rows[0].secret;
    });
    return this.key;
  }

  private async mac(payload: string): Promise<Buffer> {
    return createHmac('sha256', await this.secret()).update(payload).digest();
  }

  /** A token for the download route: `<event>.<statuses>.<expiry>.<signature>`. */
  async sign(grant: DownloadGrant): Promise<string> {
    const payload = `${grant.eventId}.${grant.statuses.map((s) => CODES[s]).join('')}.${Math.floor(grant.expiresAt.getTime() / 1000)}`;
    return `${payload}.${(await this.mac(payload)).toString('base64url')}`;
  }

  /** The grant of a token, or null when it is malformed, forged or expired. */
  async verify(token: string, now: Date): Promise<DownloadGrant | null> {
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [eventId, codes, expiry, signature] = parts;
    if (!isUuid(eventId) || !/^[cwxa]{1,4}$/.test(codes) || !/^\d{1,12}$/.test(expiry)) return null;
    const expected = await this.mac(`${eventId}.${codes}.${expiry}`);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expiresAt = new Date(Number(expiry) * 1000);
    if (expiresAt <= now) return null;
    return { eventId, statuses: [...codes].map((c) => STATUS_OF[c]), expiresAt };
  }
}
