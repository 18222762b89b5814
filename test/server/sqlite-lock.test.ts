/**
 * Another process holds SQLite's write lock (a second connection in `BEGIN IMMEDIATE`, as the
 * `sqlite3` shell or a backup script would): reads, static files and the widget answer as usual,
 * a write answers 503 with Retry-After at once instead of holding the whole server, and it
 * succeeds once the lock is let go. Portal reads write nothing: tokens' last_used_at is written
 * in batches off the request path.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { TokenUse } from '../../demo-server/auth/portal.ts';
import { isLockContention, type Db } from '../../demo-server/db/connect.ts';
import { DEFAULT_STATIC } from '../../demo-server/static.ts';
import { endpoints, TokenList } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, portal, startServer, useServer, type TestServer } from './harness.ts';

const widgetDir = mkdtempSync(join(tmpdir(), 'portal-widget-'));
mkdirSync(join(widgetDir, 'examples'));
writeFileSync(join(widgetDir, 'customer-portal.js'), 'export {};\n');
after(() => rmSync(widgetDir, { recursive: true, force: true }));
const staticDirs = { widget: widgetDir, examples: DEFAULT_STATIC.examples, builtExamples: join(widgetDir, 'examples') };

/** A second connection on the server's SQLite file, holding the write lock until released. */
function holdWriteLock(server: TestServer) {
  const other = new SQLite(join(server.dataDir, 'portal.sqlite'));
  other.exec('BEGIN IMMEDIATE');
  other.prepare('UPDATE customers SET business_name = business_name').run();
  return {
    connection: other,
    release() {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

/** A request that cannot hang the test (10 s at most), with how long it took. */
async function timed(server: TestServer, path: string, init: RequestInit = {}): Promise<{ res: Response; ms: number }> {
  const started = performance.now();
  const res = await fetch(server.url + path, { ...init, signal: AbortSignal.timeout(10_000) });
  return { res, ms: performance.now() - started };
}

const checkout = (body: unknown, key: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'idempotency-key': key },
  body: JSON.stringify(body),
});

describe('SQLite: another process holds the write lock', () => {
  // No flush of last_used_at while these tests run: whatever is written comes from the request path.
  const s = useServer('sqlite', { staticDirs, config: { tokenUseFlushMs: 3_600_000 } });

  it('portal reads, the widget and the example pages answer at once; a checkout answers 503 with Retry-After within 1 s, and succeeds once the lock is let go', async () => {
    const server = s.get();
    const customerId = server.customers[0].id;
    const token = await server.tokenFor(customerId);
    const product = (await catalogFor(server, customerId)).orderable[0];
    const order = { lines: [{ product_id: product.id, quantity: 1 }] };

    const lock = holdWriteLock(server);
    try {
      const answers = await Promise.all([
        timed(server, portal(token, '/session')),
        timed(server, portal(token, '/catalog')),
        timed(server, '/widget/customer-portal.js'),
        timed(server, '/examples/'),
      ]);
      for (const [i, { res, ms }] of answers.entries()) {
        assert.equal(res.status, 200, `answer ${i}`);
        await res.arrayBuffer();
        assert.ok(ms < 1000, `answer ${i} took ${ms.toFixed(0)} ms`);
      }

      const { res, ms } = await timed(server, portal(token, '/orders'), checkout(order, 'locked-1'));
      assert.equal(res.status, 503);
      assert.equal((await errorOf(res)).code, 'service_unavailable');
      assert.ok(Number(res.headers.get('retry-after')) >= 1, `Retry-After: ${res.headers.get('retry-after')}`);
      assert.ok(ms < 1000, `the write answered in ${ms.toFixed(0)} ms`);
    } finally {
      lock.release();
    }

    const { res } = await timed(server, portal(token, '/orders'), checkout(order, 'locked-1'));
    assert.equal(res.status, 201, 'the same checkout, retried with its key, goes through');
  });

  it('a portal read writes nothing to the database', async () => {
    const server = s.get();
    // An Admin person's link: every portal read answers it (the account's own link has no profile).
    const person = await server.admin(`/api/v1/customers/${server.customers[1].id}/people`, {
      body: { name: 'Lock Reader', email: 'reader@lock.test', role: 'admin' },
    });
    assert.equal(person.status, 201);
    const link = await server.admin('/api/v1/customer-portal/tokens', {
      body: { client_id: server.customers[1].id, person_id: ((await person.json()) as { id: string }).id },
    });
    assert.equal(link.status, 201);
    const { token } = (await link.json()) as { token: string };
    const watcher = new SQLite(join(server.dataDir, 'portal.sqlite'), { readonly: true });
    try {
      // data_version changes when another connection commits a change to the file.
      const before = watcher.pragma('data_version', { simple: true });
      // Every portal read that needs no document id.
      const reads = Object.values(endpoints).filter(
        (e) => e.auth === 'portal' && e.method === 'get' && !e.path.includes('{id}'),
      );
      assert.ok(reads.length >= 9);
      for (const { path } of reads) {
        const res = await server.request(path.replace('{token}', token));
        assert.equal(res.status, 200, path);
        await res.arrayBuffer();
      }
      assert.equal(watcher.pragma('data_version', { simple: true }), before, 'the reads committed a change');
    } finally {
      watcher.close();
    }
  });

  it('a flush that finds the lock held fails at once and keeps the uses for the next one', async () => {
    const server = s.get();
    const { id } = await server.issueToken(server.customers[2].id);
    const uses = new TokenUse(server.db, 3_600_000);
    uses.record(id, server.clock.now);
    const lastUsed = (connection: SQLite.Database) =>
      (
        connection.prepare('SELECT last_used_at FROM portal_tokens WHERE id = ?').get(id) as {
          last_used_at: string | null;
        }
      ).last_used_at;

    const lock = holdWriteLock(server);
    try {
      await uses.flush();
      assert.equal(lastUsed(lock.connection), null);
    } finally {
      lock.release();
    }
    await uses.flush();
    const reader = new SQLite(join(server.dataDir, 'portal.sqlite'), { readonly: true });
    try {
      assert.equal(lastUsed(reader), server.clock.now.toISOString());
    } finally {
      reader.close();
    }
  });
});

describe('last_used_at after the flush', () => {
  const s = useServer('sqlite');

  it('the uses not yet written are written when the database closes', async () => {
    const server = s.get();
    const { id } = await server.issueToken(server.customers[0].id);
    const closing: (() => Promise<void>)[] = [];
    const db: Db = {
      ...server.db,
      onClose: (hook) => {
        closing.push(hook);
      },
    };
    const uses = new TokenUse(db, 3_600_000);
    uses.record(id, server.clock.now);
    assert.equal(closing.length, 1);
    await closing[0]();
    const row = await server.db.kysely
      .selectFrom('portal_tokens')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.last_used_at, server.clock.now.toISOString());
  });

  it('the admin token listing shows when each token was last used, written by the periodic flush', async () => {
    const server = await startServer('sqlite', { config: { tokenUseFlushMs: 50 } });
    try {
      const customerId = server.customers[0].id;
      const { id, token } = await server.issueToken(customerId);
      server.clock.advance(5_000);
      assert.equal((await server.request(portal(token, '/session'))).status, 200);
      const usedAt = server.clock.now.toISOString();

      const lastUsedAt = async () => {
        const res = await server.admin(`/api/v1/customer-portal/tokens?client_id=${customerId}`);
        return TokenList.parse(await res.json()).items.find((t) => t.id === id)?.last_used_at;
      };
      // The flush runs every 50 ms: poll for it (10 s at most).
      const deadline = Date.now() + 10_000;
      let seen = await lastUsedAt();
      while (seen !== usedAt && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        seen = await lastUsedAt();
      }
      assert.equal(seen, usedAt);
    } finally {
      await server.close();
    }
  });
});

it('isLockContention: SQLite busy/locked and PostgreSQL lock, serialization and deadlock errors, nothing else', () => {
  for (const code of [
    'SQLITE_BUSY',
    'SQLITE_BUSY_SNAPSHOT',
    'SQLITE_LOCKED',
    'SQLITE_LOCKED_SHAREDCACHE',
    '55P03',
    '40001',
    '40P01',
  ]) {
    assert.ok(isLockContention(Object.assign(new Error(code), { code })), code);
  }
  for (const error of [
    new Error('x'),
    Object.assign(new Error(), { code: 'SQLITE_CONSTRAINT' }),
    { code: '23505' },
    null,
    undefined,
    'SQLITE_BUSY',
  ]) {
    assert.ok(!isLockContention(error), String((error as { code?: string } | null)?.code ?? error));
  }
});
