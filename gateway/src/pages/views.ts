import { API_PATHS, contentLanguages, fillPath, PAGE_PATHS } from '@mitgen/subgraph-kit/runtime';
import { clockSpan, html, paragraphs, safeUrl, timeSpan, type SafeHtml } from './html';

// What each page shows, from the graph's answers (German, the network's language). Pure functions:
// data in, HTML out; routes/pages.ts runs the operations and sends the pages.

export interface View {
  title: string;
  body: SafeHtml;
  status?: number;
}

const eventHref = (slug: string) => fillPath(PAGE_PATHS.event, { slug });
const partnerHref = (slug: string) => fillPath(PAGE_PATHS.partner, { slug });
const resourceHref = (id: string) => fillPath(PAGE_PATHS.resource, { id });

interface EventSummary {
  slug: string;
  title: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  venueName?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  online: boolean;
  status: string;
  registrationState: string;
}

const KINDS: Record<string, string> = { FACHTAG: 'Fachtag', NETZWERKTREFFEN: 'Netzwerktreffen', WORKSHOP: 'Workshop', TRAINING: 'Fortbildung' };

function place(e: EventSummary): string {
  const where = [e.venueName, e.street, [e.postalCode, e.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (where && e.online) return `${where} und online`;
  return where || (e.online ? 'Online' : '');
}

const STATES: Record<string, string> = {
  OPEN: 'Anmeldung offen',
  WAITLIST: 'Ausgebucht – Anmeldung auf die Warteliste möglich',
  FULL: 'Ausgebucht',
  NOT_OPEN_YET: 'Die Anmeldung beginnt später',
  CLOSED: 'Anmeldung geschlossen',
  CANCELLED: 'Abgesagt',
  NOT_PUBLISHED: 'Nicht veröffentlicht',
};

const STATUS: Record<string, string> = {
  CONFIRMED: 'Ihr Platz ist reserviert.',
  WAITLISTED: 'Sie stehen auf der Warteliste.',
  CANCELLED: 'Diese Anmeldung ist abgesagt.',
  ATTENDED: 'Sie haben teilgenommen.',
};

function choiceState(c: { status: string; waitlistPosition?: number | null }): string {
  if (c.status === 'CONFIRMED') return 'Platz reserviert';
  if (c.status === 'WAITLISTED') return `Warteliste, Platz ${c.waitlistPosition ?? '?'}`;
  return 'wird zugeteilt, sobald Sie nachrücken';
}

export function eventListView(events: (EventSummary & { organizers: ({ name: string } | null)[] })[]): View {
  return {
    title: 'Veranstaltungen',
    body: events.length
      ? html`<ul>${events.map(
          (e) =>
            html`<li><a href="${eventHref(e.slug)}">${e.title}</a><br>${timeSpan(e.startsAt, e.endsAt)}${place(e) ? html` · ${place(e)}` : ''}${
              e.status === 'CANCELLED' ? html` · <strong>abgesagt</strong>` : ''
            }</li>`,
        )}</ul>
<p><a href="/feeds/events.ics">Alle Termine als Kalender abonnieren (iCal)</a> · <a href="${PAGE_PATHS.newsletter}">Newsletter</a></p>`
      : html`<p>Zurzeit sind keine Veranstaltungen angekündigt.</p><p><a href="${PAGE_PATHS.newsletter}">Newsletter abonnieren</a></p>`,
  };
}

interface EventPage extends EventSummary {
  id: string;
  description: string;
  seatsLeft: number | null;
  cancellationReason?: string | null;
  organizers: ({ name: string; slug: string } | null)[];
  topics: { name: string }[];
  programme: { startsAt: string; endsAt?: string | null; title: string; description: string; speakers: { name: string; affiliation?: string | null }[] }[];
  sessions: { id: string; title: string; description: string; startsAt?: string | null; endsAt?: string | null; room?: string | null; seatsLeft?: number | null }[];
  documentation: ({ id: string; title: string } | null)[];
}

/** Form values kept after a refused registration. */
export interface RegistrationForm {
  name?: string;
  email?: string;
  organisation?: string;
  notes?: string;
  sessionIds?: string[];
}

function registrationForm(e: EventPage, form: RegistrationForm): SafeHtml {
  const open = e.registrationState === 'OPEN' || e.registrationState === 'WAITLIST';
  if (!open) return html`<p class="box">${STATES[e.registrationState] ?? e.registrationState}.</p>`;
  const chosen = new Set(form.sessionIds ?? []);
  return html`<h2 id="anmeldung">Anmelden</h2>
${e.registrationState === 'WAITLIST' ? html`<p class="box">Alle Plätze sind vergeben: Sie kommen auf die Warteliste und rücken automatisch nach (mit einer Mail).</p>` : ''}
<form method="post" action="${eventHref(e.slug)}">
<label>Name (Pflichtfeld) <input type="text" name="name" required maxlength="200" autocomplete="name" value="${form.name ?? ''}"></label>
<label>E-Mail-Adresse (Pflichtfeld) <input type="email" name="email" required maxlength="254" autocomplete="email" value="${form.email ?? ''}"></label>
<label>Organisation <input type="text" name="organisation" maxlength="200" autocomplete="organization" value="${form.organisation ?? ''}"></label>
${
  e.sessions.length
    ? html`<fieldset><legend>Thementische und Sessions (Auswahl freiwillig)</legend>${e.sessions.map(
        (s) =>
          html`<label><input type="checkbox" name="sitzung" value="${s.id}"${chosen.has(s.id) ? html` checked` : ''}> ${s.title}${
            s.startsAt ? html` (${clockSpan(s.startsAt, s.endsAt)} Uhr)` : ''
          }${s.seatsLeft === 0 ? html` – ausgebucht` : ''}</label>`,
      )}</fieldset>`
    : ''
}
<label>Was brauchen Sie, um teilnehmen zu können? (z. B. Barrierefreiheit, Übersetzung, Kinderbetreuung) <input type="text" name="bedarf" maxlength="1000" value="${form.notes ?? ''}"></label>
<label><input type="checkbox" name="einwilligung" value="ja" required> Ich bin einverstanden, dass meine Angaben gespeichert und für die Organisation dieser Veranstaltung verwendet werden. Sie werden nach der Veranstaltung gelöscht.</label>
<button type="submit">${e.registrationState === 'WAITLIST' ? 'Auf die Warteliste' : 'Verbindlich anmelden'}</button>
</form>`;
}

export function eventView(e: EventPage, form: RegistrationForm = {}, problem?: SafeHtml): View {
  const organisers = e.organizers.filter((o): o is { name: string; slug: string } => !!o);
  return {
    title: e.status === 'CANCELLED' ? `Abgesagt: ${e.title}` : e.title,
    body: html`${problem ?? ''}<dl>
<dt>Art</dt><dd>${KINDS[e.kind] ?? e.kind}</dd>
<dt>Wann</dt><dd>${timeSpan(e.startsAt, e.endsAt)}</dd>
${place(e) ? html`<dt>Wo</dt><dd>${place(e)}</dd>` : ''}
${organisers.length ? html`<dt>Veranstaltet von</dt><dd>${organisers.map((o, i) => html`${i ? ', ' : ''}<a href="${partnerHref(o.slug)}">${o.name}</a>`)}</dd>` : ''}
${e.topics.length ? html`<dt>Themen</dt><dd>${e.topics.map((t) => t.name).join(', ')}</dd>` : ''}
${e.seatsLeft !== null && e.status !== 'CANCELLED' ? html`<dt>Freie Plätze</dt><dd>${e.seatsLeft}</dd>` : ''}
</dl>
${e.status === 'CANCELLED' ? html`<p class="box error">Diese Veranstaltung wurde abgesagt.${e.cancellationReason ? html` ${e.cancellationReason}` : ''}</p>` : ''}
${paragraphs(e.description)}
<p><a href="/feeds/events/${e.slug}.ics">In den Kalender eintragen (iCal)</a></p>
${
  e.programme.length
    ? html`<h2>Programm</h2><dl>${e.programme.map(
        (p) =>
          html`<dt>${clockSpan(p.startsAt, p.endsAt)}</dt><dd><strong>${p.title}</strong>${
            p.speakers.length ? html`<br>${p.speakers.map((s) => (s.affiliation ? `${s.name} (${s.affiliation})` : s.name)).join(', ')}` : ''
          }${p.description ? html`<br>${p.description}` : ''}</dd>`,
      )}</dl>`
    : ''
}
${
  e.documentation.some(Boolean)
    ? html`<h2>Dokumentation</h2><ul>${e.documentation.filter((d): d is { id: string; title: string } => !!d).map((d) => html`<li><a href="${resourceHref(d.id)}">${d.title}</a></li>`)}</ul>`
    : ''
}
${registrationForm(e, form)}`,
  };
}

export function registeredView(e: { title: string; slug: string }, r: { status: string; waitlistPosition?: number | null; sessions?: { session: { title: string }; status: string; waitlistPosition?: number | null }[] | null }): View {
  const waiting = r.status === 'WAITLISTED';
  return {
    title: waiting ? 'Auf der Warteliste' : 'Angemeldet',
    body: html`<p role="status" class="box">${
      waiting ? `Sie stehen auf der Warteliste für „${e.title}“ (Platz ${r.waitlistPosition ?? '?'}).` : `Sie sind für „${e.title}“ angemeldet.`
    }</p>
${r.sessions?.length ? html`<ul>${r.sessions.map((c) => html`<li>${c.session.title}: ${choiceState(c)}</li>`)}</ul>` : ''}
<p>Wir haben Ihnen eine E-Mail geschickt. Darin steht ein persönlicher Link, mit dem Sie Ihre Anmeldung ansehen, ändern oder absagen können. Waren Sie schon angemeldet, erhalten Sie diesen Link noch einmal.</p>
<p><a href="${eventHref(e.slug)}">Zurück zur Veranstaltung</a></p>`,
  };
}

interface RegistrationPage {
  status: string;
  waitlistPosition?: number | null;
  name?: string | null;
  email?: string | null;
  organisation?: string | null;
  onlineUrl?: string | null;
  sessions?: { session: { id: string; title: string }; status: string; waitlistPosition?: number | null }[] | null;
  event: EventSummary & { sessions: { id: string; title: string; startsAt?: string | null; endsAt?: string | null; room?: string | null; seatsLeft?: number | null }[] };
}

export function registrationView(token: string, r: RegistrationPage, notice?: string): View {
  const e = r.event;
  const active = r.status === 'CONFIRMED' || r.status === 'WAITLISTED';
  const chosen = new Set((r.sessions ?? []).map((c) => c.session.id));
  const online = safeUrl(r.onlineUrl);
  return {
    title: 'Ihre Anmeldung',
    body: html`${notice ? html`<p role="status" class="box">${notice}</p>` : ''}
<p><strong><a href="${eventHref(e.slug)}">${e.title}</a></strong><br>${timeSpan(e.startsAt, e.endsAt)}${place(e) ? html`<br>${place(e)}` : ''}</p>
<p class="box">${STATUS[r.status] ?? r.status}${r.status === 'WAITLISTED' ? ` Platz ${r.waitlistPosition ?? '?'} – Sie rücken automatisch nach und bekommen dann eine Mail.` : ''}</p>
<dl>
<dt>Name</dt><dd>${r.name ?? '–'}</dd>
<dt>E-Mail</dt><dd>${r.email ?? '–'}</dd>
${r.organisation ? html`<dt>Organisation</dt><dd>${r.organisation}</dd>` : ''}
</dl>
${online ? html`<p>Zugang zur Online-Teilnahme (bitte nicht weitergeben): <a href="${online}">${online}</a></p>` : ''}
${
  r.sessions?.length
    ? html`<h2>Ihre Auswahl</h2><ul>${r.sessions.map((c) => html`<li>${c.session.title}: ${choiceState(c)}</li>`)}</ul>`
    : ''
}
${
  active && e.sessions.length && e.status === 'PUBLISHED'
    ? html`<h2>Auswahl ändern</h2>
<form method="post" action="${PAGE_PATHS.registration}">
<input type="hidden" name="token" value="${token}"><input type="hidden" name="aktion" value="sitzungen">
<fieldset><legend>Thementische und Sessions</legend>${e.sessions.map(
        (s) =>
          html`<label><input type="checkbox" name="sitzung" value="${s.id}"${chosen.has(s.id) ? html` checked` : ''}> ${s.title}${
            s.startsAt ? html` (${clockSpan(s.startsAt, s.endsAt)} Uhr)` : ''
          }${s.seatsLeft === 0 && !chosen.has(s.id) ? html` – ausgebucht` : ''}</label>`,
      )}</fieldset>
<button type="submit">Auswahl speichern</button>
</form>`
    : ''
}
${
  active
    ? html`<h2>Absagen</h2>
<p>Können Sie nicht kommen? Sagen Sie bitte ab – Ihr Platz geht an die erste Person auf der Warteliste.</p>
<form method="post" action="${PAGE_PATHS.registration}">
<input type="hidden" name="token" value="${token}"><input type="hidden" name="aktion" value="absagen">
<button type="submit" class="secondary">Anmeldung absagen</button>
</form>`
    : ''
}`,
  };
}

export function confirmFormView(token: string): View {
  return {
    title: 'Newsletter-Anmeldung bestätigen',
    body: html`<p>Sie (oder jemand mit Ihrer Adresse) haben den MitGeN-Newsletter bestellt. Bitte bestätigen Sie das mit dem Knopf – erst dann erhalten Sie den Newsletter.</p>
<form method="post" action="${PAGE_PATHS.newsletterConfirm}">
<input type="hidden" name="token" value="${token}">
<button type="submit">Anmeldung bestätigen</button>
</form>
<p>Haben Sie nichts bestellt? Dann müssen Sie nichts tun: ohne Bestätigung erhalten Sie keine Mails.</p>`,
  };
}

export function confirmedView(manageToken: string, email: string): View {
  return {
    title: 'Anmeldung bestätigt',
    body: html`<p role="status" class="box">Vielen Dank! ${email} erhält ab jetzt den MitGeN-Newsletter.</p>
<p>Sie können jederzeit <a href="${PAGE_PATHS.newsletterPreferences}?token=${encodeURIComponent(manageToken)}">Themen, Sprache und Namen einstellen oder den Newsletter abbestellen</a>. Jeder Newsletter enthält diesen Link auch.</p>`,
  };
}

/** The newsletter's language: every active content language by its own name (German for unknown codes). */
function languageSelect(selected: string): SafeHtml {
  const offered = contentLanguages();
  const current = offered.some((l) => l.code === selected) ? selected : 'de';
  return html`<label>Sprache des Newsletters und der Mails <select name="sprache">${offered.map(
    (l) => html`<option value="${l.code}" lang="${l.code}"${l.code === current ? html` selected` : ''}>${l.nativeName}</option>`,
  )}</select></label>`;
}

interface Subscription {
  email: string;
  name?: string | null;
  language: string;
  status: string;
  topics: { slug: string }[];
}

export function preferencesView(token: string, s: Subscription, topics: { slug: string; name: string }[], notice?: string): View {
  if (s.status === 'UNSUBSCRIBED') {
    return { title: 'Newsletter abbestellt', body: html`<p class="box">${s.email} erhält den MitGeN-Newsletter nicht mehr.</p>` };
  }
  const mine = new Set(s.topics.map((t) => t.slug));
  return {
    title: 'Newsletter-Einstellungen',
    body: html`${notice ? html`<p role="status" class="box">${notice}</p>` : ''}
<p>Einstellungen für ${s.email}${s.status === 'PENDING' ? ' (noch nicht bestätigt)' : ''}.</p>
<form method="post" action="${PAGE_PATHS.newsletterPreferences}">
<input type="hidden" name="token" value="${token}">
<label>Name für die Anrede <input type="text" name="name" maxlength="100" autocomplete="name" value="${s.name ?? ''}"></label>
${languageSelect(s.language)}
<fieldset><legend>Themen (keine Auswahl: alle Themen)</legend>${topics.map(
      (t) => html`<label><input type="checkbox" name="thema" value="${t.slug}"${mine.has(t.slug) ? html` checked` : ''}> ${t.name}</label>`,
    )}</fieldset>
<button type="submit">Speichern</button>
</form>
<h2>Abbestellen</h2>
<form method="post" action="${fillPath(API_PATHS.unsubscribe, { token })}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" class="secondary">Newsletter abbestellen</button>
</form>`,
  };
}

export function subscribeView(consent: { version: string; text: string }, topics: { slug: string; name: string }[], problem?: SafeHtml, email = '', language = 'de'): View {
  return {
    title: 'Newsletter abonnieren',
    body: html`${problem ?? ''}<p>Der MitGeN-Newsletter berichtet über die Arbeit im Netzwerk und kommende Veranstaltungen.</p>
<form method="post" action="${PAGE_PATHS.newsletter}">
<input type="hidden" name="einwilligungstext" value="${consent.version}">
<label>E-Mail-Adresse (Pflichtfeld) <input type="email" name="email" required maxlength="254" autocomplete="email" value="${email}"></label>
<label>Name für die Anrede <input type="text" name="name" maxlength="100" autocomplete="name"></label>
${languageSelect(language)}
<fieldset><legend>Themen (keine Auswahl: alle Themen)</legend>${topics.map((t) => html`<label><input type="checkbox" name="thema" value="${t.slug}"> ${t.name}</label>`)}</fieldset>
${paragraphs(consent.text)}
<button type="submit">Newsletter bestellen</button>
</form>`,
  };
}

export function subscribedView(message: string, hours: number): View {
  return {
    title: 'Fast geschafft',
    body: html`<p role="status" class="box">Bitte sehen Sie in Ihr Postfach: Wir haben Ihnen eine Mail mit einem Bestätigungslink geschickt. Er gilt ${hours} Stunden.</p><p lang="en">${message}</p>`,
  };
}

interface PartnerPage {
  name: string;
  shortName?: string | null;
  description: string;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  website?: string | null;
  email?: string | null;
  phone?: string | null;
  topics: { name: string }[];
  events?: { nodes: { slug: string; title: string; startsAt: string; endsAt: string }[] } | null;
  resources?: { nodes: { id: string; title: string; summary: string }[] } | null;
}

export function partnerView(p: PartnerPage): View {
  const website = safeUrl(p.website);
  const address = [p.street, [p.postalCode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const events = p.events?.nodes ?? [];
  const resources = p.resources?.nodes ?? [];
  return {
    title: p.name,
    body: html`${paragraphs(p.description)}
<dl>
${address ? html`<dt>Adresse</dt><dd>${address}</dd>` : ''}
${website ? html`<dt>Website</dt><dd><a href="${website}">${website}</a></dd>` : ''}
${p.email ? html`<dt>E-Mail</dt><dd><a href="mailto:${p.email}">${p.email}</a></dd>` : ''}
${p.phone ? html`<dt>Telefon</dt><dd>${p.phone}</dd>` : ''}
${p.topics.length ? html`<dt>Themen</dt><dd>${p.topics.map((t) => t.name).join(', ')}</dd>` : ''}
</dl>
${events.length ? html`<h2>Kommende Veranstaltungen</h2><ul>${events.map((e) => html`<li><a href="${eventHref(e.slug)}">${e.title}</a> – ${timeSpan(e.startsAt, e.endsAt)}</li>`)}</ul>` : ''}
${resources.length ? html`<h2>Angebote und Informationen</h2><ul>${resources.map((r) => html`<li><a href="${resourceHref(r.id)}">${r.title}</a><br>${r.summary}</li>`)}</ul>` : ''}`,
  };
}

interface ResourcePage {
  title: string;
  summary: string;
  body: string;
  url?: string | null;
  cost?: string | null;
  freeOfCharge: boolean;
  accessibility?: string | null;
  validFrom?: string | null;
  validUntil?: string | null;
  statewide: boolean;
  provider?: { name: string; slug: string } | null;
  topics: { name: string }[];
  regions: { name: string }[];
  contacts: ({ name: string; role?: string | null; email?: string | null; phone?: string | null } | null)[];
}

export function resourceView(r: ResourcePage): View {
  const url = safeUrl(r.url);
  const contacts = r.contacts.filter((c): c is NonNullable<typeof c> => !!c);
  return {
    title: r.title,
    body: html`<p><strong>${r.summary}</strong></p>
${paragraphs(r.body)}
<dl>
${r.provider ? html`<dt>Anbieter</dt><dd><a href="${partnerHref(r.provider.slug)}">${r.provider.name}</a></dd>` : ''}
${url ? html`<dt>Mehr dazu</dt><dd><a href="${url}">${url}</a></dd>` : ''}
<dt>Kosten</dt><dd>${r.freeOfCharge ? 'kostenfrei' : (r.cost ?? 'auf Anfrage')}</dd>
${r.accessibility ? html`<dt>Barrierefreiheit</dt><dd>${r.accessibility}</dd>` : ''}
<dt>Wo</dt><dd>${r.statewide ? 'in ganz Niedersachsen' : r.regions.map((x) => x.name).join(', ') || '–'}</dd>
${r.topics.length ? html`<dt>Themen</dt><dd>${r.topics.map((t) => t.name).join(', ')}</dd>` : ''}
${r.validUntil ? html`<dt>Gültig bis</dt><dd>${r.validUntil}</dd>` : ''}
</dl>
${
  contacts.length
    ? html`<h2>Ansprechpersonen</h2><ul>${contacts.map(
        (c) =>
          html`<li>${c.name}${c.role ? `, ${c.role}` : ''}${c.email ? html` · <a href="mailto:${c.email}">${c.email}</a>` : ''}${c.phone ? html` · ${c.phone}` : ''}</li>`,
      )}</ul>`
    : ''
}`,
  };
}

export function imprintView(): View {
  return {
    title: 'Impressum',
    body: html`<p>MitGeN – Migration. Geschlechtergleichstellung. Niedersachsen ist ein Netzwerk, koordiniert von der Bildungs- und Beratungsstelle „G mit Niedersachsen“ in Trägerschaft des VNB e.V., gefördert vom Niedersächsischen Sozialministerium.</p>
<p class="box">Diese Seite gehört zu den Seiten, die die MitGeN-API selbst anzeigt, solange keine Website eingerichtet ist. Wer die API öffentlich betreibt, richtet eine Website mit vollständigem Impressum ein und nennt sie in der Einstellung <code>PUBLIC_WEB_URL</code>; alle Links in Mails führen dann dorthin.</p>`,
    status: 200,
  };
}
