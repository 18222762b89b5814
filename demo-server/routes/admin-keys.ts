import type { Router } from 'express';
import { endpoints, type AdminKeyInfo } from '../../widget/contract/index.ts';
import { BOOTSTRAP_KEY_ID } from '../auth/admin-keys.ts';
import { ADMIN_KEY_PREFIX, hashSecret, hintFor, newSecret } from '../auth/secrets.ts';
import { insertAdminKey, listAdminKeys, revokeAdminKey, type AdminKeyRecord } from '../db/admin-keys.ts';
import { HttpError, notFound } from '../errors.ts';
import { adminRoute, type Services } from './define.ts';

/** The key the server starts with: only its hash is known, and it is changed outside the API. */
const BOOTSTRAP_KEY: AdminKeyInfo = {
  id: BOOTSTRAP_KEY_ID,
  name: 'Bootstrap key (ADMIN_TOKEN or npm run admin-key)',
  hint: null,
  bootstrap: true,
  created_at: null,
  last_used_at: null,
  revoked_at: null,
};

const info = (key: AdminKeyRecord): AdminKeyInfo => ({ ...key, bootstrap: false });

export function adminKeyRoutes(router: Router, services: Services): void {
  adminRoute(router, services, endpoints.listAdminKeys, async ({ query }) => {
    await services.adminKeys.flushUses();
    const result = await listAdminKeys(services.db, query);
    return {
      items: [...(query.cursor ? [] : [BOOTSTRAP_KEY]), ...result.items.map(info)],
      next_cursor: result.next_cursor,
    };
  });

  adminRoute(router, services, endpoints.createAdminKey, async ({ body, now }) => {
    const key = newSecret(ADMIN_KEY_PREFIX);
    const record: AdminKeyRecord = {
      id: crypto.randomUUID(),
      name: body.name,
      hint: hintFor(key),
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await insertAdminKey(services.db, { ...record, key_hash: hashSecret(key) });
    return { ...info(record), key };
  });

  adminRoute(router, services, endpoints.revokeAdminKey, async ({ params, now }) => {
    if (params.id === BOOTSTRAP_KEY_ID) {
      throw new HttpError(
        422,
        'key_not_revocable',
        'The bootstrap key is changed with ADMIN_TOKEN or npm run admin-key, not revoked here.',
      );
    }
    if (!(await revokeAdminKey(services.db, params.id, now.toISOString())))
      throw notFound('No admin key with that id.');
    return null;
  });
}
