import { activeContentLanguages, audit, badInput, languageOf, LANGUAGE_CATALOGUE, SOURCE_LANGUAGE, touchCacheTag, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';

// The active list of content languages (docs/languages.md): which languages of the kit's catalogue
// the network offers. Coordinators change it; every service reads it through the graph.

/** The active codes in the list's order (German first, then as added). */
export async function activeLanguageCodes(ds: DataSource): Promise<string[]> {
  const rows: { code: string }[] = await ds.query('SELECT code FROM content_language ORDER BY position');
  return rows.map((r) => r.code);
}

/** A code of the catalogue, normalised; BAD_USER_INPUT listing the catalogue otherwise. */
function catalogueCode(code: string): string {
  const normalised = code.trim().toLowerCase();
  if (!languageOf(normalised)) {
    throw badInput(`code: "${code.slice(0, 20)}" is not a language the graph can handle; known: ${LANGUAGE_CATALOGUE.map((l) => l.code).join(', ')}`, 'code', {
      knownLanguages: LANGUAGE_CATALOGUE.map((l) => l.code),
    });
  }
  return normalised;
}

/** After a change: this service's snapshot at once (others within their refresh time), and gateways drop cached lists. */
async function changed(): Promise<void> {
  touchCacheTag('ContentLanguage');
  await activeContentLanguages().refresh();
}

/** Offers a language of the catalogue as a content language (nothing changes when it is offered already). */
export async function addContentLanguage(ctx: SubgraphContext, codeArg: string): Promise<void> {
  const code = catalogueCode(codeArg);
  await ctx.ds.transaction(async (tx) => {
    const added: unknown[] = await tx.query(
      'INSERT INTO content_language (code, added_by) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING code',
      [code, ctx.principal.subject ?? null],
    );
    if (added.length) await audit(tx, ctx, { entityType: 'ContentLanguage', entityId: code, action: 'ADD', before: null, after: { code } });
  });
  await changed();
}

/**
 * Stops offering a language: its stored translations stay (offering it again brings them back) but
 * are no longer shown or offered. German, the source, cannot be removed.
 */
export async function removeContentLanguage(ctx: SubgraphContext, codeArg: string): Promise<void> {
  const code = catalogueCode(codeArg);
  if (code === SOURCE_LANGUAGE) throw badInput('code: German is the source of every text and cannot be removed', 'code');
  await ctx.ds.transaction(async (tx) => {
    const [, count] = await tx.query('DELETE FROM content_language WHERE code = $1', [code]);
    if (Number(count) > 0) await audit(tx, ctx, { entityType: 'ContentLanguage', entityId: code, action: 'REMOVE', before: { code }, after: null });
  });
  await changed();
}
