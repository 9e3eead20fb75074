// The newsletter's documented time limits and quotas (docs/newsletter.md). Constants, not settings:
// they are part of what the privacy notice promises, so changing one is a decision, not a deployment.

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A confirmation link works this long after the sign-up that sent it. */
export const CONFIRM_TOKEN_HOURS = 48;
/** A sign-up that was never confirmed is deleted this long after the last sign-up request. */
export const PENDING_PURGE_HOURS = 72;
/** Preference / unsubscribe links (in every newsletter mail and after confirming) work this long. */
export const MANAGE_TOKEN_DAYS = 365;
/** At most this many confirmation mails per address within 24 hours (across all instances). */
export const CONFIRMATION_MAILS_PER_DAY = 3;
/** After unsubscribing, the address and its consent proof are kept this long (limitation period, § 195 BGB), then deleted. */
export const UNSUBSCRIBED_RETENTION_DAYS = 3 * 365;
/** Sent mails keep their content (and so their links) in the outbox this long, then only the subject remains. */
export const OUTBOX_CONTENT_DAYS = 7;

export const ms = {
  confirmToken: CONFIRM_TOKEN_HOURS * HOUR,
  pendingPurge: PENDING_PURGE_HOURS * HOUR,
  manageToken: MANAGE_TOKEN_DAYS * DAY,
  signUpWindow: DAY,
  unsubscribedRetention: UNSUBSCRIBED_RETENTION_DAYS * DAY,
  outboxContent: OUTBOX_CONTENT_DAYS * DAY,
};

/** `at` moved by `delta` milliseconds. */
export const shift = (at: Date, delta: number) => new Date(at.getTime() + delta);
