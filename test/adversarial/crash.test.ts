/**
 * kill -9 during a burst of checkouts, on SQLite and on PostgreSQL: `demo-server/main.ts` runs as
 * a child process, 16 clients place orders as fast as it answers, and the process is killed while
 * requests are in flight. After a restart on the same data: every acknowledged (201) order is
 * there exactly as acknowledged; no order lacks lines, no line lacks its order, every total adds
 * up; every order written has its idempotency record and vice versa (they commit together); and
 * retrying each unacknowledged attempt with its key never makes a second order.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { openDb } from '../../demo-server/db/connect.ts';
import type { Database } from '../../demo-server/db/schema.ts';
import { Catalog, OrderDetail } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { databaseKinds, portal } from '../server/harness.ts';
import { freshPostgres, rawRequest, startMain, type ChildServer } from './support.ts';

const WORKERS = 16;
const KILL_AFTER_ACKS = 40;
const ADMIN_TOKEN = 'crash-test-admin-key-0123456789';

interface Attempt { token: string; key: string; body: { lines: { product_id: string; quantity: number }[]; note: string } }

/** Products each token's customer can order now, read through the API and priced with the shared module. */
async function orderableProducts(url: string, token: string): Promise<string[]> {
  const res = await rawRequest(url, { method: 'GET', path: portal(token, '/catalog') });
  assert.equal(res.status, 200, res.text);
  const catalog = Catalog.parse(res.json);
  const pricer = new Pricer(catalog.pricing);
  const now = new Date();
  return catalog.products.filter((p) => pricer.resolve(p, p.units[0].code, 1, now).orderable).map((p) => p.id);
}

/** Sum of lines = subtotal, subtotal + freight = total, item_count = lines, for every order; no orphans either way. */
async function checkWhole(db: Kysely<Database>): Promise<void> {
  const orphanLines = await db.selectFrom('order_lines').select('order_id')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('orders').select('id').whereRef('orders.id', '=', 'order_lines.order_id')))).execute();
  assert.deepEqual(orphanLines, [], 'order lines without their order');
  const totals = await db.selectFrom('orders')
    .leftJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select(['orders.id', 'orders.number', 'orders.item_count', 'orders.subtotal_minor', 'orders.freight_minor', 'orders.total_minor'])
    .select((eb) => [eb.fn.count<number>('order_lines.order_id').as('lines'), sql<number>`coalesce(sum(order_lines.line_total_minor), 0)`.as('line_sum')])
    .groupBy(['orders.id', 'orders.number', 'orders.item_count', 'orders.subtotal_minor', 'orders.freight_minor', 'orders.total_minor'])
    .execute();
  for (const o of totals) {
    if (Number(o.lines) === 0) assert.fail(`order ${o.number} has no lines`);
    assert.equal(Number(o.lines), Number(o.item_count), `${o.number}: item_count`);
    assert.equal(Number(o.line_sum), Number(o.subtotal_minor), `${o.number}: lines add up to the subtotal`);
    assert.equal(Number(o.subtotal_minor) + Number(o.freight_minor), Number(o.total_minor), `${o.number}: total`);
  }
}

/** Every order placed since `since` has a finished idempotency record pointing at it, and every finished record an order. */
async function checkKeysMatchOrders(db: Kysely<Database>, since: string): Promise<Map<string, string>> {
  const done = await db.selectFrom('idempotency_keys').select(['scope', 'key', 'order_id']).where('state', '=', 'done').where('key', 'like', 'crash-%').execute();
  const orderOfKey = new Map(done.map((k) => [`${k.scope}/${k.key}`, k.order_id!]));
  const placed = await db.selectFrom('orders').select('id').where('created_at', '>=', since).where('channel', '=', 'portal').execute();
  assert.deepEqual(new Set(placed.map((o) => o.id)), new Set(orderOfKey.values()), 'orders written = finished idempotency records');
  assert.equal(new Set(orderOfKey.values()).size, orderOfKey.size, 'no two keys share an order');
  return orderOfKey;
}

for (const kind of databaseKinds()) {
  describe(`kill -9 during a burst of checkouts [${kind}]`, () => {
    it('every acknowledged order is there and whole after a restart; nothing is half-written; retries make no second order', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'portal-crash-'));
      const pgDb = kind === 'postgres' ? await freshPostgres('crash') : undefined;
      const env = {
        DATA_DIR: dataDir, DATABASE_URL: pgDb?.url ?? '', REDIS_URL: '', ADMIN_TOKEN,
        RATE_LIMIT_READS_PER_MIN: '1000000', RATE_LIMIT_WRITES_PER_MIN: '1000000',
      };
      let server: ChildServer | undefined;
      let db: Kysely<Database> | undefined;
      try {
        server = await startMain(env);
        const tokens = [...server.demoTokens().values()];
        assert.ok(tokens.length >= 3, server.output());
        const products = new Map(await Promise.all(tokens.map(async (t) => [t, await orderableProducts(server!.url, t)] as const)));
        const since = new Date().toISOString();

        // The burst: WORKERS clients, each placing orders one after the other until the server dies.
        const acked: { attempt: Attempt; order: OrderDetail }[] = [];
        const unacked: Attempt[] = [];
        let inFlight = 0;
        let inFlightAtKill = -1;
        let killed: Promise<void> | undefined;
        const live = server;
        const worker = async (w: number) => {
          for (let n = 0; ; n++) {
            const token = tokens[(w + n) % tokens.length];
            const ids = products.get(token)!;
            const attempt: Attempt = {
              token, key: `crash-${w}-${n}`,
              body: { lines: Array.from({ length: 1 + (n % 3) }, (_, i) => ({ product_id: ids[(w * 7 + n + i * 3) % ids.length], quantity: 1 + ((w + n + i) % 9) })), note: `worker ${w} order ${n}` },
            };
            inFlight++;
            try {
              const res = await rawRequest(live.url, {
                method: 'POST', path: portal(token, '/orders'),
                headers: { 'content-type': 'application/json', 'idempotency-key': attempt.key }, body: JSON.stringify(attempt.body),
              });
              assert.equal(res.status, 201, res.text);
              acked.push({ attempt, order: OrderDetail.parse(res.json) });
              if (acked.length >= KILL_AFTER_ACKS && !killed) {
                inFlightAtKill = inFlight - 1;
                killed = live.kill();
              }
            } catch (error) {
              if (!killed) throw error;
              unacked.push(attempt);
              return;
            } finally {
              inFlight--;
            }
          }
        };
        await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
        await killed;
        console.log(`crash [${kind}]: killed with ${inFlightAtKill} checkouts in flight; ${acked.length} acknowledged, ${unacked.length} not`);
        assert.ok(inFlightAtKill > 0, 'the kill landed during the burst');
        assert.equal(unacked.length, WORKERS, 'every client lost the server');

        server = await startMain(env);
        const opened = await openDb({ dataDir, databaseUrl: pgDb?.url });
        db = opened.kysely;
        const closeDb = () => opened.close();

        // Every acknowledged order, exactly as acknowledged.
        for (const { attempt, order } of acked) {
          const res = await rawRequest(server.url, { method: 'GET', path: portal(attempt.token, `/orders/${order.id}`) });
          assert.equal(res.status, 200, `acknowledged order ${order.number} is gone: ${res.text}`);
          assert.deepEqual(res.json, order, `acknowledged order ${order.number} changed`);
        }
        await checkWhole(db);
        const before = await checkKeysMatchOrders(db, since);
        assert.ok(acked.every(({ attempt, order }) => [...before].some(([k, id]) => k.endsWith(`/${attempt.key}`) && id === order.id)));

        // Retrying each lost attempt with its key: its order (if it was written) or a first one, never a second.
        const retried: string[] = [];
        for (const attempt of unacked) {
          const res = await rawRequest(server.url, {
            method: 'POST', path: portal(attempt.token, '/orders'),
            headers: { 'content-type': 'application/json', 'idempotency-key': attempt.key }, body: JSON.stringify(attempt.body),
          });
          // 409: the dead process's claim holds the key until its lock lapses; the key stays unused meanwhile.
          assert.ok(res.status === 201 || res.status === 409, `retry of ${attempt.key}: ${res.status} ${res.text}`);
          retried.push(res.status === 201 ? (res.headers['idempotency-replayed'] ? 'replayed' : 'placed') : 'held');
        }
        console.log(`crash [${kind}]: retries of the lost attempts: ${['replayed', 'placed', 'held'].map((r) => `${retried.filter((x) => x === r).length} ${r}`).join(', ')}`);
        const after = await checkKeysMatchOrders(db, since);
        for (const [key, id] of before) assert.equal(after.get(key), id, `${key} now points at another order`);
        await checkWhole(db);
        await closeDb();
        db = undefined;
        assert.equal(await server.stop(), 0);
      } finally {
        await server?.kill();
        await db?.destroy();
        await pgDb?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
