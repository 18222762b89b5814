import { sql, type Kysely } from 'kysely';
import type { DbKind } from './connect.ts';
import { PERMISSIONS, Permissions, type Role } from '../../widget/contract/index.ts';
import type { Database } from './schema.ts';
import { decodeCursor, page } from './paging.ts';
import { prepared } from './prepared.ts';

export interface TokenRecord {
  id: string;
  client_id: string;
  /** The person the link belongs to; null: the account's own link. */
  person_id: string | null;
  hint: string;
  permissions: Permissions;
  expires_at: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export const ALL_PERMISSIONS: Permissions = Object.fromEntries(PERMISSIONS.map((p) => [p, true])) as Permissions;

type Row = Database['portal_tokens'];

// Tokens share a handful of permission sets; parse each stored text once. A permission added after
// the token was stored (place_orders) is absent from its text and reads as true, its default.
const parsedPermissions = new Map<string, Permissions>();
function permissionsOf(json: string): Permissions {
  let permissions = parsedPermissions.get(json);
  if (!permissions) {
    permissions = Object.freeze(Permissions.parse({ ...ALL_PERMISSIONS, ...JSON.parse(json) }));
    if (parsedPermissions.size < 1000) parsedPermissions.set(json, permissions);
  }
  return permissions;
}

function toRecord(row: Row): TokenRecord {
  return {
    id: row.id,
    client_id: row.customer_id,
    person_id: row.person_id ?? null,
    hint: row.hint,
    permissions: permissionsOf(row.permissions_json),
    expires_at: row.expires_at,
    created_at: row.created_at,
    revoked_at: row.revoked_at,
    last_used_at: row.last_used_at,
  };
}

export async function insertToken(
  db: Kysely<Database>,
  token: {
    id: string;
    customerId: string;
    /** The person it belongs to (of the same customer: the caller checks). */
    personId?: string | null;
    hash: string;
    hint: string;
    permissions: Permissions;
    expiresAt: string | null;
    now: string;
    /** The token sealed with the link key (see link-seal.ts), so it can be sent again. */
    sealed?: string | null;
  },
): Promise<TokenRecord> {
  const row: Row = {
    id: token.id,
    customer_id: token.customerId,
    token_hash: token.hash,
    hint: token.hint,
    permissions_json: JSON.stringify(token.permissions),
    expires_at: token.expiresAt,
    created_at: token.now,
    revoked_at: null,
    last_used_at: null,
    sealed_token: token.sealed ?? null,
    person_id: token.personId ?? null,
  };
  await db.insertInto('portal_tokens').values(row).execute();
  return toRecord(row);
}

// Read on every portal request, with the revision of the customer's documents (0 before their first),
// whether the customer is archived (their links stop working), and the link's person as they are
// now (a new role applies from the next request).
const byHash = prepared((db, hash: string) =>
  db
    .selectFrom('portal_tokens')
    .leftJoin('customer_revisions', 'customer_revisions.customer_id', 'portal_tokens.customer_id')
    .leftJoin('customers', 'customers.id', 'portal_tokens.customer_id')
    .leftJoin('people', 'people.id', 'portal_tokens.person_id')
    .selectAll('portal_tokens')
    .select([
      'customer_revisions.revision',
      'customers.archived_at as customer_archived_at',
      'customers.price_group_id as customer_price_group_id',
      'people.name as person_name',
      'people.role as person_role',
      'people.removed_at as person_removed_at',
    ])
    .where('token_hash', '=', hash),
);

/** The person a link belongs to, as the request sees them. */
export interface LinkPerson {
  id: string;
  name: string;
  role: Role;
}

export async function findTokenByHash(
  db: Kysely<Database>,
  hash: string,
): Promise<
  | (TokenRecord & {
      token_hash: string;
      revision: number;
      customer_archived: boolean;
      customer_price_group_id: string | null;
      /** Null for the account's own link. */
      person: LinkPerson | null;
      /** The link's person was removed (or is missing): the link no longer works. */
      person_removed: boolean;
    })
  | undefined
> {
  const [row] = await byHash(db, hash);
  if (!row) return undefined;
  const {
    revision,
    customer_archived_at,
    customer_price_group_id,
    person_name,
    person_role,
    person_removed_at,
    ...token
  } = row;
  const personId = token.person_id ?? null;
  return {
    ...toRecord(token),
    token_hash: row.token_hash,
    revision: Number(revision ?? 0),
    customer_archived: customer_archived_at !== null,
    customer_price_group_id: customer_price_group_id ?? null,
    person:
      personId !== null && person_name != null && person_role != null
        ? { id: personId, name: person_name, role: person_role }
        : null,
    person_removed: personId !== null && (person_name == null || person_removed_at != null),
  };
}

export async function getToken(db: Kysely<Database>, id: string): Promise<TokenRecord | undefined> {
  const row = await db.selectFrom('portal_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Newest first. */
export async function listTokens(
  db: Kysely<Database>,
  options: { clientId?: string; cursor?: string; limit?: number },
) {
  const limit = options.limit ?? 50;
  const cursor = decodeCursor(options.cursor);
  let query = db.selectFrom('portal_tokens').selectAll();
  if (options.clientId) query = query.where('customer_id', '=', options.clientId);
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
  return page(rows.map(toRecord), limit, (t) => t.created_at);
}

/** Marks a token revoked (keeping the first revocation instant). False when there is no such token. */
export async function revokeToken(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  const found = await db.selectFrom('portal_tokens').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) return false;
  await db
    .updateTable('portal_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}

/** A link's use in an hour, for the customers' activity (one row per token and hour; the first written stays). */
export interface LinkUse {
  token_id: string;
  hour: string;
  at: string;
}

/**
 * Writes each token's last use (token id to instant) in one transaction, never moving one back
 * (another instance may have written a later one), and the link uses to log. The caller keeps
 * them for its next try when it fails (see writeWithoutWaiting).
 */
export async function touchTokens(
  db: Kysely<Database>,
  kind: DbKind,
  lastUsed: ReadonlyMap<string, string>,
  uses: readonly LinkUse[] = [],
): Promise<void> {
  await writeWithoutWaiting(db, kind, async (tx) => {
    for (const [id, at] of lastUsed) {
      await tx
        .updateTable('portal_tokens')
        .set({ last_used_at: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
        .execute();
    }
    if (uses.length) {
      await tx
        .insertInto('link_uses')
        .values([...uses])
        .onConflict((oc) => oc.columns(['token_id', 'hour']).doNothing())
        .execute();
    }
  });
}

/**
 * One transaction that, on SQLite, fails at once (SQLITE_BUSY) when another process holds the
 * write lock, rather than wait for it: the driver is synchronous and would hold up every request
 * meanwhile. For writes made off the request path that can be tried again later.
 */
export async function writeWithoutWaiting(
  db: Kysely<Database>,
  kind: DbKind,
  write: (tx: Kysely<Database>) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const waits =
      kind === 'sqlite' ? (await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(tx)).rows[0].timeout : undefined;
    if (waits !== undefined) await sql`PRAGMA busy_timeout = 0`.execute(tx);
    try {
      await write(tx);
    } finally {
      if (waits !== undefined) await sql.raw(`PRAGMA busy_timeout = ${Number(waits)}`).execute(tx);
    }
  });
}
