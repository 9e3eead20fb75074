import { Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';

/** Version of the consent text; stored with every confirmation as proof of what was shown. */
export const CONSENT_TEXT_VERSION = '2026-11-01';

export const CONSENT_TEXT_DE =
  'Ja, ich möchte den Newsletter des Netzwerks MitGeN (G mit Niedersachsen, VNB e.V.) per E-Mail erhalten: Berichte aus dem Netzwerk und Hinweise auf Veranstaltungen. Meine Einwilligung kann ich jederzeit über den Abmeldelink in jeder Ausgabe widerrufen.';

/**
 * Every consent text ever shown, by version: a consent proof names its version, so old texts must
 * stay here (append new versions, never edit or remove one).
 */
export const CONSENT_TEXTS: Record<string, string> = { [CONSENT_TEXT_VERSION]: CONSENT_TEXT_DE };

@ObjectType({ description: 'The consent text a newsletter sign-up form must show, with its version.' })
export class ConsentText {
  @Field({ description: 'Version id of the text; the subscription stores it as part of the consent proof.' })
  version: string;

  @Field({ description: 'The text (German) to show next to the sign-up button.' })
  text: string;
}

@Resolver()
export class ConsentResolver {
  @Directive('@cacheControl(maxAge: 300)')
  @Query(() => ConsentText, { description: 'The current newsletter consent text, to show on sign-up forms (double opt-in follows by mail).' })
  newsletterConsentText(): ConsentText {
    return { version: CONSENT_TEXT_VERSION, text: CONSENT_TEXT_DE };
  }
}
