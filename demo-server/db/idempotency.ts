import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' };

interface KeyRef {
  scope: string;
  key: string;
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
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await db.selectFrom('idempotency_keys').selectAll()
      .where('scope', '=', ref.scope).where('key', '=', ref.key).executeTakeFirst();
    if (!row) {
      const inserted = await db.insertInto('idempotency_keys')
        .values({
          scope: ref.scope, key: ref.key, request_hash: ref.requestHash, state: 'in_flight',
          response_status: null, response_body: null, locked_until: lockedUntil, created_at: ref.now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'claimed' };
      continue;
    }
    if (row.request_hash !== ref.requestHash) return { kind: 'mismatch' };
    if (row.state === 'done') return { kind: 'replay', status: row.response_status ?? 200, body: JSON.parse(row.response_body ?? 'null') };
    if (row.locked_until > ref.now.toISOString()) return { kind: 'in_flight' };
    const takenOver = await db.updateTable('idempotency_keys').set({ locked_until: lockedUntil })
      .where('scope', '=', ref.scope).where('key', '=', ref.key)
      .where('state', '=', 'in_flight').where('locked_until', '=', row.locked_until)
      .executeTakeFirst();
    if (Number(takenOver.numUpdatedRows) === 1) return { kind: 'claimed' };
  }
  return { kind: 'in_flight' };
}

/** Records the answer; call it in the same transaction that writes the order. */
export async function completeKey(db: Kysely<Database>, ref: KeyRef & { status: number; body: unknown }): Promise<void> {
  await db.updateTable('idempotency_keys')
    .set({ state: 'done', response_status: ref.status, response_body: JSON.stringify(ref.body) })
    .where('scope', '=', ref.scope).where('key', '=', ref.key)
    .execute();
}

/** Frees a claim whose request failed without effect, so the key can be used again. */
export async function releaseKey(db: Kysely<Database>, ref: KeyRef): Promise<void> {
  await db.deleteFrom('idempotency_keys')
    .where('scope', '=', ref.scope).where('key', '=', ref.key).where('state', '=', 'in_flight')
    .execute();
}
