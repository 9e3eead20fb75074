import type { OutboxMessage } from '@mitgen/subgraph-kit';
import { CONFIRM_TOKEN_HOURS } from '../policy';
import { escapeHtml, htmlTag, linkHtml } from './html';
import { mailText } from './messages';
import type { PublicLinks } from '@mitgen/subgraph-kit';

// The double opt-in mail. It may contain no advertising (German case law treats advertising in
// the confirmation mail as unsolicited advertising), so: what was asked for, the link, how long it
// works, what happens if ignored, who sends it. No greeting with the entered name either: anyone
// can enter any name for any address, and this mail goes to an address nobody has confirmed yet.

/** The confirmation mail for one sign-up, in the subscriber's language (German where a text has no translation). */
export function confirmationMail(to: string, language: string, token: string, links: PublicLinks): OutboxMessage {
  const m = (key: string, values?: Record<string, unknown>) => mailText(language, key, values);
  const t = {
    subject: m('confirmSubject'),
    hello: m('greeting'),
    asked: m('confirmAsked'),
    action: m('confirmAction'),
    button: m('confirmButton'),
    expiry: m('confirmExpiry', { count: CONFIRM_TOKEN_HOURS }),
    ignore: m('confirmIgnore'),
    sender: m('confirmSender'),
    imprint: m('imprint'),
  };
  const url = links.newsletterConfirm(token);
  const text = [t.hello, '', t.asked, '', t.action, url, '', t.expiry, '', t.ignore, '', '--', t.sender, `${t.imprint}: ${links.imprint}`].join('\n');
  const html = `<!doctype html>
${htmlTag(language)}<head><meta charset="utf-8"><title>${escapeHtml(t.subject)}</title></head>
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
