import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The next readable document number, e.g. SO-2026-0042. Atomic on both databases (an upsert
 * that increments), so concurrent checkouts never share a number.
 */
export async function nextNumber(db: Kysely<Database>, prefix: string, at: Date): Promise<string> {
  const series = `${prefix}-${at.getUTCFullYear()}`;
  const row = await db
    .insertInto('counters')
    .values({ name: series, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return `${series}-${String(row.value).padStart(4, '0')}`;
}
