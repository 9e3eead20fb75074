import express, { type Router } from 'express';
import { INTERNAL_AUDIENCE, isUuid, PRINCIPAL_HEADER, verifyPrincipalToken, type Principal, type SubgraphDeps } from '@mitgen/subgraph-kit';
import type { PartnersEnv } from '../env';
import { Account } from '../account/account.entity';
import { principalOfAccount } from '../account/account.service';
import { principalOfApiKey } from '../api-key/api-key.service';
import type { PartnersDeps } from '../context';

/**
 * `POST /internal/principal` — for the gateway only (it proves itself with a token it signs for
 * this route): is this account still active / this API key valid, and who is it?
 * Body `{ "accountId": "…" }` or `{ "apiKey": "…" }`; answers `{ principal }` or 401.
 */
export function internalRoutes(router: Router, deps: SubgraphDeps<PartnersEnv, PartnersDeps>): void {
  router.post('/internal/principal', express.json({ limit: '4kb' }), async (req, res) => {
    const keys = deps.services.gatewayKeys;
    const token = req.headers[PRINCIPAL_HEADER];
    try {
      if (!keys || typeof token !== 'string') throw new Error('no gateway token');
      await verifyPrincipalToken(keys, token, INTERNAL_AUDIENCE, deps.clock.now());
    } catch {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    const { accountId, apiKey } = (req.body ?? {}) as { accountId?: unknown; apiKey?: unknown };
    let principal: Principal | null = null;
    if (typeof accountId === 'string' && isUuid(accountId)) {
      const account = await deps.ds.getRepository(Account).findOneBy({ id: accountId });
      if (account && !account.disabledAt) principal = principalOfAccount(account);
    } else if (typeof apiKey === 'string') {
      principal = await principalOfApiKey(deps.ds, apiKey, deps.clock.now());
    }
    if (principal) res.json({ principal });
    else res.status(401).json({ error: 'unknown or disabled' });
  });
}
