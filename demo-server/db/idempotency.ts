import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Claim =
  | { kind: 'claimed'; claimId: string }
  | { kind: 'replay'; status: number; body: unknown }
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
 * concurrent duplicate sees it (409); a finished one replays its answer; a claim whose holder
 * died (lock expired) may be taken over by exactly one retry.
 */
export async function claimKey(
  db: Kysely<Database>,
  ref: KeyRef & { requestHash: string; now: Date; lockMs: number },
): Promise<Claim> {
  const lockedUntil = new Date(ref.now.getTime() + ref.lockMs).toISOString();
  const claimId = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await db.selectFrom('idempotency_keys').selectAll()
      .where('scope', '=', ref.scope).where('key', '=', ref.key).executeTakeFirst();
    if (!row) {
      const inserted = await db.insertInto('idempotency_keys')
        .values({
          scope: ref.scope, key: ref.key, request_hash: ref.requestHash, state: 'in_flight',
          response_status: null, response_body: null, locked_until: lockedUntil, created_at: ref.now.toISOString(), claim_id: claimId,
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'claimed', claimId };
      continue;
    }
    if (row.request_hash !== ref.requestHash) return { kind: 'mismatch' };
    if (row.state === 'done') return { kind: 'replay', status: row.response_status ?? 200, body: JSON.parse(row.response_body ?? 'null') };
    if (row.locked_until > ref.now.toISOString()) return { kind: 'in_flight' };
    const takenOver = await db.updateTable('idempotency_keys').set({ locked_until: lockedUntil, claim_id: claimId })
      .where('scope', '=', ref.scope).where('key', '=', ref.key)
      .where('state', '=', 'in_flight').where('locked_until', '=', row.locked_until)
      .executeTakeFirst();
    if (Number(takenOver.numUpdatedRows) === 1) return { kind: 'claimed', claimId };
  }
  return { kind: 'in_flight' };
}

/**
 * Records the answer; call it in the same transaction that writes the order. Throws when the
 * claim was taken over meanwhile (this request outlived its lock), so that transaction rolls back
 * and the order is written once, by the holder.
 */
export async function completeKey(db: Kysely<Database>, ref: HeldClaim & { status: number; body: unknown }): Promise<void> {
  const result = await db.updateTable('idempotency_keys')
    .set({ state: 'done', response_status: ref.status, response_body: JSON.stringify(ref.body) })
    .where('scope', '=', ref.scope).where('key', '=', ref.key)
    .where('state', '=', 'in_flight').where('claim_id', '=', ref.claimId)
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
  await db.deleteFrom('idempotency_keys')
    .where('scope', '=', ref.scope).where('key', '=', ref.key)
    .where('state', '=', 'in_flight').where('claim_id', '=', ref.claimId)
    .execute();
}
