import type { OutboxMessage } from '@mitgen/subgraph-kit';
import { CONFIRM_TOKEN_HOURS } from '../policy';
import { escapeHtml, linkHtml } from './html';
import type { PublicLinks } from '@mitgen/subgraph-kit';

// The double opt-in mail. It may contain no advertising (German case law treats advertising in
// the confirmation mail as unsolicited advertising), so: what was asked for, the link, how long it
// works, what happens if ignored, who sends it. No greeting with the entered name either: anyone
// can enter any name for any address, and this mail goes to an address nobody has confirmed yet.

const TEXTS = {
  de: {
    subject: 'Bitte bestätigen Sie Ihre Anmeldung zum MitGeN-Newsletter',
    hello: 'Guten Tag,',
    asked: 'für diese E-Mail-Adresse wurde der Newsletter des Netzwerks MitGeN (Migration. Geschlechtergleichstellung. Niedersachsen) bestellt.',
    action: 'Bitte bestätigen Sie die Anmeldung mit diesem Link:',
    button: 'Anmeldung bestätigen',
    expiry: `Der Link ist ${CONFIRM_TOKEN_HOURS} Stunden gültig.`,
    ignore:
      'Wenn Sie den Newsletter nicht bestellt haben, ignorieren Sie diese E-Mail einfach: Ohne Bestätigung erhalten Sie keinen Newsletter, und die Anmeldung wird nach wenigen Tagen gelöscht.',
    sender: 'G mit Niedersachsen – Bildungs- und Beratungsstelle im VNB e.V.',
    imprint: 'Impressum',
  },
  en: {
    subject: 'Please confirm your subscription to the MitGeN newsletter',
    hello: 'Hello,',
    asked: 'the newsletter of the MitGeN network (Migration. Gender Equality. Lower Saxony) was requested for this e-mail address.',
    action: 'Please confirm the subscription with this link:',
    button: 'Confirm subscription',
    expiry: `The link works for ${CONFIRM_TOKEN_HOURS} hours.`,
    ignore:
      'If you did not request the newsletter, simply ignore this e-mail: without confirmation you will not receive any newsletter, and the sign-up is deleted after a few days.',
    sender: 'G mit Niedersachsen – education and counselling office of VNB e.V.',
    imprint: 'Legal notice',
  },
};

/** The confirmation mail for one sign-up (German, or English when that is the chosen language). */
export function confirmationMail(to: string, language: string, token: string, links: PublicLinks): OutboxMessage {
  const t = language === 'en' ? TEXTS.en : TEXTS.de;
  const url = links.newsletterConfirm(token);
  const text = [t.hello, '', t.asked, '', t.action, url, '', t.expiry, '', t.ignore, '', '--', t.sender, `${t.imprint}: ${links.imprint}`].join('\n');
  const html = `<!doctype html>
<html lang="${language === 'en' ? 'en' : 'de'}"><head><meta charset="utf-8"><title>${escapeHtml(t.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222;max-width:600px;margin:0 auto;padding:16px">
<p>${escapeHtml(t.hello)}</p>
<p>${escapeHtml(t.asked)}</p>
<p>${escapeHtml(t.action)}</p>
<p>${linkHtml(url, t.button, 'display:inline-block;background:#7a1f5c;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none')}</p>
<p>${escapeHtml(t.expiry)}</p>
<p>${escapeHtml(t.ignore)}</p>
<hr style="border:0;border-top:1px solid #ddd">
<p style="font-size:13px;color:#666">${escapeHtml(t.sender)}<br>${linkHtml(links.imprint, t.imprint, 'color:#666')}</p>
</body></html>`;
  return { to, subject: t.subject, text, html };
}
