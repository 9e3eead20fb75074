import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { badInput, isUuid, notFound, type Principal, type SubgraphContext } from '@mitgen/subgraph-kit';
import type { DataSource } from 'typeorm';
import { Partner } from '../partner/partner.entity';
import { ApiKey } from './api-key.entity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Issues a key `mgk_<prefix>_<secret>` for a partner; the caller sees it once, only its hash is kept. */
export async function createApiKey(ctx: SubgraphContext, partnerId: string, name: string): Promise<{ key: string; apiKey: ApiKey }> {
  if (!(await ctx.ds.getRepository(Partner).existsBy({ id: partnerId }))) throw badInput('no partner has this id', 'partnerId');
  const prefix = randomBytes(6).toString('hex');
  const key = `mgk_${prefix}_${randomBytes(24).toString('base64url')}`;
  const apiKey = await ctx.ds.getRepository(ApiKey).save(ctx.ds.getRepository(ApiKey).create({ name: name.trim(), partnerId, prefix, keyHash: sha256(key) }));
  return { key, apiKey };
}

/** Revokes a key; idempotent. */
export async function revokeApiKey(ctx: SubgraphContext, id: string): Promise<ApiKey> {
  const repo = ctx.ds.getRepository(ApiKey);
  const apiKey = isUuid(id) ? await repo.findOneBy({ id }) : null;
  if (!apiKey) throw notFound('API key');
  if (!apiKey.revokedAt) {
    apiKey.revokedAt = ctx.clock.now();
    await repo.save(apiKey);
  }
  return apiKey;
}

/** The principal of a valid, unrevoked key (null otherwise); records its use at most once a minute. */
export async function principalOfApiKey(ds: DataSource, key: string, now: Date): Promise<Principal | null> {
  const m = /^mgk_([0-9a-f]{12})_[A-Za-z0-9_-]{32}$/.exec(key);
  if (!m) return null;
  const apiKey = await ds.getRepository(ApiKey).findOneBy({ prefix: m[1] });
  if (!apiKey || apiKey.revokedAt) return null;
  const expected = Buffer.from(apiKey.keyHash, 'hex');
  if (!timingSafeEqual(Buffer.from(sha256(key), 'hex'), expected)) return null;
  await ds.query(
    `UPDATE api_key SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
    [apiKey.id, now],
  );
  return { role: 'API_CLIENT', subject: apiKey.id, partnerId: apiKey.partnerId };
}
