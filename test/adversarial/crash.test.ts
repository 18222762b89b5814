/**
 * kill -9 during a burst of checkouts, on SQLite and on PostgreSQL: `demo-server/main.ts` runs as
 * a child process, 16 clients place orders as fast as it answers, and the process is killed while
 * requests are in flight — and certainly while one checkout is inside its transaction: that one's
 * key matches TEST_PAUSE_CHECKOUT_KEYS, so it stops after writing its order and key, says so, and
 * the kill lands there. After a restart on the same data: that order is not there (the
 * transaction was undone); every acknowledged (201) order is there exactly as acknowledged; no
 * order lacks lines, no line lacks its order, every total adds up; every order written has its
 * idempotency record and vice versa (they commit together); and retrying each unacknowledged
 * attempt with its key — waiting out the dead process's claims, whose lock is made short —
 * places exactly one order per key, never a second.
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
/** The dead process's claims on keys lapse after this; retries then take them over. */
const LOCK_SECONDS = 2;
const PAUSED_KEY = 'crash-paused-inside-transaction';

interface Attempt {
  token: string;
  key: string;
  body: { lines: { product_id: string; quantity: number }[]; note: string };
}

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
  const orphanLines = await db
    .selectFrom('order_lines')
    .select('order_id')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('orders').select('id').whereRef('orders.id', '=', 'order_lines.order_id'))),
    )
    .execute();
  assert.deepEqual(orphanLines, [], 'order lines without their order');
  const totals = await db
    .selectFrom('orders')
    .leftJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select([
      'orders.id',
      'orders.number',
      'orders.item_count',
      'orders.subtotal_minor',
      'orders.freight_minor',
      'orders.total_minor',
    ])
    .select((eb) => [
      eb.fn.count<number>('order_lines.order_id').as('lines'),
      sql<number>`coalesce(sum(order_lines.line_total_minor), 0)`.as('line_sum'),
    ])
    .groupBy([
      'orders.id',
      'orders.number',
      'orders.item_count',
      'orders.subtotal_minor',
      'orders.freight_minor',
      'orders.total_minor',
    ])
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
  const done = await db
    .selectFrom('idempotency_keys')
    .select(['scope', 'key', 'order_id'])
    .where('state', '=', 'done')
    .where('key', 'like', 'crash-%')
    .execute();
  const orderOfKey = new Map(done.map((k) => [`${k.scope}/${k.key}`, k.order_id!]));
  const placed = await db
    .selectFrom('orders')
    .select('id')
    .where('created_at', '>=', since)
    .where('channel', '=', 'portal')
    .execute();
  assert.deepEqual(
    new Set(placed.map((o) => o.id)),
    new Set(orderOfKey.values()),
    'orders written = finished idempotency records',
  );
  assert.equal(new Set(orderOfKey.values()).size, orderOfKey.size, 'no two keys share an order');
  return orderOfKey;
}

for (const kind of databaseKinds()) {
  describe(`kill -9 during a burst of checkouts [${kind}]`, () => {
    it('the kill lands inside a checkout transaction; every acknowledged order is whole after a restart; each key ends with exactly one order', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'portal-crash-'));
      const pgDb = kind === 'postgres' ? await freshPostgres('crash') : undefined;
      const env = {
        DATA_DIR: dataDir,
        DATABASE_URL: pgDb?.url ?? '',
        REDIS_URL: '',
        ADMIN_TOKEN,
        RATE_LIMIT_READS_PER_MIN: '1000000',
        RATE_LIMIT_WRITES_PER_MIN: '1000000',
        IDEMPOTENCY_LOCK_SECONDS: String(LOCK_SECONDS),
        TEST_PAUSE_CHECKOUT_KEYS: 'crash-paused-',
      };
      let server: ChildServer | undefined;
      let db: Kysely<Database> | undefined;
      try {
        server = await startMain(env);
        const tokens = await portalTokens(server.url, 4);
        const products = new Map(
          await Promise.all(tokens.map(async (t) => [t, await orderableProducts(server!.url, t)] as const)),
        );
        const since = new Date().toISOString();
        const post = (url: string, attempt: Attempt) =>
          rawRequest(url, {
            method: 'POST',
            path: portal(attempt.token, '/orders'),
            headers: { 'content-type': 'application/json', 'idempotency-key': attempt.key },
            body: JSON.stringify(attempt.body),
          });

        // The burst: WORKERS clients, each placing orders one after the other until the server dies.
        const acked: { attempt: Attempt; order: OrderDetail }[] = [];
        const unacked: Attempt[] = [];
        let inFlight = 0;
        let inFlightAtKill = -1;
        let killed: Promise<void> | undefined;
        const live = server;
        const paused: Attempt = {
          token: tokens[0],
          key: PAUSED_KEY,
          body: { lines: [{ product_id: products.get(tokens[0])![0], quantity: 3 }], note: 'the paused attempt' },
        };
        // Once KILL_AFTER_ACKS orders are acknowledged: one more checkout, which stops inside its
        // transaction; the kill comes as soon as it says it is there.
        const killInsideTransaction = async () => {
          const lost = post(live.url, paused).then(
            (res) => assert.fail(`the paused checkout answered ${res.status}`),
            () => unacked.push(paused),
          );
          await live.waitForOutput(new RegExp(`test pause: checkout ${PAUSED_KEY} is inside its transaction`));
          inFlightAtKill = inFlight;
          await live.kill();
          await lost;
        };
        const worker = async (w: number) => {
          for (let n = 0; ; n++) {
            const token = tokens[(w + n) % tokens.length];
            const ids = products.get(token)!;
            const attempt: Attempt = {
              token,
              key: `crash-${w}-${n}`,
              body: {
                lines: Array.from({ length: 1 + (n % 3) }, (_, i) => ({
                  product_id: ids[(w * 7 + n + i * 3) % ids.length],
                  quantity: 1 + ((w + n + i) % 9),
                })),
                note: `worker ${w} order ${n}`,
              },
            };
            inFlight++;
            try {
              const res = await post(live.url, attempt);
              assert.equal(res.status, 201, res.text);
              acked.push({ attempt, order: OrderDetail.parse(res.json) });
              if (acked.length >= KILL_AFTER_ACKS && !killed) killed = killInsideTransaction();
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
        console.log(
          `crash [${kind}]: killed with one checkout inside its transaction and ${inFlightAtKill} others in flight; ${acked.length} acknowledged, ${unacked.length} not`,
        );
        assert.ok(inFlightAtKill > 0, 'other checkouts were in flight at the kill');
        assert.equal(
          unacked.length,
          WORKERS + 1,
          'every client lost the server, and the paused checkout never answered',
        );

        server = await startMain({ ...env, TEST_PAUSE_CHECKOUT_KEYS: '' });
        const opened = await openDb({ dataDir, databaseUrl: pgDb?.url });
        db = opened.kysely;
        const closeDb = () => opened.close();

        // The paused transaction had written its order and finished its key: the kill undid both.
        const pausedOrders = await db.selectFrom('orders').select('id').where('note', '=', paused.body.note).execute();
        assert.deepEqual(pausedOrders, [], 'the order written inside the killed transaction is gone');
        const pausedKey = await db
          .selectFrom('idempotency_keys')
          .select('state')
          .where('key', '=', PAUSED_KEY)
          .executeTakeFirst();
        assert.equal(
          pausedKey?.state,
          'in_flight',
          'the paused key is still only claimed (its claim committed before the transaction began)',
        );

        // Every acknowledged order, exactly as acknowledged.
        for (const { attempt, order } of acked) {
          const res = await rawRequest(server.url, {
            method: 'GET',
            path: portal(attempt.token, `/orders/${order.id}`),
          });
          assert.equal(res.status, 200, `acknowledged order ${order.number} is gone: ${res.text}`);
          assert.deepEqual(res.json, order, `acknowledged order ${order.number} changed`);
        }
        await checkWhole(db);
        const before = await checkKeysMatchOrders(db, since);
        assert.ok(
          acked.every(({ attempt, order }) =>
            [...before].some(([k, id]) => k.endsWith(`/${attempt.key}`) && id === order.id),
          ),
        );

        // Retrying each lost attempt with its key until it is answered: a key the dead process
        // still holds answers 409 until its lock lapses (LOCK_SECONDS), then the retry takes it over.
        const outcome = new Map<string, { how: string; id: string }>();
        const deadline = Date.now() + LOCK_SECONDS * 1000 + 20_000;
        for (const attempt of unacked) {
          for (;;) {
            const res = await post(server.url, attempt);
            if (res.status === 201) {
              outcome.set(attempt.key, {
                how: res.headers['idempotency-replayed'] ? 'replayed' : 'placed',
                id: (res.json as { id: string }).id,
              });
              break;
            }
            assert.equal(res.status, 409, `retry of ${attempt.key}: ${res.status} ${res.text}`);
            assert.ok(
              Date.now() < deadline,
              `${attempt.key} is still held ${LOCK_SECONDS} s after its lock should have lapsed`,
            );
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
        const count = (how: string) => [...outcome.values()].filter((o) => o.how === how).length;
        console.log(
          `crash [${kind}]: retries of the lost attempts: ${count('replayed')} replayed, ${count('placed')} placed`,
        );
        assert.equal(outcome.get(PAUSED_KEY)?.how, 'placed', 'the paused attempt is placed by its retry, once');

        // One order per key, in the end: the retried keys now point at the orders the retries got;
        // a second retry of each replays that same order.
        const after = await checkKeysMatchOrders(db, since);
        for (const [key, id] of before) assert.equal(after.get(key), id, `${key} now points at another order`);
        const orderOfKey = new Map([...after].map(([scoped, id]) => [scoped.slice(scoped.indexOf('/') + 1), id]));
        for (const attempt of unacked) {
          assert.equal(
            orderOfKey.get(attempt.key),
            outcome.get(attempt.key)!.id,
            `${attempt.key}: its record points at the order its retry got`,
          );
          const again = await post(server.url, attempt);
          assert.equal(again.status, 201, again.text);
          assert.equal(again.headers['idempotency-replayed'], 'true');
          assert.equal(
            (again.json as { id: string }).id,
            outcome.get(attempt.key)!.id,
            `${attempt.key}: a second retry answers the same order`,
          );
        }
        assert.equal(
          after.size,
          acked.length + unacked.length,
          'every attempt has exactly one finished key and one order',
        );
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

/** Portal links for the first `count` customers, made through the admin API. */
async function portalTokens(url: string, count: number): Promise<string[]> {
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const list = await rawRequest(url, { method: 'GET', path: `/api/v1/customers?limit=${count}`, headers: auth });
  assert.equal(list.status, 200, list.text);
  const customers = (list.json as { items: { id: string }[] }).items;
  assert.equal(customers.length, count);
  return Promise.all(
    customers.map(async (c) => {
      // Plain orders for everyone: the demo gives one customer a minimum and one quote requests (issue 17).
      const plain = await rawRequest(url, {
        method: 'PATCH',
        path: `/api/v1/customers/${encodeURIComponent(c.id)}`,
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ minimum_order_minor: null, order_creation_status: 'to_plan' }),
      });
      assert.equal(plain.status, 200, plain.text);
      const res = await rawRequest(url, {
        method: 'POST',
        path: `/api/v1/customer-portal/tokens`,
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: c.id }),
      });
      assert.equal(res.status, 201, res.text);
      return (res.json as { token: string }).token;
    }),
  );
}
