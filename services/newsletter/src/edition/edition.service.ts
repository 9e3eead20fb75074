import { audit, badInput, conflict, contentLanguage, domainError, isUuid, notFound, paginate, SOURCE_LANGUAGE, type Page } from '@mitgen/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { NewsletterContext } from '../context';
import { assertRecordsExist, assertTopicsExist, unavailable, type RecordRef } from '../graph/graph.references';
import { GraphUnavailableError, type GraphClient, type PublicLinks } from '@mitgen/subgraph-kit';
import { mailLanguage } from '../mail/html';
import { returnedRows } from '../sql';
import { Edition, EditionItemKind, EditionStatus, type EditionItemData } from './edition.entity';
import type { CreateNewsletterEditionInput, NewsletterEditionFilter, NewsletterItemInput, NewsletterPreview, UpdateNewsletterEditionInput } from './edition.input';
import { personalise, renderEdition, subjectOf, type RenderedEdition } from './edition.render';

const EDITABLE = [EditionStatus.DRAFT, EditionStatus.SCHEDULED];
const AUDITED = ['title', 'intro', 'items', 'audienceTopicSlugs', 'status', 'scheduledAt'] as const;
const auditView = (e: Edition) => Object.fromEntries(AUDITED.map((k) => [k, e[k]]));

/** Items as stored, refusing incomplete ones (BAD_USER_INPUT on `items.<n>.<field>`). */
function itemsData(items: NewsletterItemInput[]): EditionItemData[] {
  return items.map((item, i) => {
    if (item.kind === EditionItemKind.TEXT) {
      if (!item.title?.trim()) throw badInput('A text item needs a title.', `items.${i}.title`);
      if (!item.text?.trim()) throw badInput('A text item needs a text.', `items.${i}.text`);
      return { kind: item.kind, title: item.title.trim(), text: item.text.trim(), url: item.url ?? null };
    }
    if (!isUuid(item.id)) throw badInput(`An item of kind ${item.kind} needs the id of the record it shows.`, `items.${i}.id`);
    if (item.url) throw badInput('Only text items have their own link; referenced records link to their page.', `items.${i}.url`);
    return { kind: item.kind, refId: item.id.toLowerCase(), title: item.title?.trim() || null, text: item.text?.trim() || null };
  });
}

const uniqueSlugs = (slugs: string[]) => [...new Set(slugs)];

/** The events, resources and partners items name (they must exist: checked through the graph). */
const recordsOf = (items: EditionItemData[]): RecordRef[] =>
  items.flatMap((item, i) => (item.kind !== EditionItemKind.TEXT && item.refId ? [{ kind: item.kind, id: item.refId, field: `items.${i}.id` }] : []));

async function load(manager: EntityManager, id: string, lock = false): Promise<Edition> {
  const e = isUuid(id)
    ? await manager.getRepository(Edition).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
    : null;
  if (!e) throw notFound('Newsletter edition');
  return e;
}

function assertEditable(e: Edition): void {
  if (!EDITABLE.includes(e.status)) {
    throw domainError('EDITION_FROZEN', 'This edition is being sent or was sent and can no longer be changed. Create a new edition instead.');
  }
}

export function editionById(ctx: NewsletterContext, id: string): Promise<Edition | null> {
  return isUuid(id) ? ctx.ds.getRepository(Edition).findOneBy({ id }) : Promise.resolve(null);
}

/** Editions, newest first. */
export function listEditions(ctx: NewsletterContext, filter: NewsletterEditionFilter, page: { first: number; after?: string | null }): Promise<Page<Edition>> {
  const qb = ctx.ds.getRepository(Edition).createQueryBuilder('e');
  if (filter.status) qb.where('e.status = :status', { status: filter.status });
  return paginate(qb, page, [
    { sql: 'e.created_at', desc: true, cast: 'timestamptz', value: (e) => e.createdAt.toISOString() },
    { sql: 'e.id', desc: true, cast: 'uuid', value: (e) => e.id },
  ]);
}

export async function createEdition(ctx: NewsletterContext, input: CreateNewsletterEditionInput): Promise<Edition> {
  const items = itemsData(input.items ?? []);
  const audience = uniqueSlugs(input.audienceTopics ?? []);
  await Promise.all([assertTopicsExist(ctx.services.graph, audience, 'audienceTopics'), assertRecordsExist(ctx.services.graph, recordsOf(items))]);
  return ctx.ds.transaction(async (tx) => {
    const repo = tx.getRepository(Edition);
    const e = await repo.save(repo.create({ title: input.title.trim(), intro: input.intro?.trim() ?? '', items, audienceTopicSlugs: audience }));
    await audit(tx, ctx, { entityType: 'NewsletterEdition', entityId: e.id, action: 'CREATE', after: auditView(e) });
    return e;
  });
}

export async function updateEdition(ctx: NewsletterContext, id: string, input: UpdateNewsletterEditionInput): Promise<Edition> {
  const items = input.items ? itemsData(input.items) : undefined;
  const audience = input.audienceTopics ? uniqueSlugs(input.audienceTopics) : undefined;
  await Promise.all([audience && assertTopicsExist(ctx.services.graph, audience, 'audienceTopics'), items && assertRecordsExist(ctx.services.graph, recordsOf(items))]);
  return ctx.ds.transaction(async (tx) => {
    const e = await load(tx, id, true);
    assertEditable(e);
    if (e.version !== input.version) throw conflict('The edition was changed by someone else since you read it. Reload it and apply your changes again.', { currentVersion: e.version });
    const before = auditView(e);
    if (input.title != null) e.title = input.title.trim();
    if (input.intro != null) e.intro = input.intro.trim();
    if (items) e.items = items;
    if (audience) e.audienceTopicSlugs = audience;
    const saved = await tx.getRepository(Edition).save(e);
    await audit(tx, ctx, { entityType: 'NewsletterEdition', entityId: e.id, action: 'UPDATE', before, after: auditView(saved) });
    return saved;
  });
}

export async function deleteEdition(ctx: NewsletterContext, id: string): Promise<string> {
  return ctx.ds.transaction(async (tx) => {
    const e = await load(tx, id, true);
    assertEditable(e);
    await tx.getRepository(Edition).delete({ id: e.id });
    await audit(tx, ctx, { entityType: 'NewsletterEdition', entityId: e.id, action: 'DELETE', before: auditView(e) });
    return e.id;
  });
}

/** Renders through the graph (German and `languages`); a graph failure becomes GRAPH_UNAVAILABLE. */
async function render(graph: GraphClient, links: PublicLinks, e: Edition, languages: readonly string[] = []): Promise<RenderedEdition> {
  try {
    return await renderEdition(graph, links, e, languages);
  } catch (err) {
    throw err instanceof GraphUnavailableError ? unavailable() : err;
  }
}

/** The content languages among an edition's recipients now (one statement; other codes count as German). */
export async function recipientLanguages(manager: DataSource | EntityManager, audienceTopicSlugs: string[]): Promise<string[]> {
  const rows: { language: string }[] = await manager.query(`SELECT DISTINCT s.language FROM subscriber s WHERE ${recipientsWhere('$1')}`, [audienceTopicSlugs]);
  return [...new Set(rows.map((r) => mailLanguage(r.language)))];
}

function assertNoProblems(r: RenderedEdition): void {
  if (r.problems.length) throw badInput(`The edition cannot be sent: ${r.problems.join(' ')}`, 'items', { problems: r.problems });
}

/**
 * The preview in a language: the frozen mail of a sent edition (German where the edition was not
 * rendered in that language, as its recipients get it), else a fresh rendering through the graph.
 */
export async function previewEdition(ctx: NewsletterContext, e: Edition, language: string = SOURCE_LANGUAGE): Promise<NewsletterPreview> {
  const wanted = contentLanguage(language);
  let r: { subject: string; html: string; text: string; marker: string; problems: string[]; language: string };
  if (e.renderedHtml && e.renderedText && e.marker) {
    const [translated]: { subject: string; html: string; text: string }[] =
      wanted === SOURCE_LANGUAGE ? [] : await ctx.ds.query('SELECT subject, html, text FROM newsletter_edition_rendering WHERE edition_id = $1 AND language = $2', [e.id, wanted]);
    r = translated
      ? { ...translated, marker: e.marker, problems: [], language: wanted }
      : { subject: e.renderedSubject ?? subjectOf(e.title), html: e.renderedHtml, text: e.renderedText, marker: e.marker, problems: [], language: SOURCE_LANGUAGE };
  } else {
    const rendered = await render(ctx.services.graph, ctx.services.links, e, [wanted]);
    r = { ...rendered, ...(rendered.translations[0] ?? { language: SOURCE_LANGUAGE }) };
  }
  const sample = 'VORSCHAU';
  const { html, text } = personalise(r, {
    language: r.language,
    name: 'Erika Mustermann',
    preferencesUrl: ctx.services.links.newsletterPreferences(sample),
    unsubscribeUrl: ctx.services.links.oneClickUnsubscribe(sample),
  });
  return { subject: r.subject, html, text, problems: r.problems };
}

export async function scheduleEdition(ctx: NewsletterContext, id: string, sendAt: Date): Promise<Edition> {
  if (!(sendAt instanceof Date) || Number.isNaN(sendAt.getTime()) || sendAt.getTime() <= ctx.clock.now().getTime()) {
    throw badInput('sendAt must be in the future.', 'sendAt');
  }
  const current = await load(ctx.ds.manager, id);
  assertEditable(current);
  // Checked now so that problems show when scheduling, not silently at the scheduled time.
  assertNoProblems(await render(ctx.services.graph, ctx.services.links, current));
  return ctx.ds.transaction(async (tx) => {
    const e = await load(tx, id, true);
    assertEditable(e);
    const before = auditView(e);
    Object.assign(e, { status: EditionStatus.SCHEDULED, scheduledAt: sendAt, lastError: null });
    const saved = await tx.getRepository(Edition).save(e);
    await audit(tx, ctx, { entityType: 'NewsletterEdition', entityId: e.id, action: 'SCHEDULE', before, after: auditView(saved) });
    return saved;
  });
}

export async function unscheduleEdition(ctx: NewsletterContext, id: string): Promise<Edition> {
  return ctx.ds.transaction(async (tx) => {
    const e = await load(tx, id, true);
    if (e.status !== EditionStatus.SCHEDULED) throw domainError('EDITION_NOT_SCHEDULED', 'Only a scheduled edition can be unscheduled.');
    const before = auditView(e);
    Object.assign(e, { status: EditionStatus.DRAFT, scheduledAt: null });
    const saved = await tx.getRepository(Edition).save(e);
    await audit(tx, ctx, { entityType: 'NewsletterEdition', entityId: e.id, action: 'UNSCHEDULE', before, after: auditView(saved) });
    return saved;
  });
}

/** SQL condition for the recipients of an edition (alias `s`); `topics` is the placeholder of its audience topic slugs. */
export const recipientsWhere = (topics: string) =>
  `s.status = 'CONFIRMED' AND (cardinality(${topics}::text[]) = 0 OR cardinality(s.topic_slugs) = 0 OR s.topic_slugs && ${topics}::text[])`;

/**
 * Freezes an edition for sending: stores the rendered mail (German and the other languages rendered)
 * and the recipient count and moves it to SENDING, but only from one of `from` and only if nobody
 * changed it since `e` was read. Exactly one of several concurrent callers wins; the others get false.
 */
export async function freeze(ds: DataSource, e: Edition, r: RenderedEdition, now: Date, from: EditionStatus[]): Promise<boolean> {
  return ds.transaction(async (tx) => {
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM subscriber s WHERE ${recipientsWhere('$1')}`, [e.audienceTopicSlugs]);
    const rows = await tx.query(
      `UPDATE newsletter_edition SET status = 'SENDING', sending_started_at = $2, rendered_subject = $3, rendered_html = $4, rendered_text = $5,
              marker = $6, recipients_total = $7, enqueue_cursor = NULL, last_error = NULL, version = version + 1, updated_at = $2
        WHERE id = $1 AND status = ANY($8::text[]) AND version = $9 RETURNING id`,
      [e.id, now, r.subject, r.html, r.text, r.marker, n, from, e.version],
    );
    if (!returnedRows(rows).length) return false;
    // The other languages' renderings; a recipient in a language without one gets German.
    await tx.query('DELETE FROM newsletter_edition_rendering WHERE edition_id = $1', [e.id]);
    if (r.translations.length) {
      await tx.query(
        `INSERT INTO newsletter_edition_rendering (edition_id, language, subject, html, text)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
        [e.id, r.translations.map((t) => t.language), r.translations.map((t) => t.subject), r.translations.map((t) => t.html), r.translations.map((t) => t.text)],
      );
    }
    return true;
  });
}

/**
 * Starts sending now. A second call (double click, two coordinators) returns the edition as it is:
 * only the first one freezes it, and the outbox's dedupe keys could not send a mail twice anyway.
 */
export async function sendEdition(ctx: NewsletterContext, id: string): Promise<Edition> {
  const e = await load(ctx.ds.manager, id);
  if (e.status === EditionStatus.SENDING || e.status === EditionStatus.SENT) return e;
  const r = await render(ctx.services.graph, ctx.services.links, e, await recipientLanguages(ctx.ds, e.audienceTopicSlugs));
  assertNoProblems(r);
  const won = await freeze(ctx.ds, e, r, ctx.clock.now(), EDITABLE);
  const after = await load(ctx.ds.manager, id);
  if (won) {
    await audit(ctx.ds.manager, ctx, { entityType: 'NewsletterEdition', entityId: id, action: 'SEND', changes: { status: { from: e.status, to: after.status } } });
    ctx.services.wakeDispatcher();
  } else if (after.status !== EditionStatus.SENDING && after.status !== EditionStatus.SENT) {
    throw conflict('The edition was changed while sending was being prepared. Check it and send again.', { currentVersion: after.version });
  }
  return after;
}
