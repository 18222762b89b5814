/**
 * Two `demo-server/main.ts` processes on one PostgreSQL database and one Redis, as two stateless
 * instances behind a load balancer would run: the per-token and per-address rate limits are one
 * budget across both, the same Idempotency-Key sent to both at once makes exactly one order,
 * revoking through one is refused by the other at once, and a settings change through one
 * reaches the other within its 1 s cache.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { Catalog, OrderDetail, OrderList } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { portal } from '../server/harness.ts';
import {
  freshLoopbackAddress,
  freshPostgres,
  rawRequest,
  startMain,
  type ChildServer,
  type RawAnswer,
} from './support.ts';

const PG_URL = process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.TEST_REDIS_URL;
const ADMIN_TOKEN = 'multi-server-admin-key-0123456789';
const READS = 40;
const WRITES = 20;
const INVALID = 30;

const skip = PG_URL && REDIS_URL ? false : 'skipped: set TEST_DATABASE_URL and TEST_REDIS_URL to run it';

describe('two server processes on one PostgreSQL and one Redis', { skip }, () => {
  let database: Awaited<ReturnType<typeof freshPostgres>>;
  const dirs: string[] = [];
  let servers: ChildServer[] = [];
  let customerId: string;
  let productId: string;

  const env = () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-multi-'));
    dirs.push(dir);
    return {
      DATA_DIR: dir,
      DATABASE_URL: database.url,
      REDIS_URL: REDIS_URL!,
      ADMIN_TOKEN,
      RATE_LIMIT_READS_PER_MIN: String(READS),
      RATE_LIMIT_WRITES_PER_MIN: String(WRITES),
      RATE_LIMIT_INVALID_TOKEN_PER_MIN: String(INVALID),
    };
  };
  const admin = (server: ChildServer, method: string, path: string, body?: unknown) =>
    rawRequest(server.url, {
      method,
      path,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  /** A fresh token (its own fresh budget), made through the first server. */
  const newToken = async () => {
    const res = await admin(servers[0], 'POST', '/api/v1/customer-portal/tokens', { client_id: customerId });
    assert.equal(res.status, 201, res.text);
    return res.json as { id: string; token: string };
  };
  const count = (answers: RawAnswer[], status: number) => answers.filter((r) => r.status === status).length;

  before(async () => {
    database = await freshPostgres('multi');
    // The first one seeds the empty database; the second finds it seeded.
    servers = [await startMain(env())];
    servers.push(await startMain(env()));
    const [token] = servers[0].demoTokens().values();
    const session = await rawRequest(servers[0].url, { method: 'GET', path: portal(token, '/session') });
    customerId = (session.json as { customer: { id: string } }).customer.id;
    const catalog = Catalog.parse(
      (await rawRequest(servers[0].url, { method: 'GET', path: portal(token, '/catalog') })).json,
    );
    const pricer = new Pricer(catalog.pricing);
    productId = catalog.products.find((p) => pricer.resolve(p, p.units[0].code, 1, new Date()).orderable)!.id;
  });

  after(async () => {
    for (const server of servers) assert.equal(await server.stop(), 0, server.output());
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it(`reads: 100 concurrent with one token, alternating between the servers, against ${READS} a minute -> exactly ${READS} through`, async () => {
    const { token } = await newToken();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        rawRequest(servers[i % 2].url, { method: 'GET', path: portal(token, '/session') }),
      ),
    );
    assert.equal(count(answers, 200), READS);
    assert.equal(count(answers, 429), 100 - READS);
    for (const server of servers)
      assert.equal((await rawRequest(server.url, { method: 'GET', path: portal(token, '/orders') })).status, 429);
  });

  it(`writes: 50 concurrent checkouts with one token across both servers against ${WRITES} a minute -> exactly ${WRITES} orders`, async () => {
    const { token } = await newToken();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        rawRequest(servers[i % 2].url, {
          method: 'POST',
          path: portal(token, '/orders'),
          headers: { 'content-type': 'application/json', 'idempotency-key': `multi-write-${token.slice(-6)}-${i}` },
          body: JSON.stringify({ lines: [{ product_id: productId, quantity: 1 }] }),
        }),
      ),
    );
    assert.equal(count(answers, 201), WRITES, JSON.stringify(answers.map((a) => a.status)));
    assert.equal(count(answers, 429), 50 - WRITES);
  });

  it(`invalid tokens: 60 concurrent from one address across both servers against ${INVALID} a minute -> exactly ${INVALID} 401s`, async () => {
    const address = freshLoopbackAddress();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        rawRequest(servers[i % 2].url, {
          method: 'GET',
          path: portal(`cpt_wrong-${i}`, '/session'),
          localAddress: address,
        }),
      ),
    );
    assert.equal(count(answers, 401), INVALID);
    assert.equal(count(answers, 429), 60 - INVALID);
  });

  it('the same Idempotency-Key sent concurrently to both servers makes exactly one order; both then replay it', async () => {
    // Two tokens of one customer (keys are per customer), one per server, so the write budgets do not interfere.
    const tokens = [(await newToken()).token, (await newToken()).token];
    const key = `multi-key-${Date.now()}`;
    const body = JSON.stringify({
      lines: [{ product_id: productId, quantity: 3 }],
      note: 'sent to both servers at once',
    });
    const send = (i: number) =>
      rawRequest(servers[i % 2].url, {
        method: 'POST',
        path: portal(tokens[i % 2], '/orders'),
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body,
      });
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => send(i)));
    const statuses = answers.map((a) => a.status);
    assert.ok(
      statuses.every((s) => s === 201 || s === 409),
      `statuses ${statuses}`,
    );
    const placed = answers.filter((a) => a.status === 201);
    console.log(
      `multi-server: one key sent 16 times at once to both servers: ${placed.length} x 201, ${statuses.length - placed.length} x 409`,
    );
    assert.ok(placed.length >= 1);
    assert.equal(new Set(placed.map((a) => (a.json as { id: string }).id)).size, 1, 'every 201 is the same order');
    const order = OrderDetail.parse(placed[0].json);
    const replays = await Promise.all([send(0), send(1)]);
    for (const replay of replays) {
      assert.equal(replay.status, 201);
      assert.equal(replay.headers['idempotency-replayed'], 'true');
      assert.deepEqual(replay.json, order);
    }
    // And in the database itself: one order for the key.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM orders WHERE note = $1', [
        'sent to both servers at once',
      ]);
      assert.equal(rows[0].n, 1);
    } finally {
      await client.end();
    }
  });

  it("an order placed through one server is first in the other server's order list at once, though it had the list cached", async () => {
    const { token } = await newToken();
    const list = async () =>
      OrderList.parse((await rawRequest(servers[1].url, { method: 'GET', path: portal(token, '/orders') })).json);
    const before = await list();
    assert.deepEqual(await list(), before, 'the second read is the cached answer');
    const placed = await rawRequest(servers[0].url, {
      method: 'POST',
      path: portal(token, '/orders'),
      headers: { 'content-type': 'application/json', 'idempotency-key': `multi-list-${token.slice(-6)}` },
      body: JSON.stringify({ lines: [{ product_id: productId, quantity: 2 }] }),
    });
    assert.equal(placed.status, 201, placed.text);
    assert.equal((await list()).items[0].id, (placed.json as { id: string }).id);
    // A change made in the database by something else entirely is seen too.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('UPDATE orders SET status = $1 WHERE id = $2', [
        'confirmed',
        (placed.json as { id: string }).id,
      ]);
    } finally {
      await client.end();
    }
    assert.equal((await list()).items[0].status, 'confirmed');
  });

  it('a token revoked through one server is refused by the other at once', async () => {
    const { id, token } = await newToken();
    assert.equal((await rawRequest(servers[1].url, { method: 'GET', path: portal(token, '/session') })).status, 200);
    assert.equal((await admin(servers[0], 'DELETE', `/api/v1/customer-portal/tokens/${id}`)).status, 204);
    assert.equal((await rawRequest(servers[1].url, { method: 'GET', path: portal(token, '/session') })).status, 401);
  });

  it('a settings change through one server reaches the other within its 1 s cache', async () => {
    const { token } = await newToken();
    const section = () => rawRequest(servers[1].url, { method: 'GET', path: portal(token, '/quotes') });
    assert.equal((await section()).status, 200);
    const changed = Date.now();
    assert.equal(
      (await admin(servers[0], 'PATCH', '/api/v1/workspace/settings', { sections: { quotes: false } })).status,
      200,
    );
    try {
      // Polled, with a deadline: the documented staleness bound is what is measured.
      let status = 200;
      while (status === 200 && Date.now() - changed < 4000) {
        status = (await section()).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const took = Date.now() - changed;
      assert.equal(status, 403, 'the other server still serves the section after 4 s');
      // 1 s of cache, and room for a loaded machine.
      assert.ok(took <= 2500, `seen after ${took} ms`);
      console.log(`multi-server: a settings change reached the other server after ${took} ms`);
    } finally {
      assert.equal(
        (await admin(servers[0], 'PATCH', '/api/v1/workspace/settings', { sections: { quotes: true } })).status,
        200,
      );
    }
  });
});

describe('several instances starting at the same moment on an empty PostgreSQL database', { skip }, () => {
  // Each instance seeds an empty database at start, under an advisory lock: one seeds, the other
  // waits and finds the data there.
  it('both come up, and the demo data is there once', async () => {
    const database = await freshPostgres('race');
    const dirs = [mkdtempSync(join(tmpdir(), 'portal-race-')), mkdtempSync(join(tmpdir(), 'portal-race-'))];
    const started = await Promise.allSettled(
      dirs.map((dir) => startMain({ DATA_DIR: dir, DATABASE_URL: database.url, REDIS_URL: REDIS_URL!, ADMIN_TOKEN })),
    );
    try {
      for (const result of started)
        assert.equal(
          result.status,
          'fulfilled',
          result.status === 'rejected' ? String(result.reason).slice(0, 300) : '',
        );
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ workspaces: string; customers: string }>(
          'SELECT (SELECT count(*) FROM workspace) AS workspaces, (SELECT count(*) FROM customers WHERE archived_at IS NULL) AS customers',
        );
        assert.deepEqual(
          { workspaces: Number(rows[0].workspaces), customers: Number(rows[0].customers) },
          { workspaces: 1, customers: 5 },
        );
      } finally {
        await client.end();
      }
    } finally {
      for (const result of started) if (result.status === 'fulfilled') await result.value.stop();
      await database.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
