import type { Kysely } from 'kysely';
import { effectivePermissions } from '../../widget/contract/rules/roles.ts';
import type { Principal } from '../context.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { findTokenByHash, touchTokens, type LinkUse } from '../db/tokens.ts';
import { hashesMatch, hashSecret } from './secrets.ts';

export const DEFAULT_TOKEN_USE_FLUSH_MS = 10_000;

/**
 * Last uses of credentials (id to instant), kept in memory and written in one transaction every
 * few seconds, off the request path: a request never writes for them, so it never waits for the
 * database's write lock. A flush that fails (the lock is held) keeps its uses for the next one;
 * the last flush runs when the database closes.
 */
export abstract class UseBatch {
  #pending = new Map<string, string>();
  #flushing: Promise<void> | undefined;
  readonly #timer: NodeJS.Timeout;

  constructor(
    protected readonly db: Db,
    flushEveryMs = DEFAULT_TOKEN_USE_FLUSH_MS,
  ) {
    this.#timer = setInterval(() => void this.flush(), flushEveryMs).unref();
    db.onClose(async () => {
      clearInterval(this.#timer);
      await this.#flushing;
      await this.flush();
    });
  }

  /** Writes a batch of last uses in one transaction; throws when it could not (the batch is kept). */
  protected abstract write(lastUsed: ReadonlyMap<string, string>): Promise<void>;

  record(id: string, now: Date): void {
    this.#pending.set(id, now.toISOString());
  }

  /** Writes the uses recorded since the last flush; never throws. */
  flush(): Promise<void> {
    if (this.#flushing || this.#pending.size === 0) return this.#flushing ?? Promise.resolve();
    const batch = this.#pending;
    this.#pending = new Map();
    this.#flushing = this.write(batch)
      .catch(() => {
        // Uses recorded meanwhile are newer: they win.
        for (const [id, at] of batch) if (!this.#pending.has(id)) this.#pending.set(id, at);
      })
      .finally(() => {
        this.#flushing = undefined;
      });
    return this.#flushing;
  }

  /** Every use recorded until now written (or failed to be): for a reader that must see them. */
  async flushAll(): Promise<void> {
    await this.#flushing;
    await this.flush();
  }
}

/**
 * Portal tokens' uses: their `last_used_at`, and for the activity a link use (link_uses) at a
 * token's first use in each hour.
 */
export class TokenUse extends UseBatch {
  /** The hour each token's first use was logged in (or is waiting to be), so a busy token is logged once an hour. */
  readonly #loggedHour = new Map<string, string>();
  #unlogged: LinkUse[] = [];

  override record(id: string, now: Date): void {
    super.record(id, now);
    const at = now.toISOString();
    const hour = hourOf(at);
    if (this.#loggedHour.get(id) === hour) return;
    // Forgetting costs at most a second attempt, which the table ignores (one row per token and hour).
    if (this.#loggedHour.size >= 100_000) this.#loggedHour.clear();
    this.#loggedHour.set(id, hour);
    this.#unlogged.push({ token_id: id, hour, at });
  }

  protected async write(lastUsed: ReadonlyMap<string, string>): Promise<void> {
    const uses = this.#unlogged;
    this.#unlogged = [];
    try {
      await touchTokens(this.db.kysely, this.db.kind, lastUsed, uses);
    } catch (error) {
      this.#unlogged.unshift(...uses);
      throw error;
    }
  }
}

/** `2026-06-15T10`: the hour of an ISO instant. */
const hourOf = (iso: string) => iso.slice(0, 13);

/**
 * Resolves a portal token to its principal. Unknown, expired and revoked tokens all answer
 * undefined, so the caller cannot tell them apart (and neither can a client).
 */
export class PortalTokens {
  /** @param use where resolved tokens' uses are recorded; none, nothing is recorded. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly use?: TokenUse,
  ) {}

  /** Writes the uses recorded so far (the activity reads them). */
  async flushUses(): Promise<void> {
    await this.use?.flushAll();
  }

  async resolve(token: string, now: Date): Promise<Principal | undefined> {
    if (token.length < 8 || token.length > 200) return undefined;
    const hash = hashSecret(token);
    const row = await findTokenByHash(this.db, hash);
    if (!row || !hashesMatch(hash, row.token_hash)) return undefined;
    // An archived customer's links stop working as if revoked; unarchived, they work again.
    if (row.revoked_at !== null || row.customer_archived || row.person_removed) return undefined;
    if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return undefined;
    this.use?.record(row.id, now);
    return {
      customerId: row.client_id,
      tokenId: row.id,
      person: row.person,
      permissions: effectivePermissions(row.permissions, row.person?.role ?? null),
      expiresAt: row.expires_at,
      revision: row.revision,
      priceGroupId: row.customer_price_group_id,
    };
  }
}
