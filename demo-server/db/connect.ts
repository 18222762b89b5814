import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrations.ts';

export type DbKind = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  kind: DbKind;
  /** Where the data lives, for the start-up banner (never includes a password). */
  description: string;
  /** Runs `hook` (e.g. a last flush of batched writes) when the database closes, before it does. */
  onClose(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

// int8 (bigint columns, count(*)) and numeric (sum of bigint) arrive as strings by default;
// every amount here is a safe integer of minor units, so read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DbOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Postgres pool size; the SQLite driver always uses one connection. */
  poolSize?: number;
  /**
   * SQLite: how long a write waits for another process's write lock before failing (answered 503).
   * The driver is synchronous, so the whole server waits with it: keep it short. Default 200 ms.
   */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 200;

// SQLite's busy and locked codes (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED...) and PostgreSQL's
// lock_not_available, serialization_failure and deadlock_detected: the same statement may succeed a moment later.
const LOCK_CONTENTION = /^(SQLITE_(BUSY|LOCKED)(_\w+)?|55P03|40001|40P01)$/;

/** Whether a database error means another writer held the lock: worth retrying as it is. */
export function isLockContention(error: unknown): error is { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && LOCK_CONTENTION.test(code);
}

/** `close` that runs the hooks registered with `onClose` first. */
function closing(destroy: () => Promise<void>): Pick<Db, 'onClose' | 'close'> {
  const hooks: (() => Promise<void>)[] = [];
  return {
    onClose: (hook) => {
      hooks.push(hook);
    },
    async close() {
      await Promise.allSettled(hooks.splice(0).map((hook) => hook()));
      await destroy();
    },
  };
}

/** Opens the database (PostgreSQL when a URL is given, else SQLite under dataDir) and migrates it. */
export async function openDb(options: DbOptions): Promise<Db> {
  let db: Db;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server ends (restart, admin command, a closing pool) is already
    // discarded by the pool, and the next query opens a new one; unhandled, it would crash the process.
    pool.on('error', () => {});
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    db = {
      kysely,
      kind: 'postgres',
      description: `PostgreSQL ${url.host}${url.pathname}`,
      ...closing(() => kysely.destroy()),
    };
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const file = join(options.dataDir, 'portal.sqlite');
    const database = new SQLite(file);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    db = { kysely, kind: 'sqlite', description: `SQLite ${file}`, ...closing(() => kysely.destroy()) };
  }
  await migrateToLatest(db.kysely);
  return db;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs as much as running a small one. Statements
 * are reusable (each run is synchronous), so keep the most recent ones by their SQL text.
 */
function withStatementCache(database: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      database.close();
    },
  };
}
