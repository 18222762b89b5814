import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createApp } from '../../demo-server/app.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import type { Db } from '../../demo-server/db/connect.ts';
import type { Database } from '../../demo-server/db/schema.ts';
import { ADMIN_KEY, forEachDatabase, startServer, useServer } from './harness.ts';

/** An app on `db`, listening; answers `GET path` once and closes. */
async function getFrom(db: Db, path: string): Promise<Response> {
  const app = createApp({
    db,
    adminTokenHash: hashSecret(ADMIN_KEY),
    allowedOrigins: [],
    rateLimits: { readsPerMinute: 1, writesPerMinute: 1, invalidTokenPerMinute: 1, windowMs: 60_000 },
  });
  const listener = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => listener.once('listening', () => resolve()));
  try {
    return await fetch(`http://127.0.0.1:${(listener.address() as AddressInfo).port}${path}`, {
      signal: AbortSignal.timeout(10_000),
    });
  } finally {
    listener.closeAllConnections();
    await new Promise((resolve) => listener.close(resolve));
  }
}

forEachDatabase('health: GET /healthz and GET /readyz', (kind) => {
  const s = useServer(kind, { rateLimits: { readsPerMinute: 1, writesPerMinute: 1, invalidTokenPerMinute: 1 } });

  it('/healthz answers 200 without a token, never cached', async () => {
    const res = await s.get().request('/healthz');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('/readyz answers 200 with the database reachable, never cached', async () => {
    const res = await s.get().request('/readyz');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), { status: 'ready', checks: { database: 'ok' } });
  });

  it('is not rate limited (a budget of 1 a minute) and stays out of the request log', async () => {
    const server = s.get();
    for (let i = 0; i < 5; i++) {
      assert.equal((await server.request('/readyz')).status, 200, `readyz ${i + 1}`);
      assert.equal((await server.request('/healthz')).status, 200, `healthz ${i + 1}`);
    }
    assert.ok(!server.logs.some((line) => /\/(healthz|readyz)/.test(line)), server.logs.join('\n'));
  });

  it('/readyz answers 503 naming the database when it cannot be reached; /healthz still 200', async () => {
    const server = await startServer(kind, { seed: false });
    try {
      await server.db.kysely.destroy();
      const ready = await getFrom(server.db, '/readyz');
      assert.equal(ready.status, 503);
      assert.equal(ready.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await ready.json(), { status: 'unavailable', checks: { database: 'failed' } });
      assert.equal((await getFrom(server.db, '/healthz')).status, 200);
    } finally {
      await server.close();
    }
  });
});

it(
  '/readyz answers 503 when PostgreSQL does not answer on its port',
  { skip: process.env.TEST_DATABASE_URL ? false : 'skipped: set TEST_DATABASE_URL to run it' },
  async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.port = '1'; // nothing listens there
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    pool.on('error', () => {});
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const db: Db = {
      kysely,
      kind: 'postgres',
      description: 'nowhere',
      onClose: () => {},
      close: () => kysely.destroy(),
    };
    try {
      const ready = await getFrom(db, '/readyz');
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: 'unavailable', checks: { database: 'failed' } });
    } finally {
      await db.close();
    }
  },
);
