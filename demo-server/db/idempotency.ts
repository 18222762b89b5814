import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** How long a finished key replays its order by default: afterwards it is a new key. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export type Claim =
  | { kind: 'claimed'; claimId: string }
  /** A finished request: its status and the order it placed (the answer is rebuilt from the order). */
  | { kind: 'replay'; status: number; orderId: string }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' };

interface KeyRef {
  scope: string;
  key: string;
}

/** A claim this request holds. */
interface HeldClaim extends KeyRef {
  claimId: string;
}

/**
 * Claims an idempotency key for one request. The row is written before the work starts, so a
 * concurrent duplicate sees it (409); a finished one replays its order; a claim whose holder
 * died (lock expired) may be taken over by exactly one retry. A record older than `ttlMs` is
 * gone, swept or not: its key starts a new request.
 */
export async function claimKey(
  db: Kysely<Database>,
  ref: KeyRef & { requestHash: string; now: Date; lockMs: number; ttlMs?: number },
): Promise<Claim> {
  const lockedUntil = new Date(ref.now.getTime() + ref.lockMs).toISOString();
  const expiredAt = new Date(ref.now.getTime() - (ref.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS)).toISOString();
  const claimId = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    let row = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', ref.scope)
      .where('key', '=', ref.key)
      .executeTakeFirst();
    if (row && row.created_at <= expiredAt && (row.state === 'done' || row.locked_until <= ref.now.toISOString())) {
      // Only the record read here: a concurrent request may already have replaced it.
      await db
        .deleteFrom('idempotency_keys')
        .where('scope', '=', ref.scope)
        .where('key', '=', ref.key)
        .where('created_at', '=', row.created_at)
        .where('state', '=', row.state)
        .execute();
      row = undefined;
    }
    if (!row) {
      const inserted = await db
        .insertInto('idempotency_keys')
        .values({
          scope: ref.scope,
          key: ref.key,
          request_hash: ref.requestHash,
          state: 'in_flight',
          response_status: null,
          response_body: null,
          order_id: null,
          locked_until: lockedUntil,
          created_at: ref.now.toISOString(),
          claim_id: claimId,
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'claimed', claimId };
      continue;
    }
    if (row.request_hash !== ref.requestHash) return { kind: 'mismatch' };
    if (row.state === 'done')
      return { kind: 'replay', status: row.response_status ?? 201, orderId: row.order_id ?? '' };
    if (row.locked_until > ref.now.toISOString()) return { kind: 'in_flight' };
    const takenOver = await db
      .updateTable('idempotency_keys')
      .set({ locked_until: lockedUntil, claim_id: claimId })
      .where('scope', '=', ref.scope)
      .where('key', '=', ref.key)
      .where('state', '=', 'in_flight')
      .where('locked_until', '=', row.locked_until)
      .executeTakeFirst();
    if (Number(takenOver.numUpdatedRows) === 1) return { kind: 'claimed', claimId };
  }
  return { kind: 'in_flight' };
}

/**
 * Records the outcome: the status and the order placed, not the answer (whose size grows with the
 * order's lines); a replay reads the order again. Call it in the same transaction that writes the
 * order. Throws when the claim was taken over meanwhile (this request outlived its lock), so that
 * transaction rolls back and the order is written once, by the holder.
 */
export async function completeKey(
  db: Kysely<Database>,
  ref: HeldClaim & { status: number; orderId: string },
): Promise<void> {
  const result = await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', response_status: ref.status, response_body: null, order_id: ref.orderId })
    .where('scope', '=', ref.scope)
    .where('key', '=', ref.key)
    .where('state', '=', 'in_flight')
    .where('claim_id', '=', ref.claimId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new ClaimLostError();
}

export class ClaimLostError extends Error {
  constructor() {
    super('the idempotency claim was taken over by a retry');
  }
}

/** Frees a claim this request holds and whose work had no effect, so the key can be used again. */
export async function releaseKey(db: Kysely<Database>, ref: HeldClaim): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', ref.scope)
    .where('key', '=', ref.key)
    .where('state', '=', 'in_flight')
    .where('claim_id', '=', ref.claimId)
    .execute();
}

/** Keys deleted per statement of a sweep, with a turn of the event loop between statements. */
const SWEEP_BATCH = 500;

/**
 * Deletes the records older than `ttlMs` (finished, or abandoned by a holder whose lock lapsed),
 * a batch at a time; returns how many went.
 */
export async function sweepExpiredKeys(db: Kysely<Database>, options: { now: Date; ttlMs?: number }): Promise<number> {
  const now = options.now.toISOString();
  const expiredAt = new Date(options.now.getTime() - (options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS)).toISOString();
  let deleted = 0;
  for (;;) {
    const batch = await db
      .selectFrom('idempotency_keys')
      .select(['scope', 'key'])
      .where('created_at', '<=', expiredAt)
      .where((eb) => eb.or([eb('state', '=', 'done'), eb('locked_until', '<=', now)]))
      .limit(SWEEP_BATCH)
      .execute();
    if (batch.length === 0) return deleted;
    const result = await db
      .deleteFrom('idempotency_keys')
      .where((eb) => eb.or(batch.map((k) => eb.and([eb('scope', '=', k.scope), eb('key', '=', k.key)]))))
      // Not a key claimed again since it was read.
      .where('created_at', '<=', expiredAt)
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
    if (batch.length < SWEEP_BATCH) return deleted;
    await nextTurn();
  }
}
