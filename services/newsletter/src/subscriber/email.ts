import { badInput } from '@mitgen/subgraph-kit';

// A small built-in list of well-known throwaway-mail domains, plus name patterns that such services
// share. Not complete (no list is); it stops the casual cases without a network lookup.
const DISPOSABLE_DOMAINS = new Set(
  `10minutemail.com 10minutemail.net 20minutemail.com 33mail.com anonbox.net byom.de discard.email dispostable.com
   dropmail.me einrot.com emailondeck.com fakeinbox.com getairmail.com getnada.com guerrillamail.com guerrillamail.de
   guerrillamail.net guerrillamailblock.com harakirimail.com incognitomail.org jetable.org mail-temp.com mailcatch.com
   maildrop.cc mailinator.com mailinator.net mailnesia.com mailnull.com mintemail.com moakt.com mohmal.com muellmail.com
   mvrht.com mytemp.email mytrashmail.com nada.email sharklasers.com spam4.me spambog.com spambog.de spamgourmet.com
   spoofmail.de temp-mail.org temp-mail.io tempail.com tempinbox.com tempmail.de tempmail.net tempmailo.com tempr.email
   throwawaymail.com trash-mail.com trashmail.com trashmail.de trashmail.net wegwerfemail.de wegwerfmail.de wegwerfmail.net
   yopmail.com yopmail.fr yopmail.net zehnminutenmail.de`.split(/\s+/),
);
const DISPOSABLE_PATTERN = /(tempmail|temp-mail|tmpmail|trashmail|trash-mail|throwaway|wegwerf|muellmail|10minute|zehnminuten|guerrillamail|mailinator|yopmail|spambog|fakeinbox|burnermail|disposable)/;

const SHAPE = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}$/;

/** True when the domain (or a parent domain) is a known or obvious throwaway-mail service. */
export function isDisposableDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  for (let i = 0; i < labels.length - 1; i++) if (DISPOSABLE_DOMAINS.has(labels.slice(i).join('.'))) return true;
  return DISPOSABLE_PATTERN.test(domain);
}

/**
 * The address to store: trimmed, domain in lower case. Refuses (BAD_USER_INPUT on `email`, with a
 * reason) what cannot be a deliverable address and throwaway addresses.
 */
export function checkEmail(raw: string): string {
  const trimmed = String(raw ?? '').trim();
  const at = trimmed.lastIndexOf('@');
  const email = at > 0 ? `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}` : trimmed;
  const local = email.slice(0, Math.max(at, 0));
  if (email.length > 254 || !SHAPE.test(email) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    throw badInput('Please enter a valid e-mail address, such as name@beispiel.de.', 'email', { reason: 'INVALID_EMAIL' });
  }
  if (isDisposableDomain(email.slice(at + 1))) {
    throw badInput(
      'Addresses of throwaway-mail services cannot subscribe: the newsletter needs an address that still works later. Please use your usual address.',
      'email',
      { reason: 'DISPOSABLE_EMAIL' },
    );
  }
  return email;
}
