import { badInput, emailAddress } from '@mitgen/subgraph-kit';

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

/** True when the domain (or a parent domain) is a known or obvious throwaway-mail service. */
export function isDisposableDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  for (let i = 0; i < labels.length - 1; i++) if (DISPOSABLE_DOMAINS.has(labels.slice(i).join('.'))) return true;
  return DISPOSABLE_PATTERN.test(domain);
}

/**
 * The address to store, in the graph's one form (the kit's emailAddress: BAD_USER_INPUT on `email`,
 * reason INVALID_EMAIL, for anything that is no address); throwaway addresses are refused too
 * (reason DISPOSABLE_EMAIL).
 */
export function checkEmail(raw: string): string {
  const email = emailAddress(raw, 'email');
  if (isDisposableDomain(email.slice(email.lastIndexOf('@') + 1))) {
    throw badInput(
      'Addresses of throwaway-mail services cannot subscribe: the newsletter needs an address that still works later. Please use your usual address.',
      'email',
      { reason: 'DISPOSABLE_EMAIL' },
    );
  }
  return email;
}
