import type { Db } from '../db/connect.ts';
import { findAdminKeyByHash, touchAdminKeys } from '../db/admin-keys.ts';
import { DEFAULT_TOKEN_USE_FLUSH_MS, UseBatch } from './portal.ts';
import { hashesMatch, hashSecret } from './secrets.ts';

/** The id the bootstrap key (ADMIN_TOKEN or the stored key) has in the list of admin keys. */
export const BOOTSTRAP_KEY_ID = 'bootstrap';

/**
 * Admin keys: the bootstrap key the server starts with (its hash given by the configuration), and
 * the named keys of the admin_keys table, read on each request so a revocation holds at once. A
 * named key's last use is written in batches, as portal tokens' are.
 */
export class AdminKeys {
  readonly #uses: AdminKeyUse;

  constructor(
    private readonly db: Db,
    private readonly bootstrapHash: string,
    flushEveryMs = DEFAULT_TOKEN_USE_FLUSH_MS,
  ) {
    this.#uses = new AdminKeyUse(db, flushEveryMs);
  }

  async authenticate(secret: string, now: Date): Promise<boolean> {
    const hash = hashSecret(secret);
    if (hashesMatch(hash, this.bootstrapHash)) return true;
    const key = await findAdminKeyByHash(this.db.kysely, hash);
    if (!key || !hashesMatch(hash, key.key_hash) || key.revoked_at !== null) return false;
    this.#uses.record(key.id, now);
    return true;
  }

  /** Writes the uses recorded so far (the list of keys shows them). */
  flushUses(): Promise<void> {
    return this.#uses.flushAll();
  }
}

class AdminKeyUse extends UseBatch {
  protected write(lastUsed: ReadonlyMap<string, string>): Promise<void> {
    return touchAdminKeys(this.db.kysely, this.db.kind, lastUsed);
  }
}
