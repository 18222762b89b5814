import type { Kysely } from 'kysely';
import type { DbKind } from './connect.ts';
import type { Database } from './schema.ts';
import { decodeCursor, page } from './paging.ts';
import { writeWithoutWaiting } from './tokens.ts';

export type AdminKeyRow = Database['admin_keys'];
export type AdminKeyRecord = Omit<AdminKeyRow, 'key_hash'>;

const columns = ['id', 'name', 'hint', 'created_at', 'last_used_at', 'revoked_at'] as const;

export async function insertAdminKey(db: Kysely<Database>, row: AdminKeyRow): Promise<void> {
  await db.insertInto('admin_keys').values(row).execute();
}

/** The key with this hash, if any (revoked ones included: the caller decides). */
export async function findAdminKeyByHash(db: Kysely<Database>, hash: string): Promise<AdminKeyRow | undefined> {
  return db.selectFrom('admin_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
}

export async function getAdminKey(db: Kysely<Database>, id: string): Promise<AdminKeyRecord | undefined> {
  return db.selectFrom('admin_keys').select(columns).where('id', '=', id).executeTakeFirst();
}

/** Newest first. */
export async function listAdminKeys(db: Kysely<Database>, options: { cursor?: string; limit?: number }) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  let query = db.selectFrom('admin_keys').select(columns);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', cursor.after),
        eb.and([eb('created_at', '=', cursor.after), eb('id', '<', cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return page(rows, limit, (k) => k.created_at);
}

/** Marks a key revoked (keeping the first instant). False when there is no such key. */
export async function revokeAdminKey(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  if (!(await getAdminKey(db, id))) return false;
  await db
    .updateTable('admin_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}

/** Each key's last use (id to instant), never moving one back; off the request path (see writeWithoutWaiting). */
export async function touchAdminKeys(
  db: Kysely<Database>,
  kind: DbKind,
  lastUsed: ReadonlyMap<string, string>,
): Promise<void> {
  await writeWithoutWaiting(db, kind, async (tx) => {
    for (const [id, at] of lastUsed) {
      await tx
        .updateTable('admin_keys')
        .set({ last_used_at: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
        .execute();
    }
  });
}
