import { slugify } from '@mitgen/subgraph-kit';
import type { EntityManager } from 'typeorm';

/** Longest slug we generate; leaves room for a `-NN` suffix within the 80 characters `IsSlug` accepts. */
const MAX_BASE = 74;

/**
 * A free slug for `name`: its slug (German characters spelt out), or with `-2`, `-3`, … when taken.
 * `takenSql` selects the taken slugs that equal `$1` or start with `$1-`, e.g. from `partner`.
 */
export async function freeSlug(manager: EntityManager, name: string, fallback: string, takenSql: string): Promise<string> {
  const base = slugify(name).slice(0, MAX_BASE).replace(/-+$/, '') || fallback;
  const rows: { slug: string }[] = await manager.query(takenSql, [base, `^${base}-[0-9]+$`]);
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** True for PostgreSQL's unique violation (another request took the slug in the meantime). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505' || (error as { driverError?: { code?: string } } | null)?.driverError?.code === '23505';
}

/** Runs `attempt` again (up to 3 times) when a generated slug collided with a concurrent insert. */
export async function retryOnSlugRace<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= 2 || !isUniqueViolation(error)) throw error;
    }
  }
}
