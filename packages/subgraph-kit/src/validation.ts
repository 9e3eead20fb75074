import { registerDecorator, type ValidationOptions } from 'class-validator';
import { canonicalEmail, INVALID_EMAIL_MESSAGE } from './email';

// Input checks shared by the services, as class-validator decorators for type-graphql inputs.
// A failed check becomes BAD_USER_INPUT naming the field (see formatError in server.ts).

/** ISO 639-1 language codes. */
export const ISO_639_1 = new Set(
  ('aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu').split(' '),
);

function rule(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) =>
    (target: object, propertyName: string): void =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName,
        options: { message: `${propertyName} ${message}`, ...options },
        validator: { validate: (value: unknown) => value === null || value === undefined || test(value) },
      });
}

const isHttpUrl = (v: unknown) => {
  if (typeof v !== 'string' || v.length > 2000) return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname.includes('.');
  } catch {
    return false;
  }
};

/** An absolute http(s) URL with a real host name. */
export const IsWebUrl = rule('isWebUrl', isHttpUrl, 'must be a web address starting with https://');

/** A German postal code: five digits. */
export const IsGermanPostalCode = rule('isGermanPostalCode', (v) => typeof v === 'string' && /^\d{5}$/.test(v), 'must be a German postal code (five digits)');

/** A phone number: digits with optional +, spaces, slashes, dashes and brackets. */
export const IsPhoneNumber = rule(
  'isPhoneNumber',
  (v) => typeof v === 'string' && /^\+?[0-9][0-9 ()/-]{4,30}$/.test(v) && v.replace(/\D/g, '').length >= 5,
  'must be a phone number such as +49 511 123456',
);

/** ISO 639-1 code(s), for a string or each element of an array. */
export const IsLanguageCode = rule(
  'isLanguageCode',
  (v) => (Array.isArray(v) ? v : [v]).every((c) => typeof c === 'string' && ISO_639_1.has(c)),
  'must be ISO 639-1 language codes such as de, ar, fa (lower case)',
);

/** Plain text only: no HTML tags (text is stored as text and must never need escaping rules to be safe). */
export const IsPlainText = rule(
  'isPlainText',
  (v) => (Array.isArray(v) ? v : [v]).every((s) => typeof s === 'string' && !/<\s*\/?\s*[a-zA-Z!][^>]*>/.test(s)),
  'must be plain text without HTML tags',
);

/** A slug: lower-case letters, digits and single dashes. */
export const IsSlug = rule('isSlug', (v) => typeof v === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v) && v.length <= 80, 'must be lower-case letters, digits and dashes');

/** An e-mail address by the graph's one rule (see email.ts); services store `emailAddress(value)`. */
export const IsEmailAddress = rule('isEmailAddress', (v) => canonicalEmail(v) !== null, INVALID_EMAIL_MESSAGE);

/** One line of text (`@Matches`): no control characters at all (names, titles, subjects). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const SINGLE_LINE_TEXT = /^[^\u0000-\u001F\u007F]*$/;

/** Long text (`@Matches`): line breaks and tabs allowed, other control characters (NUL above all) not. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
