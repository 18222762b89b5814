import type { Kysely } from 'kysely';
import type { Principal } from '../context.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { findTokenByHash, touchTokens } from '../db/tokens.ts';
import { hashesMatch, hashSecret } from './secrets.ts';

export const DEFAULT_TOKEN_USE_FLUSH_MS = 10_000;

/**
 * Tokens' `last_used_at`, kept in memory and written in one transaction every few seconds, off
 * the request path: a portal read never writes, so it never waits for the database's write lock.
 * A flush that fails (the lock is held) keeps its uses for the next one; the last flush runs when
 * the database closes.
 */
export class TokenUse {
  #pending = new Map<string, string>();
  #flushing: Promise<void> | undefined;
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly db: Db, flushEveryMs = DEFAULT_TOKEN_USE_FLUSH_MS) {
    this.#timer = setInterval(() => void this.flush(), flushEveryMs).unref();
    db.onClose(async () => {
      clearInterval(this.#timer);
      await this.#flushing;
      await this.flush();
    });
  }

  record(tokenId: string, now: Date): void {
    this.#pending.set(tokenId, now.toISOString());
  }

  /** Writes the uses recorded since the last flush; never throws. */
  flush(): Promise<void> {
    if (this.#flushing || this.#pending.size === 0) return this.#flushing ?? Promise.resolve();
    const batch = this.#pending;
    this.#pending = new Map();
    this.#flushing = touchTokens(this.db.kysely, this.db.kind, batch)
      .catch(() => {
        // Uses recorded meanwhile are newer: they win.
        for (const [id, at] of batch) if (!this.#pending.has(id)) this.#pending.set(id, at);
      })
      .finally(() => { this.#flushing = undefined; });
    return this.#flushing;
  }
}

/**
 * Resolves a portal token to its principal. Unknown, expired and revoked tokens all answer
 * undefined, so the caller cannot tell them apart (and neither can a client).
 */
export class PortalTokens {
  /** @param use where resolved tokens' uses are recorded; none, nothing is recorded. */
  constructor(private readonly db: Kysely<Database>, private readonly use?: TokenUse) {}

  async resolve(token: string, now: Date): Promise<Principal | undefined> {
    if (token.length < 8 || token.length > 200) return undefined;
    const hash = hashSecret(token);
    const row = await findTokenByHash(this.db, hash);
    if (!row || !hashesMatch(hash, row.token_hash)) return undefined;
    if (row.revoked_at !== null) return undefined;
    if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return undefined;
    this.use?.record(row.id, now);
    return { customerId: row.client_id, tokenId: row.id, permissions: row.permissions, expiresAt: row.expires_at, revision: row.revision };
  }
}
