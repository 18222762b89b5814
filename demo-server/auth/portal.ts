import type { Kysely } from 'kysely';
import type { Principal } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { findTokenByHash, touchToken } from '../db/tokens.ts';
import { hashesMatch, hashSecret } from './secrets.ts';

const TOUCH_EVERY_MS = 60_000;

/**
 * Resolves a portal token to its principal. Unknown, expired and revoked tokens all answer
 * undefined, so the caller cannot tell them apart (and neither can a client).
 */
export class PortalTokens {
  readonly #lastTouched = new Map<string, number>();

  constructor(private readonly db: Kysely<Database>) {}

  async resolve(token: string, now: Date): Promise<Principal | undefined> {
    if (token.length < 8 || token.length > 200) return undefined;
    const hash = hashSecret(token);
    const row = await findTokenByHash(this.db, hash);
    if (!row || !hashesMatch(hash, row.token_hash)) return undefined;
    if (row.revoked_at !== null) return undefined;
    if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return undefined;
    this.#touch(row.id, now);
    return { customerId: row.client_id, tokenId: row.id, permissions: row.permissions, expiresAt: row.expires_at, revision: row.revision };
  }

  /** last_used_at, written at most once a minute per token so reads stay reads. */
  #touch(tokenId: string, now: Date): void {
    const last = this.#lastTouched.get(tokenId) ?? 0;
    if (now.getTime() - last < TOUCH_EVERY_MS) return;
    if (this.#lastTouched.size >= 10_000) this.#lastTouched.clear();
    this.#lastTouched.set(tokenId, now.getTime());
    touchToken(this.db, tokenId, now.toISOString()).catch(() => this.#lastTouched.delete(tokenId));
  }
}
